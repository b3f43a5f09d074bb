using Custodian.Modules.Marketplace.Accounts;
using Custodian.Modules.Marketplace.Collection.Ozon;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace Custodian.Modules.Marketplace.Dashboards;

/// <summary>Why a dataset of one account has nothing (or less than everything) to show.</summary>
internal enum CoverageGap
{
    /// <summary>No collection of the dataset has finished for the account yet.</summary>
    NotCollectedYet,

    /// <summary>A Wildberries token without the access category the dataset needs (the marketplace refuses it).</summary>
    MissingCategory,

    /// <summary>The last run collected what it could and said what it could not (e.g. an Ozon plan without the method).</summary>
    Notice,

    /// <summary>The last run failed; the numbers may be behind until the next one.</summary>
    LastRunFailed,
}

/// <param name="Detail">The Wildberries category, or the run's notice.</param>
internal sealed record CoverageNote(DashboardAccount Account, string Dataset, CoverageGap Gap, string? Detail);

/// <summary>
/// What the selected accounts lack for a page, read from the collection checkpoints (their notices and failures) and
/// the access categories of Wildberries tokens, so a page says why it is empty instead of showing zeros.
/// </summary>
internal sealed class DatasetCoverage(MarketplaceDb db, IStringLocalizer<MarketplaceText> t)
{
    /// <param name="needs">Per marketplace, the datasets the page reads and the Wildberries token category each needs.</param>
    public async Task<IReadOnlyList<CoverageNote>> GapsAsync(IReadOnlyList<DashboardAccount> accounts, IReadOnlyList<(MarketplaceKind Marketplace, string Dataset, string? Category)> needs, CancellationToken cancellationToken)
    {
        var ids = accounts.Select(a => a.Id).ToList();
        var datasets = needs.Select(n => n.Dataset).Distinct().ToList();
        var checkpoints = await db.Checkpoints.AsNoTracking().Where(c => ids.Contains(c.AccountId) && datasets.Contains(c.Dataset))
            .Select(c => new { c.AccountId, c.Dataset, c.LastSuccessUtc, c.LastError, c.Notice, c.RowsLoaded }).ToListAsync(cancellationToken);
        var categories = await db.Accounts.AsNoTracking().Where(a => ids.Contains(a.Id) && a.Marketplace == MarketplaceKind.Wildberries)
            .Select(a => new { a.Id, a.KeyCategories }).ToDictionaryAsync(a => a.Id, a => a.KeyCategories, cancellationToken);
        var gaps = new List<CoverageNote>();
        foreach (var account in accounts)
        {
            foreach (var (_, dataset, category) in needs.Where(n => n.Marketplace == account.Marketplace))
            {
                var granted = categories.GetValueOrDefault(account.Id)?.Split(',', StringSplitOptions.RemoveEmptyEntries);
                var checkpoint = checkpoints.FirstOrDefault(c => c.AccountId == account.Id && c.Dataset == dataset);
                if (category is not null && granted is not null && !granted.Contains(category, StringComparer.Ordinal))
                {
                    gaps.Add(new CoverageNote(account, dataset, CoverageGap.MissingCategory, category));
                }
                else if (checkpoint?.Notice is { } notice)
                {
                    gaps.Add(new CoverageNote(account, dataset, CoverageGap.Notice, notice));
                }
                else if (checkpoint is null || (checkpoint.LastSuccessUtc is null && checkpoint.RowsLoaded == 0))
                {
                    gaps.Add(new CoverageNote(account, dataset, CoverageGap.NotCollectedYet, null));
                }
                else if (checkpoint.LastError is not null)
                {
                    gaps.Add(new CoverageNote(account, dataset, CoverageGap.LastRunFailed, null));
                }
            }
        }

        return gaps;
    }

    /// <summary>A note as the seller reads it: which account, which report, why, and what to do.</summary>
    public string Explain(CoverageNote note)
    {
        var account = (note.Account.Marketplace == MarketplaceKind.Wildberries ? "Wildberries" : "Ozon") + " · " + note.Account.KeyTail;
        var report = t[Collection.DatasetCatalog.TitleOf(note.Dataset)];
        return note.Gap switch
        {
            CoverageGap.MissingCategory => t["{0}: the key has no access to the “{1}” category, so Wildberries does not give “{2}”. Create a key with this category in the seller portal and replace it on your account page.", account, t[CategoryTitle(note.Detail)], report],
            CoverageGap.Notice => t["{0}, “{1}”: {2}", account, report, NoticeText(note.Detail!)],
            CoverageGap.NotCollectedYet => t["{0}: “{1}” has not been collected yet. The first collection runs within a few hours of adding the key.", account, report],
            _ => t["{0}: the last collection of “{1}” failed; we retry on schedule, so the numbers may be behind.", account, report],
        };
    }

    /// <summary>Notices the collectors give in English; the known ones are told in the seller's language.</summary>
    private string NoticeText(string notice) => notice switch
    {
        OzonAnalytics.FunnelNotAvailable => t["Ozon gives views and carts only with the Premium Plus subscription; orders are shown, views and carts are not."],
        OzonReviews.NotAvailable => t["Ozon gives reviews through its API only with the Premium Plus subscription."],
        _ => t[notice],
    };

    private static string CategoryTitle(string? category) => category switch
    {
        "analytics" => "Analytics",
        "feedbacks" => "Questions and reviews",
        "statistics" => "Statistics",
        "content" => "Content",
        _ => category ?? string.Empty,
    };

    /// <summary>The datasets the Funnel page reads.</summary>
    public static readonly IReadOnlyList<(MarketplaceKind, string, string?)> Funnel =
        [(MarketplaceKind.Wildberries, "wb-funnel", "analytics"), (MarketplaceKind.Ozon, "ozon-analytics", null)];

    /// <summary>The datasets the Geography page reads.</summary>
    public static readonly IReadOnlyList<(MarketplaceKind, string, string?)> Geography =
        [(MarketplaceKind.Wildberries, "wb-orders", "statistics"), (MarketplaceKind.Wildberries, "wb-sales", "statistics"), (MarketplaceKind.Ozon, "ozon-fbo", null), (MarketplaceKind.Ozon, "ozon-fbs", null)];

    /// <summary>The datasets the Reviews page reads.</summary>
    public static readonly IReadOnlyList<(MarketplaceKind, string, string?)> Reviews =
        [(MarketplaceKind.Wildberries, "wb-feedbacks", "feedbacks"), (MarketplaceKind.Ozon, "ozon-reviews", null), (MarketplaceKind.Ozon, "ozon-rating", null)];
}
