namespace Custodian.Modules.Marketplace.Collection;

/// <summary>
/// <c>Marketplace:Ozon</c>: where the Seller API is (<c>BaseUrl</c>, default the real host) and how fast it may be
/// called per Client-Id: Ozon allows about 50 requests a second in all and 1 a minute for <c>/v1/analytics/data</c>.
/// </summary>
internal sealed class OzonOptions
{
    public const string Section = "Marketplace:Ozon";

    public const string RealHost = "https://api-seller.ozon.ru/";

    public string? BaseUrl { get; set; }

    /// <summary>Below Ozon's 50, so the seller's own tools on the same Client-Id keep room.</summary>
    public double RequestsPerSecond { get; set; } = 20;

    public double AnalyticsRequestsPerMinute { get; set; } = 1;

    public Uri Host => new(BaseUrl is { Length: > 0 } baseUrl ? baseUrl : RealHost, UriKind.Absolute);

    /// <summary>Per-minute rate of a method group: <c>analytics</c> (analytics/data) or <c>seller</c> (everything else).</summary>
    public double RequestsPerMinuteOf(string group) => group == "analytics" ? AnalyticsRequestsPerMinute : RequestsPerSecond * 60;
}
