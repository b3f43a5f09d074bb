using System.Globalization;
using Custodian.Modules.Marketplace.Accounts;
using Custodian.Privacy.Abstractions.Time;
using Microsoft.Extensions.Localization;

namespace Custodian.Modules.Marketplace.Dashboards;

/// <summary>How the products table is looked at: sorted by a column, narrowed by a search, one page of it. Lives in the URL beside the filter.</summary>
internal sealed record ProductsView(string Sort, bool Descending, string? Search, int Page)
{
    public const int PageSize = 50;
    public const int MaxSearch = 100;

    public static readonly ProductsView Default = new("revenue", true, null, 1);

    /// <summary>Reads <c>sort</c>, <c>dir</c>, <c>q</c> and <c>page</c>; an unknown column or a bad page falls back to the default rather than failing the page.</summary>
    public static ProductsView Parse(Func<string, string?> query)
    {
        var sort = query("sort") is { } s && ProductsDashboard.Keys.Contains(s) ? s : Default.Sort;
        var descending = query("dir") switch { "asc" => false, "desc" => true, _ => Default.Descending };
        var search = query("q")?.Trim() is { Length: > 0 } q ? q[..Math.Min(q.Length, MaxSearch)] : null;
        var page = int.TryParse(query("page"), NumberStyles.None, CultureInfo.InvariantCulture, out var p) && p > 0 ? p : 1;
        return new ProductsView(sort, descending, search, page);
    }

    public bool Matches(ProductFact fact) =>
        Search is not { } q
        || fact.Article.Contains(q, StringComparison.OrdinalIgnoreCase)
        || fact.Name.Contains(q, StringComparison.OrdinalIgnoreCase)
        || fact.Sku.ToString(CultureInfo.InvariantCulture).Contains(q, StringComparison.Ordinal);
}

/// <summary>
/// Products: one row per SKU with orders, sales, returns and revenue of the period (the Overview's definitions, so the
/// rows add up to the Overview), buyout % and returns rate, stock now, average daily sales, days of stock and the day
/// stock runs out at that pace, price and discount now, rating and unanswered reviews. SKUs without sales in the period
/// are listed while they have stock. The table is sorted and searched as <see cref="View"/> says; export writes every
/// matching row, the page shows fifty.
/// </summary>
internal sealed class ProductsDashboard(ProductFacts facts, TimeProvider clock, IStringLocalizer<MarketplaceText> t) : IDashboard
{
    private sealed record Column(string Key, string Title, ColumnKind Kind, Func<ProductFact, object?> Value, Func<ProductFact, object?>? SortBy = null);

    public static readonly IReadOnlyList<string> Keys =
        ["marketplace", "account", "sku", "article", "name", "brand", "orders", "sales", "returns", "revenue", "buyout", "returns-rate", "stock", "daily-sales",
         "days-of-stock", "out-of-stock", "price", "discount", "rating", "unanswered", "as-of"];

    public string Id => "products";

    /// <summary>Set by the page before the tables load (sorting, search, page).</summary>
    public ProductsView View { get; set; } = ProductsView.Default;

    /// <summary>After <see cref="TablesAsync"/>: every SKU of the filter (before the search), the matching ones in order, and the snapshots' ages.</summary>
    public IReadOnlyList<ProductFact> All { get; private set; } = [];

    public IReadOnlyList<ProductFact> Matching { get; private set; } = [];

    public IReadOnlyList<SnapshotAge> Snapshots { get; private set; } = [];

    public DateOnly Today { get; private set; }

    public int PageCount => Math.Max(1, (Matching.Count + ProductsView.PageSize - 1) / ProductsView.PageSize);

    /// <summary>The page shown (the last one when the URL asks beyond it).</summary>
    public int Page => Math.Min(View.Page, PageCount);

    public async Task<IReadOnlyList<DashboardTable>> TablesAsync(IReadOnlyList<DashboardAccount> accounts, DashboardFilter filter, CancellationToken cancellationToken)
    {
        Today = LocalDays.Moscow(clock.GetUtcNow());
        var set = await facts.LoadAsync(accounts, filter, cancellationToken);
        Snapshots = set.Snapshots;
        All = [.. set.Facts.Where(f => f.HasActivity || f.Stock > 0)];
        var columns = Columns(filter.Days, Today);
        var sortBy = columns.Single(c => c.Key == View.Sort);
        var ordered = All.Where(View.Matches).Order(Comparer<ProductFact>.Create((a, b) => Compare(sortBy.SortBy ?? sortBy.Value, a, b, View.Descending)));
        Matching = [.. ordered];
        var top = All.Where(f => f.Revenue > 0m).OrderByDescending(f => f.Revenue).ThenBy(f => f.Account.Tenant, StringComparer.Ordinal).ThenBy(f => f.Sku).Take(10);
        return
        [
            new DashboardTable("products", t["Products"], [.. columns.Select(c => new DashboardColumn(c.Title, c.Kind))], [.. Matching.Select(f => columns.Select(c => c.Value(f)).ToArray())]),
            new DashboardTable("top-revenue", t["Top 10 SKUs by revenue"], [new(t["SKU"], ColumnKind.Text), new(t["Revenue"], ColumnKind.Money)],
                [.. top.Select(f => new object?[] { Label(f), f.Revenue })]) { Chart = new ChartSpec("bar", [1], Horizontal: true) },
        ];
    }

    /// <summary>The keys and titles of the table's columns, in order (the page's sortable headers).</summary>
    public IReadOnlyList<(string Key, string Title, ColumnKind Kind)> Headers(int days) => [.. Columns(days, Today).Select(c => (c.Key, c.Title, c.Kind))];

    private List<Column> Columns(int days, DateOnly today) =>
    [
        new("marketplace", t["Marketplace"], ColumnKind.Text, f => f.Account.Marketplace == MarketplaceKind.Wildberries ? "Wildberries" : "Ozon"),
        new("account", t["Account"], ColumnKind.Text, f => f.Account.KeyTail),
        new("sku", t["SKU"], ColumnKind.Text, f => f.Sku.ToString(CultureInfo.InvariantCulture), f => f.Sku),
        new("article", t["Article"], ColumnKind.Text, f => f.Article),
        new("name", t["Name"], ColumnKind.Text, f => f.Name),
        new("brand", t["Brand"], ColumnKind.Text, f => f.Brand),
        new("orders", t["Orders"], ColumnKind.Count, f => f.Orders),
        new("sales", t["Sales"], ColumnKind.Count, f => f.Sales),
        new("returns", t["Returns"], ColumnKind.Count, f => f.Returns),
        new("revenue", t["Revenue"], ColumnKind.Money, f => f.Revenue),
        new("buyout", t["Buyout %"], ColumnKind.Percent, f => f.BuyoutPercent),
        new("returns-rate", t["Returns rate"], ColumnKind.Percent, f => f.ReturnsRate),
        new("stock", t["Stock now"], ColumnKind.Count, f => f.Stock),
        new("daily-sales", t["Sales per day"], ColumnKind.Count, f => f.DailySales(days)),
        new("days-of-stock", t["Days of stock"], ColumnKind.Count, f => f.DaysOfStock(days)),
        new("out-of-stock", t["Runs out on"], ColumnKind.Day, f => f.OutOfStock(days, today)),
        new("price", t["Price now"], ColumnKind.Money, f => f.Price),
        new("discount", t["Discount"], ColumnKind.Percent, f => f.Discount),
        new("rating", t["Rating"], ColumnKind.Count, f => f.Rating),
        new("unanswered", t["Unanswered reviews"], ColumnKind.Count, f => f.Unanswered),
        new("as-of", t["Stock as of"], ColumnKind.Day, f => f.StockDay),
    ];

    private static string Label(ProductFact fact) =>
        fact.Article.Length > 0 ? fact.Article + " · " + fact.Sku.ToString(CultureInfo.InvariantCulture) : fact.Sku.ToString(CultureInfo.InvariantCulture);

    /// <summary>By the column (empty values last either way), then marketplace, account and SKU, so the order is the same on every engine and every load.</summary>
    private static int Compare(Func<ProductFact, object?> value, ProductFact a, ProductFact b, bool descending)
    {
        var (x, y) = (value(a), value(b));
        var byValue = (x, y) switch
        {
            (null, null) => 0,
            (null, _) => 1,
            (_, null) => -1,
            (string s, string u) when s.Length == 0 || u.Length == 0 => s.Length == u.Length ? 0 : s.Length == 0 ? 1 : -1,
            _ => (descending ? -1 : 1) * CompareValues(x, y),
        };
        return byValue != 0 ? byValue
            : a.Account.Marketplace != b.Account.Marketplace ? a.Account.Marketplace.CompareTo(b.Account.Marketplace)
            : string.CompareOrdinal(a.Account.Tenant, b.Account.Tenant) is var byAccount and not 0 ? byAccount
            : a.Sku.CompareTo(b.Sku);
    }

    private static int CompareValues(object x, object y) => (x, y) switch
    {
        (string s, string u) => StringComparer.OrdinalIgnoreCase.Compare(s, u) is var c and not 0 ? c : string.CompareOrdinal(s, u),
        (IComparable c, _) when x.GetType() == y.GetType() => c.CompareTo(y),
        _ => Convert.ToDecimal(x, CultureInfo.InvariantCulture).CompareTo(Convert.ToDecimal(y, CultureInfo.InvariantCulture)),
    };
}
