using System.Xml.Linq;

namespace Custodian.Architecture.Tests;

/// <summary>
/// Which Custodian projects a project under src/ may reference. Modules meet only through the privacy kernel's
/// contracts; the kernel and storage never reach up into modules or hosts; simulators share nothing with the
/// production clients that talk to them. Web and Cli compose everything.
/// </summary>
internal static class ModuleBoundaries
{
    private const string Abstractions = "Custodian.Privacy.Abstractions";

    public static IReadOnlyList<string> AllowedReferences(string project) => project switch
    {
        Abstractions => [],
        "Custodian.Storage" => [Abstractions],
        "Custodian.Privacy" => [Abstractions, "Custodian.Storage"],
        "Custodian.Simulators" => [],
        _ when project.StartsWith("Custodian.Modules.", StringComparison.Ordinal) => [Abstractions],
        "Custodian.Identity" => [Abstractions], // a slice like the modules: sessions and staff accounts, through the kernel's contracts
        "Custodian.Web" or "Custodian.Cli" => ["*"],
        _ => throw new InvalidOperationException($"{project} has no boundary rule yet: add one to ModuleBoundaries before adding the project."),
    };

    /// <summary>Every project under <paramref name="srcFolder"/> with the Custodian projects it references.</summary>
    public static IReadOnlyDictionary<string, IReadOnlyList<string>> ProjectReferences(string srcFolder) =>
        Directory.EnumerateFiles(srcFolder, "*.csproj", SearchOption.AllDirectories)
            .ToDictionary(
                path => Path.GetFileNameWithoutExtension(path),
                path => (IReadOnlyList<string>)XDocument.Load(path).Descendants("ProjectReference")
                    .Select(r => Path.GetFileNameWithoutExtension(r.Attribute("Include")!.Value.Replace('\\', '/')))
                    .ToList());

    public static IReadOnlyList<string> Violations(string srcFolder) =>
        ProjectReferences(srcFolder)
            .SelectMany(project => project.Value
                .Where(reference => AllowedReferences(project.Key) is var allowed && !allowed.Contains("*") && !allowed.Contains(reference))
                .Select(reference => $"{project.Key} -> {reference}"))
            .Order(StringComparer.Ordinal)
            .ToList();
}
