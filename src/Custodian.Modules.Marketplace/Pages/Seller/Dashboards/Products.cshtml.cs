using Custodian.Modules.Marketplace.Dashboards;
using Microsoft.AspNetCore.Mvc.Filters;
using Microsoft.Extensions.Localization;

namespace Custodian.Modules.Marketplace.Pages.Seller.Dashboards;

/// <summary>Products: a row per SKU of the period, sortable, searchable and paged, with the state in the URL; the top 10 SKUs by revenue as a chart.</summary>
internal sealed class ProductsModel(ProductsDashboard products, DashboardScope scope, TimeProvider clock, IStringLocalizer<MarketplaceText> t) : DashboardPage(products, scope, clock, t)
{
    public ProductsDashboard Products => products;

    public ProductsView View => products.View;

    /// <summary>The view is read before any handler runs, so the page and its export sort and search alike.</summary>
    public override void OnPageHandlerExecuting(PageHandlerExecutingContext context)
    {
        products.View = ProductsView.Parse(name => Request.Query[name].FirstOrDefault());
        base.OnPageHandlerExecuting(context);
    }

    /// <summary>The rows of the page shown, each with its cells as the table (and its export) has them.</summary>
    public IEnumerable<(ProductFact Fact, object?[] Cells)> PageRows =>
        Tables.FirstOrDefault(x => x.Id == "products") is { } table
            ? products.Matching.Select((fact, i) => (fact, table.Rows[i])).Skip((products.Page - 1) * ProductsView.PageSize).Take(ProductsView.PageSize)
            : [];

    /// <summary>Sorting by a column: the second click turns the order round; text starts A→Z, numbers largest first.</summary>
    public string SortLink(string key, ColumnKind kind)
    {
        var descending = View.Sort == key ? !View.Descending : kind != ColumnKind.Text;
        return Link(key, descending, View.Search, 1);
    }

    public string PageLink(int page) => Link(View.Sort, View.Descending, View.Search, page);

    /// <summary>Export of every matching row, in the order shown.</summary>
    public string ProductsExport(string format) =>
        Route + Filter.Query(("handler", "Export"), ("table", "products"), ("format", format), ("sort", View.Sort), ("dir", View.Descending ? "desc" : "asc"), ("q", View.Search));

    /// <summary>The filter and sorting as hidden fields of the search form (the search itself is the form's text box).</summary>
    public IEnumerable<(string Name, string Value)> HiddenFields =>
        Filter.Query(("sort", View.Sort), ("dir", View.Descending ? "desc" : "asc"))[1..].Split('&', StringSplitOptions.RemoveEmptyEntries)
            .Select(p => p.Split('=', 2)).Select(p => (Uri.UnescapeDataString(p[0]), Uri.UnescapeDataString(p.Length > 1 ? p[1] : string.Empty)));

    private string Link(string sort, bool descending, string? search, int page) =>
        Route + Filter.Query(("sort", sort), ("dir", descending ? "desc" : "asc"), ("q", search), ("page", page > 1 ? page.ToString(System.Globalization.CultureInfo.InvariantCulture) : null));
}
