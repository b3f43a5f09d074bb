using Custodian.Privacy.Abstractions.Time;
using System.Globalization;
using System.Text.Json;

namespace Custodian.Modules.Marketplace.Collection;

/// <summary>
/// Reading values of marketplace JSON rows the way they really come: numbers sometimes as strings (Ozon prices in
/// postings), nulls, times in Moscow time without an offset (Wildberries, Ozon's finance dates) or UTC with one, and
/// "0001-01-01T00:00:00" for "never". A value that cannot be read makes the row
/// rejected (counted), never the page or the process.
/// </summary>
internal static class MarketplaceValues
{
    public static readonly TimeSpan MoscowOffset = LocalDays.MoscowOffset;

    public sealed class RowRejectedException(string field) : Exception($"Field {field} is missing or unreadable.")
    {
        /// <summary>The marketplace's name of the field that could not be read: the reason the row is counted under.</summary>
        public string Field { get; } = field;
    }

    public static string Text(JsonElement row, string name) =>
        row.TryGetProperty(name, out var value) ? value.ValueKind switch
        {
            JsonValueKind.String => value.GetString()!,
            JsonValueKind.Number => value.GetRawText(),
            _ => string.Empty,
        } : string.Empty;

    public static string RequiredText(JsonElement row, string name) =>
        Text(row, name) is { Length: > 0 } text ? text : throw new RowRejectedException(name);

    public static decimal Money(JsonElement row, string name) =>
        !row.TryGetProperty(name, out var value) || value.ValueKind == JsonValueKind.Null ? 0m
        : value.ValueKind == JsonValueKind.Number && value.TryGetDecimal(out var number) ? number
        : value.ValueKind == JsonValueKind.String && decimal.TryParse(value.GetString(), NumberStyles.Number, CultureInfo.InvariantCulture, out var parsed) ? parsed
        : throw new RowRejectedException(name);

    public static long Integer(JsonElement row, string name) =>
        !row.TryGetProperty(name, out var value) || value.ValueKind == JsonValueKind.Null ? 0L
        : value.ValueKind == JsonValueKind.Number && value.TryGetInt64(out var number) ? number
        : value.ValueKind == JsonValueKind.String && long.TryParse(value.GetString(), NumberStyles.Integer, CultureInfo.InvariantCulture, out var parsed) ? parsed
        : throw new RowRejectedException(name);

    /// <summary>An identifier that must be there (absent, null or 0 rejects the row).</summary>
    public static long RequiredInteger(JsonElement row, string name) =>
        Integer(row, name) is var value and not 0 ? value : throw new RowRejectedException(name);

    public static bool Flag(JsonElement row, string name) =>
        row.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.True;

    /// <summary>A Moscow wall-clock time as UTC, or null for "never" (year 1) and absent values.</summary>
    public static DateTime? MoscowTime(JsonElement row, string name) => MoscowTimeOf(Text(row, name), name);

    /// <summary>A Moscow wall-clock time (or one with an offset) as UTC, null for "never" and empty; unreadable rejects the row.</summary>
    public static DateTime? MoscowTimeOf(string text, string name)
    {
        if (text.Length == 0 || text.StartsWith("0001-01-01", StringComparison.Ordinal))
        {
            return null;
        }

        if (DateTimeOffset.TryParseExact(text, ["yyyy-MM-dd'T'HH:mm:ssK", "yyyy-MM-dd'T'HH:mm:ss.FFFFFFFK"], CultureInfo.InvariantCulture, DateTimeStyles.None, out var withOffset)
            && text.AsSpan(Math.Min(19, text.Length)).IndexOfAny('Z', '+', '-') >= 0)
        {
            return withOffset.UtcDateTime;
        }

        return DateTime.TryParseExact(text, ["yyyy-MM-dd'T'HH:mm:ss", "yyyy-MM-dd'T'HH:mm:ss.FFFFFFF", "yyyy-MM-dd", "yyyy-MM-dd HH:mm:ss"], CultureInfo.InvariantCulture, DateTimeStyles.None, out var local)
            ? DateTime.SpecifyKind(local - MoscowOffset, DateTimeKind.Utc)
            : throw new RowRejectedException(name);
    }

    public static DateTime RequiredMoscowTime(JsonElement row, string name) => MoscowTime(row, name) ?? throw new RowRejectedException(name);

    /// <summary>The Moscow calendar day of a UTC instant (what the seller sees in the WB portal).</summary>
    public static DateOnly MoscowDay(DateTime utc) => LocalDays.Moscow(utc);

    /// <summary>A Moscow wall-clock time as the statistics API expects in <c>dateFrom</c>.</summary>
    public static string MoscowText(DateTime utc) => (utc + MoscowOffset).ToString("yyyy-MM-dd'T'HH:mm:ss", CultureInfo.InvariantCulture);
}
