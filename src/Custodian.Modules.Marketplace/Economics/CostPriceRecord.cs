namespace Custodian.Modules.Marketplace.Economics;

/// <summary>
/// What one unit of a SKU of a marketplace account cost the seller, from a day on. A new price from a later day keeps the
/// earlier ones (history); a P&amp;L day uses the price valid on that day. Not personal data: a product and a price.
/// Belongs to the seller who owns the account: exported and erased with that seller's data.
/// </summary>
internal sealed class CostPriceRecord
{
    public Guid Id { get; set; }

    public Guid SellerId { get; set; }

    public Guid AccountId { get; set; }

    /// <summary>A Wildberries nmID or an Ozon SKU.</summary>
    public long Sku { get; set; }

    /// <summary>Roubles per unit, VAT included as paid.</summary>
    public decimal Cost { get; set; }

    /// <summary>The first Moscow day the price applies to.</summary>
    public DateOnly ValidFrom { get; set; }

    public DateTime UpdatedAtUtc { get; set; }
}

/// <summary>The tax regime a seller chose for the P&amp;L (codes as <see cref="TaxRules.Regimes"/>), with a regional USN rate if it differs.</summary>
internal sealed class TaxSettingRecord
{
    public Guid SellerId { get; set; }

    public string Regime { get; set; } = TaxRules.UsnIncome;

    /// <summary>A regional USN rate in percent (regions lower 6 % and 15 %); null for the federal rate.</summary>
    public decimal? UsnRate { get; set; }

    public DateTime UpdatedAtUtc { get; set; }
}
