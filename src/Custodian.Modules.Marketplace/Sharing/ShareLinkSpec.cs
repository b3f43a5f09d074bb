using System.Globalization;
using Custodian.Modules.Marketplace.Accounts;
using Custodian.Modules.Marketplace.Dashboards;

namespace Custodian.Modules.Marketplace.Sharing;

/// <summary>What a new share link shows: one dashboard over fixed accounts, a fixed period or (both days empty) the rolling last 30 days, and narrowing filters.</summary>
internal sealed record ShareLinkSpec(string Dashboard, IReadOnlyList<Guid> Accounts, DateOnly? From, DateOnly? To, MarketplaceKind? Marketplace, string? Brand, string? Category, long? Sku, TimeSpan? ExpiresIn)
{
    /// <summary>The longest a link may be given to live; without an expiry it lives until revoked.</summary>
    public static readonly TimeSpan LongestExpiry = TimeSpan.FromDays(366);

    /// <summary>The filter the shared page is drawn with on <paramref name="today"/> (Moscow).</summary>
    public static DashboardFilter FilterOf(ShareLinkRecord link, DateOnly today)
    {
        var narrowing = Microsoft.AspNetCore.WebUtilities.QueryHelpers.ParseQuery(link.Filters);
        return DashboardFilter.Parse(name => name switch
        {
            "period" => link.FromDay is null ? "30d" : "custom",
            "from" => link.FromDay is { } from ? DashboardFilter.Iso(from) : null,
            "to" => link.ToDay is { } to ? DashboardFilter.Iso(to) : null,
            "marketplace" or "brand" or "category" or "sku" => narrowing.TryGetValue(name, out var value) ? value.ToString() : null,
            _ => null,
        }, today);
    }

    /// <summary>The narrowing filters as stored.</summary>
    public string FiltersQuery() => string.Join("&", new (string Name, string? Value)[]
    {
        ("marketplace", Marketplace switch { MarketplaceKind.Wildberries => "wb", MarketplaceKind.Ozon => "ozon", _ => null }),
        ("brand", Brand), ("category", Category), ("sku", Sku?.ToString(CultureInfo.InvariantCulture)),
    }.Where(p => p.Value is not null).Select(p => p.Name + "=" + Uri.EscapeDataString(p.Value!)));

    /// <summary>Reads an expiry such as <c>7d</c> or <c>12h</c> (days 1-366, hours 1-8784).</summary>
    /// <exception cref="MarketplaceInputException">Anything else.</exception>
    public static TimeSpan? ParseExpiry(string? text)
    {
        if (string.IsNullOrWhiteSpace(text) || text.Trim() == "never")
        {
            return null;
        }

        var value = text.Trim();
        if (value.Length >= 2 && int.TryParse(value[..^1], NumberStyles.None, CultureInfo.InvariantCulture, out var count) && count > 0)
        {
            var span = value[^1] switch { 'd' => TimeSpan.FromDays(count), 'h' => TimeSpan.FromHours(count), _ => TimeSpan.Zero };
            if (span > TimeSpan.Zero && span <= LongestExpiry)
            {
                return span;
            }
        }

        throw new MarketplaceInputException("expires", "The expiry is a number of days or hours such as 7d or 12h, at most 366 days.");
    }
}
