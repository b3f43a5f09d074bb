namespace Custodian.Modules.Marketplace.Collection;

/// <summary>
/// <c>Marketplace:Sync</c> settings of the collection runs (<c>Enabled</c> and <c>Interval</c> of the schedule are read by
/// <see cref="CollectionRound"/>). <c>LoadBatchRows</c>: rows stored in one go, and so how far a sync that dies
/// falls back (the checkpoint moves after each stored batch); tests make it small to see resumption mid-dataset.
/// <c>MaxRejectedPercent</c>: above this share of unreadable items in one run (or with one page of nothing but
/// unreadable items) the dataset fails with the reason instead of reporting success.
/// </summary>
internal sealed class MarketplaceSyncOptions
{
    public const string Section = "Marketplace:Sync";

    public int LoadBatchRows { get; set; } = DatasetRun.LoadBatchRows;

    [System.ComponentModel.DataAnnotations.Range(0.0, 100.0)]
    public double MaxRejectedPercent { get; set; } = 1.0;
}

/// <summary>
/// <c>Marketplace:Wildberries</c>: where each Wildberries host is and how fast it may be called. <c>BaseUrl</c> sends
/// every host to one address (a proxy, a stand-in); <c>Hosts:{group}</c> overrides one host; without either the real
/// hosts are used. <c>RequestsPerMinute:{group}</c> overrides the documented limit of a method group (<c>RequestsPerMinute:all</c> of every group).
/// </summary>
internal sealed class WildberriesOptions
{
    public const string Section = "Marketplace:Wildberries";

    public static readonly IReadOnlyDictionary<string, string> RealHosts = new Dictionary<string, string>(StringComparer.Ordinal)
    {
        ["common"] = "https://common-api.wildberries.ru/",
        ["statistics"] = "https://statistics-api.wildberries.ru/",
        ["content"] = "https://content-api.wildberries.ru/",
        ["analytics"] = "https://seller-analytics-api.wildberries.ru/",
        ["prices"] = "https://discounts-prices-api.wildberries.ru/",
        ["feedbacks"] = "https://feedbacks-api.wildberries.ru/",
        ["finance"] = "https://finance-api.wildberries.ru/",
    };

    /// <summary>Documented limits per token (requests per minute) of the method groups the collectors use.</summary>
    public static readonly IReadOnlyDictionary<string, double> DocumentedRequestsPerMinute = new Dictionary<string, double>(StringComparer.Ordinal)
    {
        ["common"] = 60,
        ["statistics"] = 1,
        ["content"] = 100,
        ["analytics"] = 3,
        ["prices"] = 100,
        ["feedbacks"] = 180,
        ["finance"] = 1,
    };

    public string? BaseUrl { get; set; }

    /// <summary>Finance report rows per request (the API allows up to 100 000).</summary>
    public int FinancePageSize { get; set; } = 100_000;

    /// <summary>Reviews per request (the API allows up to 5000).</summary>
    public int FeedbacksPageSize { get; set; } = 5000;

    public Dictionary<string, string> Hosts { get; } = new(StringComparer.Ordinal);

    public Dictionary<string, double> RequestsPerMinute { get; } = new(StringComparer.Ordinal);

    public Uri HostOf(string group) => new(
        Hosts.TryGetValue(group, out var host) ? host : BaseUrl is { Length: > 0 } baseUrl ? baseUrl : RealHosts[group],
        UriKind.Absolute);

    public double RequestsPerMinuteOf(string group) =>
        RequestsPerMinute.TryGetValue(group, out var configured) || RequestsPerMinute.TryGetValue(AllGroups, out configured) ? configured : DocumentedRequestsPerMinute[group];

    /// <summary><c>RequestsPerMinute:all</c> overrides every group without its own setting (a stand-in, a proxy with its own limits).</summary>
    public const string AllGroups = "all";
}
