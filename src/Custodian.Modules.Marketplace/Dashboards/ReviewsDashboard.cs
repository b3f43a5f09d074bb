using Custodian.Modules.Marketplace.Accounts;
using Custodian.Modules.Marketplace.Reviews;
using Microsoft.Extensions.Localization;

namespace Custodian.Modules.Marketplace.Dashboards;

/// <summary>
/// The Reviews and ratings page's widgets: totals, the average rating by week, new reviews by day, reviews by stars, the
/// lowest-rated products, the latest unanswered reviews and Ozon's seller rating.
/// </summary>
internal sealed class ReviewsDashboard(ReviewsQuery query, DatasetCoverage coverage, BuyerReviewReader texts, IStringLocalizer<MarketplaceText> t) : IDashboard
{
    /// <summary>The accounts of the last <see cref="TablesAsync"/> (the only ones whose review texts may be opened).</summary>
    private IReadOnlyList<DashboardAccount> _accounts = [];

    public string Id => "reviews";

    /// <summary>The numbers of the last <see cref="TablesAsync"/>.</summary>
    public ReviewNumbers? Numbers { get; private set; }

    /// <summary>Why some of the selected accounts have no reviews or rating to show, in the seller's language.</summary>
    public IReadOnlyList<string> Gaps { get; private set; } = [];

    public async Task<IReadOnlyList<DashboardTable>> TablesAsync(IReadOnlyList<DashboardAccount> accounts, DashboardFilter filter, CancellationToken cancellationToken)
    {
        var numbers = Numbers = await query.RunAsync(accounts, filter, cancellationToken);
        _accounts = accounts;
        Gaps = [.. (await coverage.GapsAsync(accounts, DatasetCoverage.Reviews, cancellationToken)).Select(coverage.Explain)];
        var empty = numbers.IsEmpty;
        return
        [
            new DashboardTable("reviews-totals", t["Reviews in the period"],
                [new(t["Reviews"], ColumnKind.Count), new(t["Average rating"], ColumnKind.Count), new(t["Unanswered"], ColumnKind.Count)],
                empty ? [] : [[numbers.Reviews, numbers.AverageRating, numbers.Unanswered]]),
            new DashboardTable("rating-by-week", t["Average rating by week"],
                [new(t["Week from"], ColumnKind.Day), new(t["Reviews"], ColumnKind.Count), new(t["Average rating"], ColumnKind.Count)],
                empty ? [] : [.. numbers.Weeks.Select(w => new object?[] { w.Week, w.Reviews, w.AverageRating })]) { Chart = new ChartSpec("line", [2]) },
            new DashboardTable("reviews-by-day", t["New reviews by day"],
                [new(t["Day"], ColumnKind.Day), new(t["New reviews"], ColumnKind.Count), new(t["Of them unanswered"], ColumnKind.Count)],
                empty ? [] : [.. numbers.Days.Select(d => new object?[] { d.Day, d.Reviews, d.Unanswered })]) { Chart = new ChartSpec("bar", [1, 2]) },
            new DashboardTable("reviews-by-stars", t["Reviews by stars"],
                [new(t["Stars"], ColumnKind.Text), new(t["Reviews"], ColumnKind.Count), new(t["Share of reviews"], ColumnKind.Percent)],
                empty ? [] :
                [
                    .. numbers.Stars.Select(s => new object?[] { new string('★', s.Stars), s.Reviews, AnalyticsRows.Percent(s.Reviews, numbers.Reviews) }),
                    .. numbers.Unrated > 0 ? [new object?[] { t["Without stars"].Value, numbers.Unrated, AnalyticsRows.Percent(numbers.Unrated, numbers.Reviews) }] : Array.Empty<object?[]>(),
                ]) { Chart = new ChartSpec("bar", [1]) },
            new DashboardTable("lowest-rated", t["Products with the lowest average rating"],
                [new(t["Marketplace"], ColumnKind.Text), new(t["SKU"], ColumnKind.Text), new(t["Article"], ColumnKind.Text), new(t["Reviews"], ColumnKind.Count), new(t["Average rating"], ColumnKind.Count)],
                [.. numbers.Lowest.Select(p => new object?[] { MarketplaceName(p.Marketplace), AnalyticsRows.Sku(p.Sku), p.Article, p.Reviews, p.AverageRating })]),
            // The buyers' words are left out of this table on purpose: it is what CSV/XLSX export writes, and a review text is
            // personal data of the buyer (register marketplace-buyers) kept encrypted under the account's key and destroyed
            // with it. A downloaded file would outlive that destruction, so the texts appear only on the page (UnansweredTextsAsync).
            new DashboardTable("unanswered", t["Latest unanswered reviews"],
                [new(t["Published"], ColumnKind.Day), new(t["Marketplace"], ColumnKind.Text), new(t["SKU"], ColumnKind.Text), new(t["Article"], ColumnKind.Text), new(t["Stars"], ColumnKind.Count)],
                [.. numbers.LatestUnanswered.Select(u => new object?[] { Collection.MarketplaceValues.MoscowDay(u.PublishedAtUtc), MarketplaceName(u.Marketplace), AnalyticsRows.Sku(u.Sku), u.Article, (long)u.Rating })]),
            new DashboardTable("ozon-rating", t["Ozon seller rating"],
                [new(t["Account"], ColumnKind.Text), new(t["As of"], ColumnKind.Day), new(t["Indicator"], ColumnKind.Text), new(t["Value"], ColumnKind.Count), new(t["Status"], ColumnKind.Text)],
                [.. numbers.OzonRatings.Select(r => new object?[] { r.Account.KeyTail, r.AsOf, r.Name, r.Value, RatingStatus(r.Status) })]),
        ];
    }

    /// <summary>
    /// The texts of <see cref="ReviewNumbers.LatestUnanswered"/>, in the same order, for the seller's page only; opened
    /// from the records per request for the accounts of the last <see cref="TablesAsync"/> (those the seller may see).
    /// </summary>
    public async Task<IReadOnlyList<ReviewText>> UnansweredTextsAsync(CancellationToken cancellationToken) =>
        Numbers is not { } numbers ? [] : await texts.TextsAsync([.. numbers.LatestUnanswered.Select(u => (u.AccountId, u.ReviewId))], [.. _accounts.Select(a => a.Id)], cancellationToken);

    private static string MarketplaceName(MarketplaceKind marketplace) => marketplace == MarketplaceKind.Wildberries ? "Wildberries" : "Ozon";

    /// <summary>Ozon's rating statuses as published (<c>OK</c>, <c>WARNING</c>, <c>CRITICAL</c>, <c>UNKNOWN_STATUS</c>); anything else as sent.</summary>
    private string RatingStatus(string status) => status switch
    {
        "OK" => t["Fine"],
        "WARNING" => t["Needs attention"],
        "CRITICAL" => t["Critical"],
        "UNKNOWN_STATUS" or "" => t["Unknown"],
        _ => status,
    };
}
