namespace Custodian.Modules.Marketplace.Dashboards;

/// <summary>
/// The stock level (units) at or below which a SKU of a marketplace account is shown as an alert on the Stocks page.
/// It belongs to the seller who owns the account (team owners set it for them), so it is exported with that seller's
/// data and erased with it. It is not personal data: a product number and a count, nothing about a person — so no
/// category of register marketplace-sellers declares it.
/// </summary>
internal sealed class StockThresholdRecord
{
    public Guid Id { get; set; }

    /// <summary>The seller who owns the account.</summary>
    public Guid SellerId { get; set; }

    public Guid AccountId { get; set; }

    /// <summary>A Wildberries nmID or an Ozon SKU.</summary>
    public long Sku { get; set; }

    public int Threshold { get; set; }

    public DateTime UpdatedAtUtc { get; set; }
}
