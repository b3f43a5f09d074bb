using System.Globalization;
using Custodian.Modules.Marketplace.Sellers;
using Custodian.Privacy.Abstractions.Subscriptions;
using Microsoft.EntityFrameworkCore;

namespace Custodian.Modules.Marketplace.Subscriptions;

/// <summary>
/// The marketplace's plans and a seller's standing on them, for billing (ADR 0026): the plans and their limits are the
/// marketplace's, their prices are billing's. Russian for Russian readers, English otherwise (the service is Russian).
/// </summary>
internal sealed class PlanCatalogue(MarketplaceDb db, TimeProvider clock, Microsoft.Extensions.Options.IOptions<PlanGraceOptions> grace) : ISubscriptionPlans
{
    public IReadOnlyList<PlanTerms> Plans(CultureInfo culture)
    {
        ArgumentNullException.ThrowIfNull(culture);
        var russian = culture.TwoLetterISOLanguageName == "ru";
        return [.. new[] { SellerPlan.Trial }.Concat(SellerPlan.Paid).Select(p => new PlanTerms(p.Id, russian ? p.NameRu : p.NameEn, Limits(p, russian)))];
    }

    public async Task<PlanStanding?> StandingAsync(string account, CancellationToken cancellationToken)
    {
        if (SellerOf(account) is not { } sellerId
            || await db.Sellers.AsNoTracking().Where(s => s.Id == sellerId).Select(s => new { s.CreatedAtUtc, s.Language }).FirstOrDefaultAsync(cancellationToken) is not { } seller)
        {
            return null;
        }

        var createdAtUtc = seller.CreatedAtUtc;

        var now = clock.GetUtcNow().UtcDateTime;
        var periods = await db.Subscriptions.AsNoTracking().Where(p => p.SellerId == sellerId).OrderBy(p => p.StartsAtUtc).ToListAsync(cancellationToken);
        var state = SellerSubscriptions.Compute(createdAtUtc, periods, 0, now, grace.Value.Grace);
        var ahead = periods.Where(p => p.EndsAtUtc > now && p.EndsAtUtc > p.StartsAtUtc)
            .Select(p => new PaidPeriod(p.PlanId, Utc(p.StartsAtUtc), Utc(p.EndsAtUtc), p.PriceAmount, p.PriceCurrency)).ToList();
        return new PlanStanding(state.Plan.Id, state.Active, Utc(state.EndsAtUtc), ahead, seller.Language ?? "ru");
    }

    /// <summary>The seller an account id names (<c>seller-</c> and the id in 32 hex digits), or null.</summary>
    internal static Guid? SellerOf(string? account) =>
        account is { Length: 39 } && account.StartsWith("seller-", StringComparison.Ordinal) && Guid.TryParseExact(account[7..], "N", out var id) && SellerSession.AccountId(id) == account ? id : null;

    private static string Limits(SellerPlan plan, bool russian) => russian
        ? string.Create(CultureInfo.InvariantCulture, $"Сбор до {plan.MaxAccounts} {(plan.MaxAccounts % 10 == 1 && plan.MaxAccounts % 100 != 11 ? "аккаунта" : "аккаунтов")} маркетплейсов одновременно")
        : string.Create(CultureInfo.InvariantCulture, $"Collects up to {plan.MaxAccounts} marketplace account{(plan.MaxAccounts == 1 ? string.Empty : "s")} at a time");

    private static DateTimeOffset Utc(DateTime utc) => new(DateTime.SpecifyKind(utc, DateTimeKind.Utc));
}
