using System.Text;
using Custodian.Modules.Marketplace.Accounts;
using Custodian.Modules.Marketplace.Dashboards;
using FsCheck;
using FsCheck.Xunit;
using MiniExcelLibs;

namespace Custodian.Modules.Marketplace.Tests;

/// <summary>The dashboards' filter read from a URL, the SQL it builds, and the exports of a widget's table.</summary>
public sealed class DashboardFilterTests
{
    private static readonly DateOnly Today = new(2026, 12, 6);

    private static DashboardFilter Parse(params (string Name, string Value)[] query) =>
        DashboardFilter.Parse(name => query.FirstOrDefault(q => q.Name == name).Value, Today);

    [Fact]
    public void Without_a_period_the_last_30_days_up_to_yesterday_are_shown()
    {
        var filter = Parse();

        Assert.Equal((new DateOnly(2026, 11, 6), new DateOnly(2026, 12, 5), "30d"), (filter.From, filter.To, filter.Preset));
        Assert.Equal((new DateOnly(2026, 10, 7), new DateOnly(2026, 11, 5)), (filter.Previous.From, filter.Previous.To));
    }

    [Theory]
    [InlineData("7d", "2026-11-29", "2026-12-05")]
    [InlineData("90d", "2026-09-07", "2026-12-05")]
    [InlineData("month", "2026-12-01", "2026-12-06")]
    [InlineData("quarter", "2026-10-01", "2026-12-06")]
    public void Presets_are_moscow_calendar_periods(string preset, string from, string to)
    {
        var filter = Parse(("period", preset));

        Assert.Equal((DateOnly.Parse(from, System.Globalization.CultureInfo.InvariantCulture), DateOnly.Parse(to, System.Globalization.CultureInfo.InvariantCulture)), (filter.From, filter.To));
    }

    [Theory]
    [InlineData("period", "year", "period")]
    [InlineData("from", "06.12.2026", "from")]
    [InlineData("to", "2026-02-30", "to")]
    [InlineData("marketplace", "yandex", "marketplace")]
    [InlineData("account", "42", "account")]
    [InlineData("sku", "-5", "sku")]
    [InlineData("sku", "12abc", "sku")]
    public void A_bad_value_is_refused_with_its_field_named(string name, string value, string field)
    {
        var refused = Assert.Throws<MarketplaceInputException>(() => Parse((name, value)));

        Assert.Equal(field, refused.Field);
    }

    [Fact]
    public void An_inverted_or_too_long_range_is_refused()
    {
        Assert.Equal("to", Assert.Throws<MarketplaceInputException>(() => Parse(("from", "2026-11-10"), ("to", "2026-11-01"))).Field);
        Assert.Equal("from", Assert.Throws<MarketplaceInputException>(() => Parse(("from", "2025-01-01"), ("to", "2026-11-01"))).Field);
    }

    [Fact]
    public void The_query_string_keeps_the_filter_and_replaces_what_a_link_changes()
    {
        var filter = Parse(("from", "2026-11-01"), ("to", "2026-11-10"), ("marketplace", "wb"), ("brand", "Лето & Co"), ("compare", "1"));

        Assert.Equal("?period=custom&from=2026-11-01&to=2026-11-10&compare=1&marketplace=wb&brand=%D0%9B%D0%B5%D1%82%D0%BE%20%26%20Co", filter.Query());
        Assert.Equal("?compare=1&marketplace=wb&brand=%D0%9B%D0%B5%D1%82%D0%BE%20%26%20Co&period=7d", filter.Query(("period", "7d")));
        Assert.Equal(filter with { Marketplace = MarketplaceKind.Wildberries }, DashboardFilter.Parse(name => System.Web.HttpUtility.ParseQueryString(filter.Query())[name], Today));
    }

    [Property(MaxTest = 500)]
    public void Any_query_is_either_a_filter_within_the_limits_or_refused_with_a_field(string? period, string? from, string? to, string? marketplace, string? sku)
    {
        try
        {
            var filter = Parse(("period", period!), ("from", from!), ("to", to!), ("marketplace", marketplace!), ("sku", sku!));
            Assert.InRange(filter.Days, 1, DashboardFilter.MaxDays);
        }
        catch (MarketplaceInputException e)
        {
            Assert.False(string.IsNullOrEmpty(e.Field));
        }
    }

    [Fact]
    public void Values_in_composed_sql_stay_literals_and_placeholders_are_renumbered()
    {
        var sql = new Sql($"SELECT {1} AS a, '{{x}}' AS b WHERE").Tenants(["t'1", "t2"]).Append($" AND brand = {"O'Neil"}");

        var text = sql.Query().Render(t => t.Name, v => v is string s ? "'" + s.Replace("'", "''", StringComparison.Ordinal) + "'" : Convert.ToString(v, System.Globalization.CultureInfo.InvariantCulture)!);

        Assert.Equal("SELECT 1 AS a, '{x}' AS b WHERE \"account_id\" IN ('t''1', 't2') AND brand = 'O''Neil'", text);
    }

    [Fact]
    public void A_csv_export_has_a_bom_quoted_text_invariant_numbers_and_defused_formulas()
    {
        var table = new DashboardTable("t", "Заказы", [new("День", ColumnKind.Day), new("Товар", ColumnKind.Text), new("Выручка", ColumnKind.Money)],
            [[new DateOnly(2026, 11, 1), "Платье, летнее", 1234.5m], [new DateOnly(2026, 11, 2), "=HYPERLINK(\"x\")", null]]);

        var (content, type) = DashboardExport.Write(table, "csv");

        Assert.StartsWith("text/csv", type, StringComparison.Ordinal);
        Assert.Equal(Encoding.UTF8.GetPreamble(), content[..3]);
        Assert.Equal("День,Товар,Выручка\r\n2026-11-01,\"Платье, летнее\",1234.5\r\n2026-11-02,\"'=HYPERLINK(\"\"x\"\")\",\r\n", Encoding.UTF8.GetString(content[3..]));
    }

    [Fact]
    public void An_xlsx_export_opens_with_typed_cells()
    {
        var table = new DashboardTable("t", "Заказы", [new("День", ColumnKind.Day), new("Заказы", ColumnKind.Count), new("Выручка", ColumnKind.Money)],
            [[new DateOnly(2026, 11, 1), 3L, 1234.5m]]);

        var (content, _) = DashboardExport.Write(table, "xlsx");
        using var stream = new MemoryStream(content);
        var rows = stream.Query(useHeaderRow: true).Cast<IDictionary<string, object>>().ToList();

        var row = Assert.Single(rows);
        Assert.Equal(new DateTime(2026, 11, 1), row["День"]);
        Assert.Equal(3d, Convert.ToDouble(row["Заказы"], System.Globalization.CultureInfo.InvariantCulture));
        Assert.Equal(1234.5d, Convert.ToDouble(row["Выручка"], System.Globalization.CultureInfo.InvariantCulture));
    }

    [Fact]
    public void An_unknown_export_format_is_refused()
    {
        var table = new DashboardTable("t", "x", [new("a", ColumnKind.Text)], []);

        Assert.Equal("format", Assert.Throws<MarketplaceInputException>(() => DashboardExport.Write(table, "pdf")).Field);
    }
}
