using System.Reflection;

namespace Custodian.Architecture.Tests;

/// <summary>The Custodian assemblies that ship (everything built next to the tests except test code).</summary>
internal static class ProductionAssemblies
{
    public static IReadOnlyList<Assembly> Load() =>
        Directory.EnumerateFiles(AppContext.BaseDirectory, "Custodian.*.dll")
            .Select(path => Path.GetFileNameWithoutExtension(path))
            .Where(name => !name.EndsWith(".Tests", StringComparison.Ordinal) && name != "Custodian.Testing")
            .Select(name => Assembly.Load(new AssemblyName(name)))
            .ToList();
}
