using Custodian.Modules.Marketplace;
using Custodian.Modules.Marketplace.Accounts;
using Custodian.Modules.Marketplace.Sellers;
using Custodian.Modules.Marketplace.Subscriptions;
using Custodian.Privacy.Abstractions.Identifiers;
using Custodian.Privacy.Abstractions.Protection;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.EntityFrameworkCore;

namespace Custodian.Modules.Marketplace.Demo;

/// <summary>
/// Demo sellers with Wildberries and Ozon accounts whose keys the demo's stand-ins accept (<see cref="IMarketplaceDemoKeys"/>, which the host
/// provides when it runs them), so
/// the embedded defaults show real-looking data. Run by <c>custodian demo seed</c> and, when simulators are on and no
/// seller exists yet, when the web host starts. Idempotent: a demo seller that exists is left as it is.
/// </summary>
internal sealed class MarketplaceDemoSeed(IServiceScopeFactory scopes, IEnumerable<IMarketplaceDemoKeys> demoKeys, TimeProvider clock)
{
    /// <summary>Demo sellers: each has a Wildberries account and, when the Ozon stand-in runs, an Ozon account.</summary>
    public static readonly (int Seed, string Email, string Name)[] Sellers =
    [
        (1, "demo.seller1@example.ru", "Анна Продавцова"),
        (2, "demo.seller2@example.ru", "Илья Демидов"),
    ];

    /// <summary>Creates the demo sellers and accounts that are missing; returns how many accounts were connected and the sellers' ids.</summary>
    public async Task<(int Connected, IReadOnlyList<Guid> SellerIds)> SeedAsync(CancellationToken cancellationToken)
    {
        var keys = demoKeys.FirstOrDefault() ?? throw new MarketplaceInputException("demo", "The demo data needs the demo's stand-ins for the marketplaces (Simulators:Enabled=true).");
        await using var scope = scopes.CreateAsyncScope();
        var services = scope.ServiceProvider;
        var db = services.GetRequiredService<MarketplaceDb>();
        var vault = services.GetRequiredService<IPersonalDataVault>();
        var connect = services.GetRequiredService<ConnectMarketplaceAccount>();
        var created = 0;
        var sellerIds = new List<Guid>();
        foreach (var (seed, email, name) in Sellers)
        {
            var index = vault.BlindIndexOf(IdentifierType.Email, email);
            var sellerId = await db.Sellers.Where(s => s.EmailIndex == index).Select(s => (Guid?)s.Id).FirstOrDefaultAsync(cancellationToken)
                ?? (await services.GetRequiredService<AddSeller>().AddAsync(email, name, "operator", confirmed: true, cancellationToken)).Id;
            sellerIds.Add(sellerId);
            await KeepPlanAsync(services.GetRequiredService<ISellerSubscriptions>(), sellerId, seed, cancellationToken);
            var connected = await db.Accounts.Where(a => a.SellerId == sellerId).Select(a => a.Marketplace).ToListAsync(cancellationToken);
            if (!connected.Contains(MarketplaceKind.Wildberries))
            {
                await connect.ConnectWildberriesAsync(sellerId, keys.WildberriesToken(seed, clock.GetUtcNow().AddDays(180)), cancellationToken);
                created++;
            }

            await SeedCostsAsync(db, sellerId, keys.WildberriesCosts(seed), cancellationToken);

            if (keys.OzonKeys(seed) is var (clientId, apiKey) && !connected.Contains(MarketplaceKind.Ozon))
            {
                await connect.ConnectOzonAsync(sellerId, clientId, apiKey, cancellationToken);
                created++;
            }
        }

        return (created, sellerIds);
    }

    /// <summary>The first demo seller pays for a year of Business; the other is on the trial; a demo seller whose plan lapsed gets a month of Business, so the demo keeps collecting.</summary>
    private static async Task KeepPlanAsync(ISellerSubscriptions subscriptions, Guid sellerId, int seed, CancellationToken cancellationToken)
    {
        var state = await subscriptions.StateAsync(sellerId, cancellationToken);
        if (seed == 1 && state is { Plan.Id: "trial", Next: null })
        {
            await subscriptions.RecordPaidPeriodAsync(sellerId, SellerPlan.Business.Id, 12, cancellationToken);
        }
        else if (state is { Active: false })
        {
            await subscriptions.RecordPaidPeriodAsync(sellerId, SellerPlan.Business.Id, 1, cancellationToken);
        }
    }

    /// <summary>Cost prices of the demo's Wildberries account from the start of its history, once (the seller's own changes are kept).</summary>
    private async Task SeedCostsAsync(MarketplaceDb db, Guid sellerId, IReadOnlyList<(long Sku, decimal Cost)> costs, CancellationToken cancellationToken)
    {
        var account = await db.Accounts.Where(a => a.SellerId == sellerId && a.Marketplace == MarketplaceKind.Wildberries).Select(a => (Guid?)a.Id).FirstOrDefaultAsync(cancellationToken);
        if (account is not { } id || costs.Count == 0 || await db.CostPrices.AnyAsync(c => c.AccountId == id, cancellationToken))
        {
            return;
        }

        var now = clock.GetUtcNow().UtcDateTime;
        var from = DateOnly.FromDateTime(now).AddDays(-365);
        db.CostPrices.AddRange(costs.Select(c => new Economics.CostPriceRecord { Id = Guid.CreateVersion7(), SellerId = sellerId, AccountId = id, Sku = c.Sku, Cost = c.Cost, ValidFrom = from, UpdatedAtUtc = now }));
        await db.SaveChangesAsync(cancellationToken);
    }

    public async Task<bool> AnySellerAsync(CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<MarketplaceDb>().Sellers.AnyAsync(cancellationToken);
    }
}

/// <summary>Seeds the demo sellers when the app starts with the demo's stand-ins and no seller exists yet (<c>Demo:SeedOnStart</c>, default on).</summary>
internal sealed class SeedDemoOnStart(MarketplaceDemoSeed seed, IEnumerable<IMarketplaceDemoKeys> demoKeys) : IHostedService
{
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        if (demoKeys.Any() && !await seed.AnySellerAsync(cancellationToken))
        {
            await seed.SeedAsync(cancellationToken);
        }
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
