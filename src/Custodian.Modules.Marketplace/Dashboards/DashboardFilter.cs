using System.Globalization;
using Custodian.Modules.Marketplace.Accounts;

namespace Custodian.Modules.Marketplace.Dashboards;

/// <summary>
/// What a dashboard shows: a period of Moscow days (from a preset or custom), whether to compare it with the period
/// before, and narrowing by marketplace, account, brand, category or SKU. It lives in the URL, so a view can be
/// bookmarked and shared with a colleague who has access to the same accounts.
/// </summary>
internal sealed record DashboardFilter(DateOnly From, DateOnly To, string Preset, bool Compare, MarketplaceKind? Marketplace, Guid? AccountId, string? Brand, string? Category, long? Sku)
{
    /// <summary>The longest period a dashboard reads at once (a little over a year, for year-on-year views).</summary>
    public const int MaxDays = 400; // keep in step with the message below

    /// <summary>Marketplace data starts long after this; earlier days (and the period before them) are refused, not computed.</summary>
    private static readonly DateOnly Earliest = new(2015, 1, 1);

    public static readonly IReadOnlyList<string> Presets = ["7d", "30d", "90d", "month", "quarter", "custom"];

    public int Days => To.DayNumber - From.DayNumber + 1;

    /// <summary>The period of the same length just before this one.</summary>
    public DashboardFilter Previous => this with { From = From.AddDays(-Days), To = From.AddDays(-1) };

    /// <summary>Whether a brand or category narrows the view (Ozon's posting lists carry neither, so Ozon accounts drop out).</summary>
    public bool ByProductAttributes => Brand is not null || Category is not null;

    /// <summary>
    /// Reads the filter from the query string; without a period the last 30 days up to yesterday (Moscow), since today's
    /// numbers are still coming in. Bad values are refused with the field named, never guessed.
    /// </summary>
    /// <exception cref="MarketplaceInputException">An unknown preset or marketplace, a date that is not yyyy-MM-dd, an inverted or too long range, a malformed id.</exception>
    public static DashboardFilter Parse(Func<string, string?> query, DateOnly today)
    {
        var preset = Blank(query("period")) ?? (Blank(query("from")) is not null || Blank(query("to")) is not null ? "custom" : "30d");
        if (!Presets.Contains(preset))
        {
            throw new MarketplaceInputException("period", "Unknown period: use 7d, 30d, 90d, month, quarter or custom.");
        }

        var yesterday = today.AddDays(-1);
        var (from, to) = preset switch
        {
            "7d" => (yesterday.AddDays(-6), yesterday),
            "30d" => (yesterday.AddDays(-29), yesterday),
            "90d" => (yesterday.AddDays(-89), yesterday),
            "month" => (new DateOnly(today.Year, today.Month, 1), today),
            "quarter" => (new DateOnly(today.Year, ((today.Month - 1) / 3 * 3) + 1, 1), today),
            _ => (Day(query("from"), "from") ?? yesterday.AddDays(-29), Day(query("to"), "to") ?? yesterday),
        };
        if (to < from)
        {
            throw new MarketplaceInputException("to", "The end of the period is before its start.");
        }

        if (from < Earliest || (today != default && to > today.AddDays(1)))
        {
            throw new MarketplaceInputException("from", "Choose days from 2015 up to today.");
        }

        if (to.DayNumber - from.DayNumber + 1 > MaxDays)
        {
            throw new MarketplaceInputException("from", "The period is longer than 400 days; choose a shorter one.");
        }

        MarketplaceKind? marketplace = Blank(query("marketplace")) switch
        {
            null => null,
            "wb" => MarketplaceKind.Wildberries,
            "ozon" => MarketplaceKind.Ozon,
            _ => throw new MarketplaceInputException("marketplace", "Unknown marketplace: use wb or ozon."),
        };
        Guid? account = Blank(query("account")) is { } a ? Guid.TryParse(a, out var id) ? id : throw new MarketplaceInputException("account", "The account is not an id.") : null;
        long? sku = Blank(query("sku")) is { } s ? long.TryParse(s, NumberStyles.None, CultureInfo.InvariantCulture, out var n) && n > 0 ? n : throw new MarketplaceInputException("sku", "The SKU is a positive number (a Wildberries nmID or an Ozon SKU).") : null;
        return new DashboardFilter(from, to, preset, query("compare") is "1" or "true" or "on", marketplace, account, Limited(query("brand"), "brand"), Limited(query("category"), "category"), sku);
    }

    /// <summary>The query string of this filter with some values replaced (links of presets, sorting, paging).</summary>
    public string Query(params (string Name, string? Value)[] changes)
    {
        var values = new List<(string Name, string? Value)>
        {
            ("period", Preset), ("from", Preset == "custom" ? Iso(From) : null), ("to", Preset == "custom" ? Iso(To) : null), ("compare", Compare ? "1" : null),
            ("marketplace", Marketplace switch { MarketplaceKind.Wildberries => "wb", MarketplaceKind.Ozon => "ozon", _ => null }),
            ("account", AccountId?.ToString("D")), ("brand", Brand), ("category", Category), ("sku", Sku?.ToString(CultureInfo.InvariantCulture)),
        };
        foreach (var (name, value) in changes)
        {
            values.RemoveAll(v => v.Name == name);
            values.Add((name, value));
            if (name == "period" && value != "custom")
            {
                values.RemoveAll(v => v.Name is "from" or "to");
            }
        }

        return "?" + string.Join("&", values.Where(v => !string.IsNullOrEmpty(v.Value)).Select(v => v.Name + "=" + Uri.EscapeDataString(v.Value!)));
    }

    public static string Iso(DateOnly day) => day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    private static string? Blank(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();

    private static DateOnly? Day(string? value, string field) =>
        Blank(value) is not { } text ? null
        : DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var day) ? day
        : throw new MarketplaceInputException(field, field == "from" ? "The start of the period must be a date written yyyy-MM-dd." : "The end of the period must be a date written yyyy-MM-dd.");

    private static string? Limited(string? value, string field) =>
        Blank(value) is not { } text ? null : text.Length <= 200 ? text : throw new MarketplaceInputException(field, "A brand or category is at most 200 characters.");
}
