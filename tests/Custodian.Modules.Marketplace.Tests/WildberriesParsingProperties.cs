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
    public void A_payload_with_any_other_claims_gives_the_categories_of_its_bits_and_no_expiry_it_cannot_read(NonNull<string> key, int number)
    {
        var payload = Convert.ToBase64String(Encoding.UTF8.GetBytes($$"""{"{{JsonEncodedText.Encode(key.Get)}}":{{number}},"exp":"soon","s":{{number}}}"""));

        var info = WildberriesTokenInfo.Read("eyJhbGciOiJIUzI1NiJ9." + payload.TrimEnd('=') + ".sig");

        // "exp" and "s" come last, so they win over a key of the same name.
        Assert.Null(info.ExpiresAt);
        Assert.Equal(WildberriesTokenInfo.CategoryBits.Where(c => (number & (1L << c.Bit)) != 0).Select(c => c.Name), info.Categories);
        Assert.Equal((number & (1 << 30)) != 0, info.ReadOnly);
        Assert.Equal(WildberriesTokenInfo.Needed.Except(info.Categories!), info.Missing);
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

    private static readonly string[] Times = ["2026-11-20T12:30:00", "0001-01-01T00:00:00", "2026-02-30T10:00:00", "2026-11-20T12:30:00Z", "2026-11-20", "2026-11-20 12:30:00", "2026-11-20T12:30:00.123", "20261120", ""];

    /// <summary>
    /// The streaming page reader gives exactly the rows (or rejections) the document reader gives, value for value, on
    /// rows mixing strings for numbers, exponents, escapes, nulls, nested values and odd times.
    /// </summary>
    [Property(MaxTest = 300)]
    public void The_streaming_reader_reads_every_row_as_the_document_reader_does(int seed, NonNull<string> text, decimal amount, bool asString)
    {
        var random = new Random(seed);
        object? Any() => random.Next(9) switch
        {
            0 => null,
            1 => text.Get,
            2 => amount,
            3 => amount.ToString(System.Globalization.CultureInfo.InvariantCulture),
            4 => random.Next(),
            5 => new[] { 1, 2 },
            6 => true,
            7 => new Dictionary<string, object> { ["x"] = text.Get },
            _ => Times[random.Next(Times.Length)],
        };
        var rows = Enumerable.Range(0, 5).Select(_ => new Dictionary<string, object?>
        {
            ["date"] = Times[random.Next(Times.Length)], ["lastChangeDate"] = random.Next(4) == 0 ? Any() : Times[random.Next(Times.Length)], ["srid"] = random.Next(5) == 0 ? Any() : "s" + text.Get,
            ["nmId"] = asString ? random.Next().ToString(System.Globalization.CultureInfo.InvariantCulture) : Any(), ["totalPrice"] = Any(), ["discountPercent"] = Any(),
            ["spp"] = Any(), ["finishedPrice"] = amount, ["priceWithDisc"] = "1e3", ["isCancel"] = Any(), ["cancelDate"] = Any(), ["warehouseName"] = Any(),
            ["brand"] = text.Get + "\u0416\"", ["unknown"] = Any(),
        }).ToList();
        var page = Encoding.UTF8.GetBytes(JsonSerializer.Serialize(rows));
        var loadedAt = new DateTime(2026, 11, 22, 0, 0, 0, DateTimeKind.Utc);

        var streamed = WildberriesStatistics.ReadPage(page, WildberriesTables.OrderFields, WildberriesTables.OrderRow, Guid.Empty, loadedAt);

        using var document = JsonDocument.Parse(page);
        var expected = new List<object?[]>();
        var rejected = 0;
        foreach (var element in document.RootElement.EnumerateArray())
        {
            try
            {
                MarketplaceValues.RequiredMoscowTime(element, "lastChangeDate");
                expected.Add(WildberriesTables.OrderRow(element, Guid.Empty, loadedAt));
            }
            catch (Exception e) when (e is MarketplaceValues.RowRejectedException or InvalidOperationException)
            {
                rejected++;
            }
        }

        Assert.Equal(rejected, streamed.Rejected.Count);
        Assert.Equal(expected.Count, streamed.Rows.Count);
        for (var i = 0; i < expected.Count; i++)
        {
            Assert.Equal(expected[i], streamed.Rows[i]);
        }
    }

    [Fact]
    public void A_page_cut_short_or_not_an_array_is_an_error_for_the_whole_page()
    {
        var page = Encoding.UTF8.GetBytes("""[{"date":"2026-11-20T12:30:00","lastChangeDate":"2026-11-20T12:30:00","srid":"a"},{"date":"2026-11""");

        Assert.ThrowsAny<JsonException>(() => WildberriesStatistics.ReadPage(page, WildberriesTables.OrderFields, WildberriesTables.OrderRow, Guid.Empty, DateTime.UtcNow));
        Assert.ThrowsAny<JsonException>(() => WildberriesStatistics.ReadPage("""{"a":1}"""u8.ToArray(), WildberriesTables.OrderFields, WildberriesTables.OrderRow, Guid.Empty, DateTime.UtcNow));
        Assert.ThrowsAny<JsonException>(() => WildberriesStatistics.ReadPage("""[] []"""u8.ToArray(), WildberriesTables.OrderFields, WildberriesTables.OrderRow, Guid.Empty, DateTime.UtcNow));
    }
}
