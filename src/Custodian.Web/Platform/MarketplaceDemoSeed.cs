using Custodian.Modules.Marketplace;
using Custodian.Modules.Marketplace.Accounts;
using Custodian.Modules.Marketplace.Sellers;
using Custodian.Modules.Marketplace.Subscriptions;
using Custodian.Privacy.Abstractions.Identifiers;
using Custodian.Privacy.Abstractions.Protection;
using Custodian.Simulators.Ozon;
using Custodian.Simulators.Wildberries;
using Microsoft.EntityFrameworkCore;

namespace Custodian.Web.Platform;

/// <summary>
/// Demo sellers with Wildberries and Ozon accounts whose keys the demo simulators accept (<see cref="DemoSimulators"/>), so
/// the embedded defaults show real-looking data. Run by <c>custodian demo seed</c> and, when simulators are on and no
/// seller exists yet, when the web host starts. Idempotent: a demo seller that exists is left as it is.
/// </summary>
public sealed class MarketplaceDemoSeed(IServiceScopeFactory scopes, IConfiguration configuration, TimeProvider clock)
{
    /// <summary>Demo sellers: each has a Wildberries account and, when the Ozon stand-in runs, an Ozon account on the given plan.</summary>
    public static readonly (int Seed, string Email, string Name, OzonPlan Plan)[] Sellers =
    [
        (1, "demo.seller1@example.ru", "Анна Продавцова", OzonPlan.PremiumPlus),
        (2, "demo.seller2@example.ru", "Илья Демидов", OzonPlan.Basic),
    ];

    /// <summary>Creates the demo sellers and accounts that are missing; returns how many accounts were connected and the sellers' ids.</summary>
    public async Task<(int Connected, IReadOnlyList<Guid> SellerIds)> SeedAsync(CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var services = scope.ServiceProvider;
        var db = services.GetRequiredService<MarketplaceDb>();
        var vault = services.GetRequiredService<IPersonalDataVault>();
        var tokens = new WildberriesTokens(DemoSimulators.DemoWildberriesKey);
        var ozonKeys = configuration.GetValue(DemoSimulators.OzonStandInSetting, false) ? new OzonKeys(DemoSimulators.DemoOzonKey) : null;
        var connect = services.GetRequiredService<ConnectMarketplaceAccount>();
        var created = 0;
        var sellerIds = new List<Guid>();
        foreach (var (seed, email, name, plan) in Sellers)
        {
            var index = vault.BlindIndexOf(IdentifierType.Email, email);
            var sellerId = await db.Sellers.Where(s => s.EmailIndex == index).Select(s => (Guid?)s.Id).FirstOrDefaultAsync(cancellationToken)
                ?? (await services.GetRequiredService<AddSeller>().AddAsync(email, name, "operator", confirmed: true, cancellationToken)).Id;
            sellerIds.Add(sellerId);
            await KeepPlanAsync(services.GetRequiredService<ISellerSubscriptions>(), sellerId, seed, cancellationToken);
            var connected = await db.Accounts.Where(a => a.SellerId == sellerId).Select(a => a.Marketplace).ToListAsync(cancellationToken);
            if (!connected.Contains(MarketplaceKind.Wildberries))
            {
                await connect.ConnectWildberriesAsync(sellerId, tokens.Issue(seed, WildberriesCategories.All, clock.GetUtcNow().AddDays(180)), cancellationToken);
                created++;
            }

            if (ozonKeys is not null && !connected.Contains(MarketplaceKind.Ozon))
            {
                var (clientId, apiKey) = ozonKeys.Issue(seed, plan);
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

    public async Task<bool> AnySellerAsync(CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<MarketplaceDb>().Sellers.AnyAsync(cancellationToken);
    }
}
