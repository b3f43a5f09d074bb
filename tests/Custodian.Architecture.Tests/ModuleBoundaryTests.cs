using Custodian.Testing;

using System.Reflection;

namespace Custodian.Architecture.Tests;

public sealed class ModuleBoundaryTests
{
    [Fact]
    public void Projects_in_src_reference_only_what_their_layer_allows() =>
        Assert.Empty(ModuleBoundaries.Violations(Repository.Src));

    [Fact]
    public void The_rule_catches_a_module_that_references_another_module_or_the_kernel()
    {
        var fixture = Path.Combine(AppContext.BaseDirectory, "Fixtures", "src");

        Assert.Equal(
            ["Custodian.Modules.Training -> Custodian.Modules.Marketplace", "Custodian.Modules.Training -> Custodian.Privacy"],
            ModuleBoundaries.Violations(fixture));
    }

    [Fact]
    public void The_compiled_assemblies_keep_the_same_boundaries()
    {
        // Project files can be bypassed by a raw <Reference>; the compiled metadata cannot.
        var custodian = ProductionAssemblies.Load();
        Assert.Contains(custodian, a => a.GetName().Name == "Custodian.Storage");
        foreach (var assembly in custodian)
        {
            var name = assembly.GetName().Name!;
            var allowed = ModuleBoundaries.AllowedReferences(name);
            if (allowed.Contains("*"))
            {
                continue;
            }

            var references = assembly.GetReferencedAssemblies().Select(r => r.Name!).Where(r => r.StartsWith("Custodian.", StringComparison.Ordinal));
            Assert.All(references, reference => Assert.Contains(reference, allowed));
        }
    }

    [Fact]
    public void The_abstractions_depend_on_nothing_but_the_framework()
    {
        var abstractions = typeof(Privacy.Abstractions.Analytics.IAnalyticsStore).Assembly;

        var references = abstractions.GetReferencedAssemblies().Select(r => r.Name!).ToList();

        Assert.All(references, r => Assert.True(r.StartsWith("System", StringComparison.Ordinal) || r == "netstandard", r));
    }
}
