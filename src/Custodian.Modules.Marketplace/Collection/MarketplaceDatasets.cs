using Custodian.Modules.Marketplace.Collection.Ozon;
using Custodian.Modules.Marketplace.Collection.Wildberries;
using Microsoft.Extensions.Options;

namespace Custodian.Modules.Marketplace.Collection;

/// <summary>Every dataset the collectors know, by name.</summary>
internal sealed class MarketplaceDatasets(MarketplaceHttp http, IOptions<WildberriesOptions> wildberries, IOptions<OzonOptions> ozon)
{
    public IReadOnlyList<IMarketplaceDataset> All { get; } =
    [
        new WildberriesStatistics(DatasetCatalog.WbOrders, "orders", 0, WildberriesTables.OrderFields, WildberriesTables.OrderRow, http, wildberries.Value),
        new WildberriesStatistics(DatasetCatalog.WbSales, "sales", 3, WildberriesTables.SaleFields, WildberriesTables.SaleRow, http, wildberries.Value),
        new WildberriesFeedbacks(http, wildberries.Value),
        new WildberriesFinanceReport(http, wildberries.Value),
        new WildberriesCards(http, wildberries.Value),
        WildberriesStocksAndPrices.StocksDataset(http, wildberries.Value),
        WildberriesStocksAndPrices.PricesDataset(http, wildberries.Value),
        new WildberriesSalesFunnel(http, wildberries.Value),
        new WildberriesReturns(http, wildberries.Value),
        new OzonProducts(http, ozon.Value),
        OzonSnapshot.StocksDataset(http, ozon.Value),
        OzonSnapshot.PricesDataset(http, ozon.Value),
        new OzonPostings("fbo", http, ozon.Value),
        new OzonPostings("fbs", http, ozon.Value),
        new OzonAnalytics(http, ozon.Value),
        new OzonTransactions(http, ozon.Value),
        new OzonReturns(http, ozon.Value),
        new OzonRating(http, ozon.Value),
        new OzonReviews(http, ozon.Value),
    ];

    public IMarketplaceDataset? Find(string name) => All.FirstOrDefault(d => d.Name == name);
}
