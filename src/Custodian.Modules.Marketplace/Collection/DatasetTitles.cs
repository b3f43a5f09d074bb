namespace Custodian.Modules.Marketplace.Collection;

/// <summary>What each dataset is called on sellers' pages (English keys of the module's translations).</summary>
internal static class DatasetTitles
{
    private static readonly Dictionary<string, string> Titles = new(StringComparer.Ordinal)
    {
        ["wb-orders"] = "orders", ["wb-sales"] = "sales and returns", ["wb-feedbacks"] = "reviews", ["wb-finance"] = "sales reports",
        ["wb-cards"] = "product cards", ["wb-stocks"] = "stocks", ["wb-prices"] = "prices", ["wb-funnel"] = "sales funnel", ["wb-returns"] = "returns",
        ["ozon-products"] = "products", ["ozon-stocks"] = "stocks", ["ozon-prices"] = "prices", ["ozon-fbo"] = "FBO orders", ["ozon-fbs"] = "FBS orders",
        ["ozon-analytics"] = "views and carts", ["ozon-finance"] = "finance transactions", ["ozon-returns"] = "returns", ["ozon-rating"] = "seller rating",
        ["ozon-reviews"] = "reviews",
    };

    public static string Of(string dataset) => Titles.GetValueOrDefault(dataset, dataset);
}
