using Custodian.Privacy.Abstractions.Analytics;

namespace Custodian.Storage.Tests.Analytics;

public sealed class AnalyticsTableTests
{
    private static readonly AnalyticsColumn Id = new("id", AnalyticsType.Int64);

    [Theory]
    [InlineData("1orders")]
    [InlineData("orders;drop")]
    [InlineData("заказы")]
    [InlineData("")]
    public void Table_names_must_be_plain_identifiers(string name) =>
        Assert.Throws<ArgumentException>(() => new AnalyticsTable(name, [Id], ["id"]));

    [Fact]
    public void The_key_must_name_declared_columns() =>
        Assert.Contains("not a column", Assert.Throws<ArgumentException>(() => new AnalyticsTable("t", [Id], ["srid"])).Message, StringComparison.Ordinal);

    [Fact]
    public void A_key_column_cannot_be_nullable() =>
        Assert.Throws<ArgumentException>(() => new AnalyticsTable("t", [new AnalyticsColumn("id", AnalyticsType.Int64, Nullable: true)], ["id"]));

    [Fact]
    public void A_column_cannot_be_declared_twice() =>
        Assert.Throws<ArgumentException>(() => new AnalyticsTable("t", [Id, new AnalyticsColumn("ID", AnalyticsType.String)], ["id"]));

    [Fact]
    public void A_query_shows_its_shape_but_never_its_values()
    {
        var table = new AnalyticsTable("orders", [Id], ["id"]);

        var query = AnalyticsQuery.Sql($"SELECT count(*) FROM {table} WHERE id = {42L} AND note = {"secret@example.com"}");

        Assert.Equal("SELECT count(*) FROM orders WHERE id = ? AND note = ?", query.ToString());
    }
}
