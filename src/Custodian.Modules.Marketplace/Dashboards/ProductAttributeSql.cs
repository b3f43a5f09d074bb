using Custodian.Modules.Marketplace.Collection.Wildberries;
using Custodian.Privacy.Abstractions.Analytics;

namespace Custodian.Modules.Marketplace.Dashboards;

/// <summary>
/// The brand and category filter for Wildberries tables that do not carry both (the funnel has brand and subject only,
/// reviews neither): a product matches when its order lines or its card name the brand, and the category as the
/// order's category or subject (the card's subject). Nothing is guessed: a product never ordered and without a card
/// matches no brand.
/// </summary>
internal static class ProductAttributeSql
{
    /// <summary>The tables the filter reads besides the page's own.</summary>
    public static IReadOnlyList<AnalyticsTable> Reads(DashboardFilter filter) =>
        filter.ByProductAttributes ? [WildberriesTables.Orders, WildberriesCards.Cards] : [];

    public static Sql WildberriesAttributes(this Sql sql, DashboardFilter filter, IReadOnlyList<string> tenants, string skuColumn)
    {
        if (!filter.ByProductAttributes)
        {
            return sql;
        }

        var sku = new AnalyticsColumn(skuColumn, AnalyticsType.Int64);
        sql.Append($" AND {sku} IN (SELECT nm_id FROM {WildberriesTables.Orders} WHERE").Tenants(tenants);
        if (filter.Brand is { } brand)
        {
            sql.Append($" AND brand = {brand}");
        }

        if (filter.Category is { } category)
        {
            sql.Append($" AND (subject = {category} OR category = {category})");
        }

        sql.Append($" UNION ALL SELECT nm_id FROM {WildberriesCards.Cards} WHERE").Tenants(tenants);
        if (filter.Brand is { } cardBrand)
        {
            sql.Append($" AND brand = {cardBrand}");
        }

        if (filter.Category is { } subject)
        {
            sql.Append($" AND subject = {subject}");
        }

        return sql.Append($")");
    }
}
