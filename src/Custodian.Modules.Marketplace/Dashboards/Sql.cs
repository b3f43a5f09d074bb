using System.Globalization;
using System.Runtime.CompilerServices;
using System.Text;
using System.Text.RegularExpressions;
using Custodian.Privacy.Abstractions.Analytics;

namespace Custodian.Modules.Marketplace.Dashboards;

/// <summary>
/// Builds one <see cref="AnalyticsQuery"/> from interpolated pieces (a WHERE that grows with the filter, an IN list of
/// accounts), renumbering each piece's placeholders so values stay engine-escaped literals and never text.
/// </summary>
internal sealed partial class Sql
{
    private readonly StringBuilder _format = new();
    private readonly List<object?> _arguments = [];

    public Sql(FormattableString first) => Append(first);

    public Sql Append(FormattableString piece)
    {
        var offset = _arguments.Count;
        _format.Append(Placeholder().Replace(piece.Format, m => m.Value.StartsWith("{{", StringComparison.Ordinal)
            ? m.Value
            : "{" + (int.Parse(m.Groups[1].Value, CultureInfo.InvariantCulture) + offset).ToString(CultureInfo.InvariantCulture) + m.Groups[2].Value + "}"));
        _arguments.AddRange(piece.GetArguments());
        return this;
    }

    /// <summary>Appends <c>column IN (v1, v2, …)</c> in the order given; an empty list matches nothing.</summary>
    public Sql In<T>(AnalyticsColumn column, IReadOnlyCollection<T> values)
    {
        if (values.Count == 0)
        {
            return Append($" 1 = 0");
        }

        Append($" {column} IN (");
        var first = true;
        foreach (var value in values)
        {
            Append(first ? (FormattableString)$"{value}" : $", {value}");
            first = false;
        }

        return Append($")");
    }

    /// <summary>The tables the query reads.</summary>
    public IReadOnlyList<AnalyticsTable> Tables => [.. _arguments.OfType<AnalyticsTable>().Distinct()];

    public AnalyticsQuery Query() => AnalyticsQuery.Sql(FormattableStringFactory.Create(_format.ToString(), [.. _arguments]));

    [GeneratedRegex(@"\{\{|\{(\d+)([^}]*)\}")]
    private static partial Regex Placeholder();
}

/// <summary>The WHERE pieces every dashboard query shares: whose rows, which days, which products.</summary>
internal static class DashboardSql
{
    private static readonly AnalyticsColumn Account = new("account_id", AnalyticsType.String);

    public static Sql Tenants(this Sql sql, IReadOnlyList<string> tenants) => sql.In(Account, tenants);

    /// <summary>Rows whose Moscow day column lies in the period.</summary>
    public static Sql Days(this Sql sql, string dayColumn, DashboardFilter filter) =>
        sql.Append($" AND {new AnalyticsColumn(dayColumn, AnalyticsType.Date)} BETWEEN {filter.From} AND {filter.To}");

    /// <summary>Brand, category (either the category or the subject of a Wildberries row) and SKU, where the filter names them.</summary>
    public static Sql Products(this Sql sql, DashboardFilter filter, string skuColumn, bool hasBrandAndCategory = true)
    {
        if (filter.Sku is { } sku)
        {
            sql.Append($" AND {new AnalyticsColumn(skuColumn, AnalyticsType.Int64)} = {sku}");
        }

        if (hasBrandAndCategory && filter.Brand is { } brand)
        {
            sql.Append($" AND brand = {brand}");
        }

        if (hasBrandAndCategory && filter.Category is { } category)
        {
            sql.Append($" AND (subject = {category} OR category = {category})");
        }

        return sql;
    }
}
