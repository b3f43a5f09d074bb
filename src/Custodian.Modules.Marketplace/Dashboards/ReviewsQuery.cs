using Custodian.Modules.Marketplace.Accounts;
using Custodian.Modules.Marketplace.Collection.Ozon;
using Custodian.Modules.Marketplace.Collection.Wildberries;
using static Custodian.Modules.Marketplace.Dashboards.AnalyticsRows;

namespace Custodian.Modules.Marketplace.Dashboards;

internal sealed record ReviewDay(DateOnly Day, long Reviews, long Unanswered);

/// <param name="Week">The Monday of the week (the first and last week may be cut by the period).</param>
internal sealed record ReviewWeek(DateOnly Week, long Reviews, decimal? AverageRating);

internal sealed record ReviewedProduct(MarketplaceKind Marketplace, long Sku, string Article, long Reviews, decimal AverageRating);

/// <summary>An unanswered review, without its text (which lives encrypted in the module's records, see <see cref="Reviews.BuyerReviewTexts"/>).</summary>
internal sealed record UnansweredReview(Guid AccountId, MarketplaceKind Marketplace, string ReviewId, DateTime PublishedAtUtc, long Sku, string Article, int Rating, bool HasText);

/// <summary>One of an Ozon account's ratings as of its latest snapshot.</summary>
internal sealed record OzonSellerRating(DashboardAccount Account, DateOnly AsOf, string Rating, string Name, decimal Value, string Status);

/// <param name="Stars">Reviews by stars, 5 down to 1; <see cref="Unrated"/> counts ratings outside 1–5 (none expected, never hidden).</param>
internal sealed record ReviewNumbers(
    long Reviews, long Unanswered, decimal? AverageRating, IReadOnlyList<ReviewDay> Days, IReadOnlyList<ReviewWeek> Weeks, IReadOnlyList<(int Stars, long Reviews)> Stars, long Unrated,
    IReadOnlyList<ReviewedProduct> Lowest, IReadOnlyList<UnansweredReview> LatestUnanswered, IReadOnlyList<OzonSellerRating> OzonRatings)
{
    public bool IsEmpty => Reviews == 0;
}

/// <summary>
/// Reviews published in the period (Moscow day of publication). Wildberries: the feedbacks lists, unanswered = the
/// review was in the "not answered" list at the last collection. Ozon: <c>/v1/review/list</c>, unanswered = status
/// <c>UNPROCESSED</c> (Ozon's published statuses are <c>UNPROCESSED</c> and <c>PROCESSED</c>; a review becomes processed
/// when the seller answers it or marks it so). Ozon's seller rating is the latest daily snapshot, whatever the period.
/// </summary>
internal sealed class ReviewsQuery(AnalyticsRows rows)
{
    /// <summary>How many products the "lowest rated" list holds.</summary>
    public const int LowestCount = 10;

    /// <summary>How many unanswered reviews the page shows with their text.</summary>
    public const int LatestCount = 20;

    public async Task<ReviewNumbers> RunAsync(IReadOnlyList<DashboardAccount> accounts, DashboardFilter filter, CancellationToken cancellationToken)
    {
        var byDayAndStars = new List<(DateOnly Day, int Rating, long Reviews, long Unanswered)>();
        var products = new List<ReviewedProduct>();
        var unanswered = new List<UnansweredReview>();
        var ratings = new List<OzonSellerRating>();
        var wildberries = OverviewQuery.Tenants(accounts, MarketplaceKind.Wildberries);
        if (wildberries.Count > 0)
        {
            var reads = (Privacy.Abstractions.Analytics.AnalyticsTable[])[WildberriesFeedbacks.Facts, .. ProductAttributeSql.Reads(filter)];

            // A review's supplierArticle is nullable as published; the product card names the article then.
            var cards = (await rows.QueryAsync(new Sql($"SELECT nm_id, max(vendor_code) AS vendor_code FROM {WildberriesCards.Cards} WHERE").Tenants(wildberries).Append($" GROUP BY nm_id"), [WildberriesCards.Cards], cancellationToken))
                .ToDictionary(r => Long(r[0]), r => Text(r[1]));
            string Article(object? sku, object? article) => Text(article) is { Length: > 0 } given ? given : cards.GetValueOrDefault(Long(sku), string.Empty);
            foreach (var row in await rows.QueryAsync(WildberriesDays(wildberries, filter), reads, cancellationToken))
            {
                byDayAndStars.Add((Day(row[0]), (int)Long(row[1]), Long(row[2]), Long(row[3])));
            }

            foreach (var row in await rows.QueryAsync(WildberriesProducts(wildberries, filter), reads, cancellationToken))
            {
                products.Add(new ReviewedProduct(MarketplaceKind.Wildberries, Long(row[0]), Article(row[0], row[1]), Long(row[2]), Average(Long(row[3]), Long(row[2]))));
            }

            foreach (var row in await rows.QueryAsync(WildberriesUnanswered(wildberries, filter), reads, cancellationToken))
            {
                unanswered.Add(new UnansweredReview(Guid.ParseExact(Text(row[0]), "N"), MarketplaceKind.Wildberries, Text(row[1]), Instant(row[2]), Long(row[3]), Article(row[3], row[4]), (int)Long(row[5]), Long(row[6]) > 0));
            }
        }

        var ozonAccounts = accounts.Where(a => a.Marketplace == MarketplaceKind.Ozon).ToList();
        var ozon = filter.ByProductAttributes ? [] : OverviewQuery.Tenants(accounts, MarketplaceKind.Ozon);
        if (ozon.Count > 0)
        {
            var articles = (await rows.QueryAsync(new Sql($"SELECT sku, max(offer_id) AS offer_id FROM {OzonProducts.Products} WHERE").Tenants(ozon).Append($" GROUP BY sku"), [OzonProducts.Products], cancellationToken))
                .ToDictionary(r => Long(r[0]), r => Text(r[1]));
            foreach (var row in await rows.QueryAsync(OzonDays(ozon, filter), [OzonReviews.Facts], cancellationToken))
            {
                byDayAndStars.Add((Day(row[0]), (int)Long(row[1]), Long(row[2]), Long(row[3])));
            }

            foreach (var row in await rows.QueryAsync(OzonProductsSql(ozon, filter), [OzonReviews.Facts], cancellationToken))
            {
                products.Add(new ReviewedProduct(MarketplaceKind.Ozon, Long(row[0]), articles.GetValueOrDefault(Long(row[0]), string.Empty), Long(row[1]), Average(Long(row[2]), Long(row[1]))));
            }

            foreach (var row in await rows.QueryAsync(OzonUnanswered(ozon, filter), [OzonReviews.Facts], cancellationToken))
            {
                var sku = Long(row[3]);
                unanswered.Add(new UnansweredReview(Guid.ParseExact(Text(row[0]), "N"), MarketplaceKind.Ozon, Text(row[1]), Instant(row[2]), sku, articles.GetValueOrDefault(sku, string.Empty), (int)Long(row[4]), Long(row[5]) > 0));
            }
        }

        // The seller rating belongs to the account, not to products: shown for every selected Ozon account, brand or not.
        foreach (var account in ozonAccounts)
        {
            foreach (var row in await rows.QueryAsync(OzonRatings(account.Tenant), [OzonRating.Ratings], cancellationToken))
            {
                ratings.Add(new OzonSellerRating(account, Day(row[0]), Text(row[1]), Text(row[2]), Decimal(row[3]), Text(row[4])));
            }
        }

        return Summarise(filter, byDayAndStars, products, unanswered, ratings);
    }

    private static ReviewNumbers Summarise(DashboardFilter filter, List<(DateOnly Day, int Rating, long Reviews, long Unanswered)> facts, List<ReviewedProduct> products, List<UnansweredReview> unanswered, List<OzonSellerRating> ratings)
    {
        var rated = facts.Where(f => f.Rating is >= 1 and <= 5).ToList();
        var days = Enumerable.Range(0, filter.Days).Select(i => filter.From.AddDays(i))
            .Select(d => new ReviewDay(d, facts.Where(f => f.Day == d).Sum(f => f.Reviews), facts.Where(f => f.Day == d).Sum(f => f.Unanswered))).ToList();
        var weeks = days.GroupBy(d => WeekOf(d.Day)).Select(w =>
        {
            var inWeek = rated.Where(f => WeekOf(f.Day) == w.Key).ToList();
            return new ReviewWeek(w.Key, w.Sum(d => d.Reviews), inWeek.Count == 0 ? null : Average(inWeek.Sum(f => f.Rating * f.Reviews), inWeek.Sum(f => f.Reviews)));
        }).ToList();
        var ratedReviews = rated.Sum(f => f.Reviews);
        return new ReviewNumbers(
            facts.Sum(f => f.Reviews), facts.Sum(f => f.Unanswered), ratedReviews == 0 ? null : Average(rated.Sum(f => f.Rating * f.Reviews), ratedReviews), days, weeks,
            [.. Enumerable.Range(1, 5).Reverse().Select(s => (s, rated.Where(f => f.Rating == s).Sum(f => f.Reviews)))], facts.Where(f => f.Rating is < 1 or > 5).Sum(f => f.Reviews),
            [.. products.OrderBy(p => p.AverageRating).ThenByDescending(p => p.Reviews).ThenBy(p => p.Marketplace).ThenBy(p => p.Sku).Take(LowestCount)],
            [.. unanswered.OrderByDescending(u => u.PublishedAtUtc).ThenBy(u => u.Marketplace).ThenBy(u => u.AccountId).ThenBy(u => u.ReviewId, StringComparer.Ordinal).Take(LatestCount)],
            [.. ratings.OrderBy(r => r.Account.Id).ThenBy(r => r.Rating, StringComparer.Ordinal)]);
    }

    /// <summary>The Monday of the day's week.</summary>
    public static DateOnly WeekOf(DateOnly day) => day.AddDays(-(((int)day.DayOfWeek + 6) % 7));

    private static decimal Average(long sum, long count) => Math.Round((decimal)sum / count, 2);

    internal static Sql WildberriesDays(IReadOnlyList<string> tenants, DashboardFilter filter) =>
        new Sql($"SELECT day_local, rating, count(*) AS reviews, sum(CASE WHEN is_answered THEN 0 ELSE 1 END) AS unanswered FROM {WildberriesFeedbacks.Facts} WHERE")
            .Tenants(tenants).Days("day_local", filter).Products(filter, "nm_id", hasBrandAndCategory: false).WildberriesAttributes(filter, tenants, "nm_id").Append($" GROUP BY day_local, rating");

    internal static Sql WildberriesProducts(IReadOnlyList<string> tenants, DashboardFilter filter) =>
        new Sql($"SELECT nm_id, max(supplier_article) AS article, count(*) AS reviews, sum(rating) AS stars FROM {WildberriesFeedbacks.Facts} WHERE")
            .Tenants(tenants).Days("day_local", filter).Products(filter, "nm_id", hasBrandAndCategory: false).WildberriesAttributes(filter, tenants, "nm_id").Append($" GROUP BY nm_id");

    internal static Sql WildberriesUnanswered(IReadOnlyList<string> tenants, DashboardFilter filter) =>
        new Sql($"SELECT account_id, feedback_id, created_at, nm_id, supplier_article, rating, text_length FROM {WildberriesFeedbacks.Facts} WHERE NOT is_answered AND")
            .Tenants(tenants).Days("day_local", filter).Products(filter, "nm_id", hasBrandAndCategory: false).WildberriesAttributes(filter, tenants, "nm_id")
            .Append($" ORDER BY created_at DESC, account_id, feedback_id LIMIT {LatestCount}");

    internal static Sql OzonDays(IReadOnlyList<string> tenants, DashboardFilter filter) =>
        new Sql($"SELECT day_local, rating, count(*) AS reviews, sum(CASE WHEN status = 'UNPROCESSED' THEN 1 ELSE 0 END) AS unanswered FROM {OzonReviews.Facts} WHERE")
            .Tenants(tenants).Days("day_local", filter).Products(filter, "sku", hasBrandAndCategory: false).Append($" GROUP BY day_local, rating");

    internal static Sql OzonProductsSql(IReadOnlyList<string> tenants, DashboardFilter filter) =>
        new Sql($"SELECT sku, count(*) AS reviews, sum(rating) AS stars FROM {OzonReviews.Facts} WHERE")
            .Tenants(tenants).Days("day_local", filter).Products(filter, "sku", hasBrandAndCategory: false).Append($" GROUP BY sku");

    internal static Sql OzonUnanswered(IReadOnlyList<string> tenants, DashboardFilter filter) =>
        new Sql($"SELECT account_id, review_id, published_at, sku, rating, text_length FROM {OzonReviews.Facts} WHERE status = 'UNPROCESSED' AND")
            .Tenants(tenants).Days("day_local", filter).Products(filter, "sku", hasBrandAndCategory: false)
            .Append($" ORDER BY published_at DESC, account_id, review_id LIMIT {LatestCount}");

    /// <summary>The account's ratings of its latest snapshot day (one account per query: both engines read this subquery alike).</summary>
    internal static Sql OzonRatings(string tenant) =>
        new Sql($"SELECT day_local, rating, name, current_value, status FROM {OzonRating.Ratings} WHERE account_id = {tenant} AND day_local = (SELECT max(day_local) FROM {OzonRating.Ratings} WHERE account_id = {tenant}) ORDER BY rating");
}
