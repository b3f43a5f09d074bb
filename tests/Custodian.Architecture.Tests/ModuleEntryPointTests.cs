using System.Reflection;
using System.Reflection.Emit;

namespace Custodian.Architecture.Tests;

/// <summary>Hosts (and, later, other modules) reach a module only through its public entry points.</summary>
public sealed class ModuleEntryPointTests
{
    private static readonly IReadOnlyList<Assembly> Modules = [.. ProductionAssemblies.Load().Where(ModuleEntryPoints.IsModule)];

    [Fact]
    public void The_hosts_use_only_the_public_entry_points_of_modules()
    {
        Assert.NotEmpty(Modules);
        foreach (var host in ProductionAssemblies.Load().Where(a => !ModuleEntryPoints.IsModule(a)).Append(typeof(Cli.CustodianCommand).Assembly))
        {
            using var image = File.OpenRead(host.Location);
            Assert.Empty(ModuleEntryPoints.Violations(image, Modules));
        }
    }

    [Fact]
    public void A_module_shows_its_internals_only_to_tests_and_the_benchmarks()
    {
        foreach (var module in Modules)
        {
            var name = module.GetName().Name!;
            Assert.All(ModuleEntryPoints.InternalsGrantedTo(module), friend =>
                Assert.True(friend == name + ".Tests" || friend is "Custodian.Browser.Tests" or "Custodian.Benchmarks" or "Custodian.Testing", $"{name} shows its internals to {friend}"));
        }
    }

    [Fact]
    public void A_module_makes_public_only_its_entry_points()
    {
        // Add/Map and the command set, and the contracts a host implements for the module. Anything else is internal:
        // its pages, use cases and records are the module's own.
        var publicTypes = Modules.SelectMany(m => m.GetExportedTypes()).Select(t => t.FullName!).Order(StringComparer.Ordinal);

        Assert.Equal(
            [
                "Custodian.Modules.Billing.BillingModule",
                "Custodian.Modules.Billing.Cli.BillingCommandSet",
                "Custodian.Modules.Guidance.Cli.GuidanceCommandSet",
                "Custodian.Modules.Guidance.GuidanceModule",
                "Custodian.Modules.Marketplace.Cli.MarketplaceCommandSet",
                "Custodian.Modules.Marketplace.Demo.IMarketplaceDemoKeys",
                "Custodian.Modules.Marketplace.MarketplaceModule",
                "Custodian.Modules.Training.Cli.TrainingCommandSet",
                "Custodian.Modules.Training.TrainingModule",
            ],
            publicTypes);
    }

    [Fact]
    public void The_rule_catches_an_assembly_that_reaches_into_a_module()
    {
        // A fixture host compiled here: a field of a module's internal type and a call of an internal member.
        var marketplace = Assert.Single(Modules, m => m.GetName().Name == "Custodian.Modules.Marketplace");
        var hidden = marketplace.GetType("Custodian.Modules.Marketplace.Sellers.SellerAccounts", throwOnError: true)!;
        var fixture = new PersistedAssemblyBuilder(new AssemblyName("Custodian.Fixtures.Host"), typeof(object).Assembly);
        var type = fixture.DefineDynamicModule("Custodian.Fixtures.Host").DefineType("Host", TypeAttributes.Public | TypeAttributes.Sealed | TypeAttributes.Abstract);
        type.DefineField("accounts", hidden, FieldAttributes.Public | FieldAttributes.Static);
        type.CreateType();
        using var image = new MemoryStream();
        fixture.Save(image);
        image.Position = 0;

        Assert.Equal(["Custodian.Fixtures.Host -> Custodian.Modules.Marketplace: Custodian.Modules.Marketplace.Sellers.SellerAccounts"], ModuleEntryPoints.Violations(image, Modules));
    }
}
