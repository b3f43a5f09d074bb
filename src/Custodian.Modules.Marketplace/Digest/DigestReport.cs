using System.Globalization;
using Custodian.Modules.Marketplace.Accounts;
using Custodian.Modules.Marketplace.Dashboards;

namespace Custodian.Modules.Marketplace.Digest;

/// <summary>One account's line of a digest over several accounts.</summary>
internal sealed record DigestAccountLine(DashboardAccount Account, OverviewNumbers Numbers);

/// <summary>What a person's digest of <paramref name="Day"/> says, over the accounts they see.</summary>
/// <param name="NegativeReviews">Reviews rated 1–3 published from <paramref name="ReviewsSince"/> to the day.</param>
internal sealed record DigestFigures(
    DateOnly Day, IReadOnlyList<DashboardAccount> Accounts, OverviewNumbers Yesterday, OverviewNumbers DayBefore, IReadOnlyList<DigestAccountLine> ByAccount,
    IReadOnlyList<StockAlert> LowStock, DateOnly ReviewsSince, long NegativeReviews, decimal? Margin);

/// <summary>
/// The figures of a digest from the dashboards' own queries (Overview, Stocks, Reviews), so the message and the
/// dashboard never disagree, and its text: short, in the person's language, numbers as the dashboards write them.
/// Only what the dashboards show the seller appears; review texts and buyers never do.
/// </summary>
internal sealed class DigestReport(DashboardScope scope, OverviewQuery overview, StocksDashboard stocks, ReviewsQuery reviews, IDigestMargin margin)
{
    /// <summary>How many low-stock SKUs the message names (the rest are counted).</summary>
    public const int NamedSkus = 3;

    /// <summary>Reviews are looked at for this many days back at most, however long the person had the digest off.</summary>
    public const int ReviewDaysAtMost = 7;

    /// <summary>The figures of <paramref name="day"/> over what the seller sees, or null when they see no account.</summary>
    public async Task<DigestFigures?> FiguresAsync(Guid sellerId, DateOnly day, DateOnly reviewsSince, CancellationToken cancellationToken)
    {
        var accounts = await scope.VisibleAsync(sellerId, cancellationToken);
        if (accounts.Count == 0)
        {
            return null;
        }

        var twoDays = new DashboardFilter(day.AddDays(-1), day, "custom", false, null, null, null, null, null);
        var totals = await overview.RunAsync(accounts, twoDays, cancellationToken);
        var byAccount = new List<DigestAccountLine>();
        if (accounts.Count > 1)
        {
            foreach (var account in accounts)
            {
                byAccount.Add(new DigestAccountLine(account, (await overview.RunAsync([account], twoDays with { From = day }, cancellationToken)).Totals));
            }
        }

        await stocks.TablesAsync(accounts, twoDays, cancellationToken);
        var since = reviewsSince > day ? day : reviewsSince < day.AddDays(1 - ReviewDaysAtMost) ? day.AddDays(1 - ReviewDaysAtMost) : reviewsSince;
        var reviewed = await reviews.RunAsync(accounts, twoDays with { From = since }, cancellationToken);
        return new DigestFigures(
            day, accounts, totals.Days[1].Numbers, totals.Days[0].Numbers, byAccount, stocks.Alerts, since,
            reviewed.Stars.Where(s => s.Stars <= 3).Sum(s => s.Reviews), await margin.YesterdayMarginAsync(accounts, day, cancellationToken));
    }

    /// <summary>The subject of the digest's mail.</summary>
    public static string Subject(DigestFigures figures, SellerLanguage t) =>
        t.Format("Digest for {0}: orders {1}, revenue {2}", Day(figures.Day, t), Count(figures.Yesterday.Orders, t), Money(figures.Yesterday.Revenue, t));

    /// <summary>The digest's text; <paramref name="turnOff"/> is the last line (the bot command, or the mail's link).</summary>
    public static string Text(DigestFigures figures, SellerLanguage t, string dashboardLink, string turnOff)
    {
        ArgumentNullException.ThrowIfNull(figures);
        ArgumentNullException.ThrowIfNull(t);
        var (now, before, dayBefore) = (figures.Yesterday, figures.DayBefore, figures.Day.AddDays(-1));
        var lines = new List<string>
        {
            t.Format("Digest for {0}", Day(figures.Day, t)) + " · " + (figures.Accounts.Count == 1
                ? Name(figures.Accounts[0])
                : t.Format("all your accounts ({0})", figures.Accounts.Count)),
            string.Empty,
            t.Format("Orders: {0}", Count(now.Orders, t)) + " " + Change(now.Orders, before.Orders, t) + " " + string.Format(t.Culture, "({0}: {1})", Short(dayBefore, t), Count(before.Orders, t)),
            t.Format("Revenue: {0}", Money(now.Revenue, t)) + " " + Change(now.Revenue, before.Revenue, t) + " " + string.Format(t.Culture, "({0}: {1})", Short(dayBefore, t), Money(before.Revenue, t)),
            figures.Margin is { } m ? t.Format("Margin: {0}", Money(m, t)) : t["Margin: appears once you upload cost prices."],
        };
        if (figures.LowStock.Count == 0)
        {
            lines.Add(t["Stocks: nothing is running low."]);
        }
        else
        {
            lines.Add(t.Format("Running low: {0} SKU", Count(figures.LowStock.Count, t)));
            foreach (var alert in figures.LowStock.Take(NamedSkus))
            {
                var what = alert.Fact.Article is { Length: > 0 } article ? article : alert.Fact.Sku.ToString(CultureInfo.InvariantCulture);
                lines.Add("• " + (alert.DaysLeft is { } days
                    ? t.Format("{0} ({1}): {2} pcs. left, about {3} d.", what, alert.Fact.Account.Marketplace, Count(alert.Fact.Stock ?? 0, t), Count(days, t))
                    : t.Format("{0} ({1}): {2} pcs. left", what, alert.Fact.Account.Marketplace, Count(alert.Fact.Stock ?? 0, t))));
            }
        }

        lines.Add(figures.NegativeReviews == 0
            ? t["New negative reviews (1–3 ★): none."]
            : t.Format("New negative reviews (1–3 ★): {0}", Count(figures.NegativeReviews, t)));
        if (figures.ByAccount.Count > 1)
        {
            lines.Add(string.Empty);
            lines.Add(t["By account:"]);
            lines.AddRange(figures.ByAccount.Select(a => "• " + t.Format("{0}: orders {1}, revenue {2}", Name(a.Account), Count(a.Numbers.Orders, t), Money(a.Numbers.Revenue, t))));
        }

        lines.Add(string.Empty);
        lines.Add(t.Format("Dashboard: {0}", dashboardLink));
        lines.Add(turnOff);
        return string.Join("\n", lines);
    }

    /// <summary>"▲ +12,5 %", "▼ −3 %", "= 0 %"; nothing to compare with when the day before had none.</summary>
    public static string Change(decimal now, decimal before, SellerLanguage t)
    {
        if (before == 0m)
        {
            return now == 0m ? "=\u00a00\u00a0%" : "▲";
        }

        var percent = Math.Round((now - before) / Math.Abs(before) * 100m, 1);
        var arrow = percent > 0 ? "▲" : percent < 0 ? "▼" : "=";
        return arrow + " " + percent.ToString("+0.#;−0.#;0", t.Culture) + "\u00a0%";
    }

    /// <summary>Whole roubles with the language's digit grouping: "12 345 ₽" (kopecks would only clutter a morning message).</summary>
    public static string Money(decimal value, SellerLanguage t) => Math.Round(value, 0, MidpointRounding.AwayFromZero).ToString("N0", t.Culture) + "\u00a0₽";

    private static string Count(long value, SellerLanguage t) => value.ToString("N0", t.Culture);

    private static string Day(DateOnly day, SellerLanguage t) => day.ToString("dd.MM.yyyy", t.Culture);

    private static string Short(DateOnly day, SellerLanguage t) => day.ToString("dd.MM", t.Culture);

    private static string Name(DashboardAccount account) => (account.Marketplace == MarketplaceKind.Wildberries ? "Wildberries" : "Ozon") + " " + account.KeyTail;
}
