using Custodian.Privacy.Abstractions.Requests;
using Custodian.Privacy.Abstractions.Retention;
using Custodian.Privacy.Declarations;
using Custodian.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace Custodian.Architecture.Tests;

/// <summary>
/// Every register declared in registers/ is served by what really runs: the web host's own composition, resolved the
/// way a request or the retention sweep resolves it (<see cref="ModuleContract"/>).
/// </summary>
public sealed class ModuleContractTests(ITestOutputHelper output)
{
    /// <summary>
    /// Registers whose module is not built yet, and declared categories no module stores yet. Each module that lands
    /// takes its entries out (the test fails while a served entry stays in); nothing is stubbed to get out of here.
    /// </summary>
    public static readonly IReadOnlyDictionary<string, string> Pending = new Dictionary<string, string>(StringComparer.Ordinal)
    {
        ["guidance/health"] = "health information: the guidance module has no health section yet",
        ["guidance/surveys"] = "question sets: the guidance module asks no questions yet",
        ["guidance-city/health"] = "health information: the guidance module has no health section yet",
        ["guidance-city/surveys"] = "question sets: the guidance module asks no questions yet",
        ["marketplace-buyers/buyer-delivery"] = "recipients of FBS/DBS postings: the collectors drop names, phones and addresses, nothing stores them",
    };

    private static readonly IReadOnlySet<string> PendingSet = Pending.Keys.ToHashSet(StringComparer.Ordinal);

    [Fact]
    public async Task Every_built_register_has_one_module_provider_and_a_retention_target_for_each_destroying_rule()
    {
        output.WriteLine("Pending (not served yet, shrinks as modules land):");
        foreach (var (entry, why) in Pending.OrderBy(p => p.Key, StringComparer.Ordinal))
        {
            output.WriteLine($"  {entry}: {why}");
        }

        var problems = await CheckCompositionAsync(Path.Combine(Repository.Root, "registers"), PendingSet, (providers, targets) =>
        {
            Assert.Contains(providers, p => p.Name == "marketplace-sellers");
            Assert.Contains(targets, t => t.Name == "marketplace-sellers");
            Assert.Contains(targets, t => t.Name == "marketplace-buyers");
        });

        Assert.Empty(problems);
    }

    [Fact]
    public async Task A_register_of_a_built_module_without_provider_or_retention_target_is_reported_and_a_processor_register_needs_only_the_target()
    {
        using var registers = new TemporaryFolder();
        foreach (var yaml in Directory.EnumerateFiles(Path.Combine(Repository.Root, "registers"), "*.yaml").Concat(Directory.EnumerateFiles(Path.Combine(AppContext.BaseDirectory, "Fixtures", "registers"), "*.yaml")))
        {
            File.Copy(yaml, registers.File(Path.GetFileName(yaml)));
        }

        var problems = await CheckCompositionAsync(registers.Path, PendingSet);
        var pendingToo = await CheckCompositionAsync(registers.Path, new HashSet<string>(PendingSet) { "marketplace-leads", "marketplace-couriers" });

        var folder = Path.GetFileName(registers.Path);
        Assert.Equal(
        [
            // A processor register needs no provider (its requests go to the controller), but its rules must run.
            $"{folder}/marketplace-couriers.yaml: register marketplace-couriers: category courier (delete P30D after collected) has no IRetentionTarget executing its rule",
            $"{folder}/marketplace-leads.yaml: register marketplace-leads: no module IPersonalDataProvider answers for it (build its module's provider, or name the register as pending)",
            $"{folder}/marketplace-leads.yaml: register marketplace-leads: category contact (delete P1Y after collected) has no IRetentionTarget executing its rule",
        ], problems);
        Assert.Empty(pendingToo);
    }

    [Fact]
    public async Task A_pending_entry_that_a_module_now_serves_is_reported_so_the_set_only_shrinks()
    {
        var problems = await CheckCompositionAsync(Path.Combine(Repository.Root, "registers"), new HashSet<string>(PendingSet) { "marketplace-sellers", "marketplace-sellers/correspondence", "shoe-shop" });

        Assert.Equal(
        [
            "pending 'shoe-shop': no such register is declared",
            "registers/marketplace-sellers.yaml: register marketplace-sellers: is pending, but marketplace-sellers, technical-access, marketplace-sellers-access-log serve(s) it now: take it out of the pending set",
        ], problems);
    }

    /// <summary>
    /// Builds the web host (not started) on <paramref name="registersFolder"/> and checks the providers and retention
    /// targets it registers, resolved in a request scope as the request workflow and the retention sweep resolve them.
    /// </summary>
    private static async Task<IReadOnlyList<string>> CheckCompositionAsync(string registersFolder, IReadOnlySet<string> pending, Action<List<IPersonalDataProvider>, List<IRetentionTarget>>? also = null)
    {
        using var data = new TemporaryFolder();
        var app = Web.Program.Build(["--Storage:DataDirectory=" + data.Path, "--Privacy:RegistersPath=" + registersFolder, .. QuietHost.Args]);
        try
        {
            await using var scope = app.Services.CreateAsyncScope();
            var services = scope.ServiceProvider;
            List<IPersonalDataProvider> providers = [.. services.GetServices<IPersonalDataProvider>()];
            List<IRetentionTarget> targets = [.. services.GetServices<IRetentionTarget>()];
            also?.Invoke(providers, targets);
            return ModuleContract.Check(services.GetRequiredService<RegisterCatalog>().Registers, providers, targets, pending);
        }
        finally
        {
            await app.DisposeAsync();
        }
    }
}
