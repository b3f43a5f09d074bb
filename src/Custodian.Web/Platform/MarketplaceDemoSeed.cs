using Custodian.Modules.Marketplace;
using Custodian.Modules.Marketplace.Accounts;
using Custodian.Modules.Marketplace.Sellers;
using Custodian.Privacy.Abstractions.Identifiers;
using Custodian.Privacy.Abstractions.Protection;
using Custodian.Simulators.Wildberries;
using Microsoft.EntityFrameworkCore;

namespace Custodian.Web.Platform;

/// <summary>
/// Demo sellers with Wildberries accounts whose tokens the demo simulator accepts (<see cref="DemoSimulators"/>), so
/// the embedded defaults show real-looking data. Run by <c>custodian demo seed</c> and, when simulators are on and no
/// seller exists yet, when the web host starts. Idempotent: a demo seller that exists is left as it is.
/// </summary>
public sealed class MarketplaceDemoSeed(IServiceScopeFactory scopes, TimeProvider clock)
{
    public static readonly (int Seed, string Email, string Name)[] Sellers =
    [
        (1, "demo.seller1@example.ru", "Анна Продавцова"),
        (2, "demo.seller2@example.ru", "Илья Демидов"),
    ];

    /// <summary>Creates the demo sellers and accounts that are missing; returns how many accounts were connected.</summary>
    public async Task<int> SeedAsync(CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var services = scope.ServiceProvider;
        var db = services.GetRequiredService<MarketplaceDb>();
        var vault = services.GetRequiredService<IPersonalDataVault>();
        var tokens = new WildberriesTokens(DemoSimulators.DemoWildberriesKey);
        var created = 0;
        foreach (var (seed, email, name) in Sellers)
        {
            var index = vault.BlindIndexOf(IdentifierType.Email, email);
            var sellerId = await db.Sellers.Where(s => s.EmailIndex == index).Select(s => (Guid?)s.Id).FirstOrDefaultAsync(cancellationToken)
                ?? (await services.GetRequiredService<AddSeller>().AddAsync(email, name, "operator", confirmed: true, cancellationToken)).Id;
            if (await db.Accounts.AnyAsync(a => a.SellerId == sellerId, cancellationToken))
            {
                continue;
            }

            var token = tokens.Issue(seed, WildberriesCategories.All, clock.GetUtcNow().AddDays(180));
            await services.GetRequiredService<ConnectMarketplaceAccount>().ConnectWildberriesAsync(sellerId, token, cancellationToken);
            created++;
        }

        return created;
    }

    public async Task<bool> AnySellerAsync(CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<MarketplaceDb>().Sellers.AnyAsync(cancellationToken);
    }
}
