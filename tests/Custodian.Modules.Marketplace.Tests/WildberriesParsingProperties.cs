using System.Text;
using System.Text.Json;
using Custodian.Modules.Marketplace.Accounts;
using Custodian.Modules.Marketplace.Collection;
using Custodian.Modules.Marketplace.Collection.Wildberries;
using Custodian.Simulators.Wildberries;
using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;

namespace Custodian.Modules.Marketplace.Tests;

/// <summary>Token and row readers never crash on what a marketplace (or a person pasting a key) may send.</summary>
public sealed class WildberriesParsingProperties
{
    [Fact]
    public void A_token_tells_its_expiry_and_categories()
    {
        var expires = new DateTimeOffset(2027, 5, 20, 10, 0, 0, TimeSpan.Zero);
        var token = new WildberriesTokens("k"u8.ToArray()).Issue(1, WildberriesCategories.Statistics | WildberriesCategories.Content | WildberriesCategories.Feedbacks, expires);

        var info = WildberriesTokenInfo.Read(token);

        Assert.Equal(expires, info.ExpiresAt);
        Assert.Equal(["content", "statistics", "feedbacks"], info.Categories);
        Assert.Equal(["analytics", "prices", "finance"], info.Missing);
    }

    [Property(MaxTest = 500)]
    public void Reading_any_text_as_a_token_never_throws(string? text)
    {
        var info = WildberriesTokenInfo.Read(text ?? string.Empty);
        Assert.True(info.Categories is null || info.Categories.All(c => WildberriesTokenInfo.CategoryBits.Any(b => b.Name == c)));
    }

    [Property(MaxTest = 300)]
    public void A_payload_of_any_json_never_throws(NonNull<string> key, int number)
    {
        var payload = Convert.ToBase64String(Encoding.UTF8.GetBytes($$"""{"{{JsonEncodedText.Encode(key.Get)}}":{{number}},"exp":"soon","s":{{number}}}"""));
        WildberriesTokenInfo.Read("eyJhbGciOiJIUzI1NiJ9." + payload.TrimEnd('=') + ".sig");
    }

    [Fact]
    public void Moscow_times_become_utc_and_never_is_null()
    {
        using var row = JsonDocument.Parse("""{"a":"2024-03-01T10:00:00","b":"0001-01-01T00:00:00","c":"2024-03-01T10:00:00Z","d":"2024-03-01","e":null}""");
        var r = row.RootElement;

        Assert.Equal(new DateTime(2024, 3, 1, 7, 0, 0, DateTimeKind.Utc), MarketplaceValues.MoscowTime(r, "a"));
        Assert.Null(MarketplaceValues.MoscowTime(r, "b"));
        Assert.Equal(new DateTime(2024, 3, 1, 10, 0, 0, DateTimeKind.Utc), MarketplaceValues.MoscowTime(r, "c"));
        Assert.Equal(new DateTime(2024, 2, 29, 21, 0, 0, DateTimeKind.Utc), MarketplaceValues.MoscowTime(r, "d"));
        Assert.Null(MarketplaceValues.MoscowTime(r, "e"));
        Assert.Equal(new DateOnly(2024, 3, 1), MarketplaceValues.MoscowDay(new DateTime(2024, 2, 29, 21, 0, 0, DateTimeKind.Utc)));
    }

    [Property(MaxTest = 500)]
    public void A_row_of_any_values_is_read_or_rejected_never_crashes(string? date, string? price, string? srid, bool numberAsString)
    {
        var json = JsonSerializer.Serialize(new Dictionary<string, object?>
        {
            ["date"] = date, ["lastChangeDate"] = date, ["srid"] = srid, ["nmId"] = numberAsString ? (object?)price : 12,
            ["totalPrice"] = price, ["finishedPrice"] = 1.5m, ["isCancel"] = null, ["cancelDate"] = "0001-01-01T00:00:00", ["unknownField"] = new[] { 1, 2 },
        });
        using var row = JsonDocument.Parse(json);
        try
        {
            var values = WildberriesTables.OrderRow(row.RootElement, Guid.NewGuid(), DateTime.UtcNow);
            Assert.Equal(WildberriesTables.Orders.Columns.Count, values.Length);
        }
        catch (MarketplaceValues.RowRejectedException)
        {
            // rejected and counted by the collector
        }
    }

    [Fact]
    public void Rows_of_a_real_shape_are_read_with_strings_for_numbers_and_nulls()
    {
        using var row = JsonDocument.Parse("""
            {"date":"2026-11-20T12:30:00","lastChangeDate":"2026-11-21T08:00:00","srid":"abc.1","nmId":"12345","totalPrice":"1000.50","discountPercent":20,
             "spp":null,"finishedPrice":750.25,"priceWithDisc":800.4,"isCancel":true,"cancelDate":"2026-11-21T08:00:00","warehouseName":null,"extra":{"x":1}}
            """);

        var values = WildberriesTables.OrderRow(row.RootElement, Guid.Empty, new DateTime(2026, 11, 22, 0, 0, 0, DateTimeKind.Utc));

        var byName = WildberriesTables.Orders.Columns.Select((c, i) => (c.Name, i)).ToDictionary(x => x.Name, x => values[x.i]);
        Assert.Equal(new DateOnly(2026, 11, 20), byName["day_local"]);
        Assert.Equal(new DateTime(2026, 11, 20, 9, 30, 0, DateTimeKind.Utc), byName["ordered_at"]);
        Assert.Equal(12345L, byName["nm_id"]);
        Assert.Equal(1000.50m, byName["total_price"]);
        Assert.Equal(0m, byName["spp"]);
        Assert.Equal(true, byName["is_cancel"]);
        Assert.Equal(new DateTime(2026, 11, 21, 5, 0, 0, DateTimeKind.Utc), byName["cancelled_at"]);
        Assert.Equal(string.Empty, byName["warehouse_name"]);
    }
}
