namespace Custodian.Modules.Marketplace.Collection;

/// <summary>What each dataset is called on sellers' pages (English keys of the module's translations).</summary>
internal static class DatasetTitles
{
    private static readonly Dictionary<string, string> Titles = new(StringComparer.Ordinal)
    {
        ["wb-orders"] = "Orders", ["wb-sales"] = "Sales and returns", ["wb-feedbacks"] = "Reviews", ["wb-finance"] = "Sales reports",
        ["wb-cards"] = "Product cards", ["wb-stocks"] = "Stocks", ["wb-prices"] = "Prices", ["wb-funnel"] = "Sales funnel", ["wb-returns"] = "Returns",
        ["ozon-products"] = "Products", ["ozon-stocks"] = "Stocks", ["ozon-prices"] = "Prices", ["ozon-fbo"] = "FBO orders", ["ozon-fbs"] = "FBS orders",
        ["ozon-analytics"] = "Views and carts", ["ozon-finance"] = "Finance transactions", ["ozon-returns"] = "Returns", ["ozon-rating"] = "Seller rating",
        ["ozon-reviews"] = "Reviews",
    };

    public static string Of(string dataset) => Titles.GetValueOrDefault(dataset, dataset);
}
