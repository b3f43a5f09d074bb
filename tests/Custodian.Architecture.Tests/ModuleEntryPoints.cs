using System.Reflection;
using System.Reflection.Metadata;
using System.Reflection.PortableExecutable;

namespace Custodian.Architecture.Tests;

/// <summary>
/// A module is used only through its public entry points (<c>XModule.AddX/MapX</c>, its command set, the contracts a
/// host implements for it). This reads the compiled metadata of an assembly — which a raw reference or reflection in
/// source cannot hide — and lists every type or member it references in a module that is not public.
/// </summary>
internal static class ModuleEntryPoints
{
    public static bool IsModule(Assembly assembly) => assembly.GetName().Name!.StartsWith("Custodian.Modules.", StringComparison.Ordinal);

    /// <summary>Who may see a module's internals: only its own tests and the benchmarks.</summary>
    public static IReadOnlyList<string> InternalsGrantedTo(Assembly module) =>
        [.. module.GetCustomAttributes<System.Runtime.CompilerServices.InternalsVisibleToAttribute>().Select(a => a.AssemblyName).Order(StringComparer.Ordinal)];

    public static IReadOnlyList<string> Violations(Stream peImage, IReadOnlyList<Assembly> modules)
    {
        ArgumentNullException.ThrowIfNull(modules);
        using var pe = new PEReader(peImage, PEStreamOptions.LeaveOpen);
        var metadata = pe.GetMetadataReader();
        var byName = modules.ToDictionary(m => m.GetName().Name!, StringComparer.Ordinal);
        var user = metadata.GetString(metadata.GetAssemblyDefinition().Name);
        var violations = new SortedSet<string>(StringComparer.Ordinal);
        foreach (var handle in metadata.TypeReferences)
        {
            if (Resolve(metadata, handle, byName) is var (assemblyName, fullName, type) && type is not { IsVisible: true })
            {
                violations.Add($"{user} -> {assemblyName}: {fullName}");
            }
        }

        foreach (var handle in metadata.MemberReferences)
        {
            var member = metadata.GetMemberReference(handle);
            if (member.Parent.Kind == HandleKind.TypeReference
                && Resolve(metadata, (TypeReferenceHandle)member.Parent, byName) is (var assemblyName, var fullName, { IsVisible: true } type))
            {
                var name = metadata.GetString(member.Name);
                const BindingFlags Everything = BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.Instance | BindingFlags.Static | BindingFlags.DeclaredOnly;
                var found = type.GetMember(name, Everything);
                if (found.Length > 0 && !found.Any(IsPublic))
                {
                    violations.Add($"{user} -> {assemblyName}: {fullName}.{name}");
                }
            }
        }

        return [.. violations];
    }

    private static bool IsPublic(MemberInfo member) => member switch
    {
        MethodBase method => method.IsPublic || method.IsFamily || method.IsFamilyOrAssembly,
        FieldInfo field => field.IsPublic || field.IsFamily || field.IsFamilyOrAssembly,
        _ => true,
    };

    private static (string Assembly, string FullName, Type? Type)? Resolve(MetadataReader metadata, TypeReferenceHandle handle, Dictionary<string, Assembly> modules)
    {
        var reference = metadata.GetTypeReference(handle);
        var name = metadata.GetString(reference.Name);
        switch (reference.ResolutionScope.Kind)
        {
            case HandleKind.AssemblyReference:
                var assemblyName = metadata.GetString(metadata.GetAssemblyReference((AssemblyReferenceHandle)reference.ResolutionScope).Name);
                if (!modules.TryGetValue(assemblyName, out var module))
                {
                    return null;
                }

                var ns = metadata.GetString(reference.Namespace);
                var fullName = ns.Length > 0 ? ns + "." + name : name;
                return (assemblyName, fullName, module.GetType(fullName, throwOnError: false));
            case HandleKind.TypeReference when Resolve(metadata, (TypeReferenceHandle)reference.ResolutionScope, modules) is var (outerAssembly, outerName, outer):
                return (outerAssembly, outerName + "+" + name, outer?.GetNestedType(name, BindingFlags.Public | BindingFlags.NonPublic));
            default:
                return null;
        }
    }
}
