using System.Globalization;
using Microsoft.EntityFrameworkCore;

namespace Custodian.Modules.Marketplace.Economics;

/// <summary>The seller's tax regime for the P&amp;L: USN «доходы» until they choose another.</summary>
internal sealed record TaxChoice(string Regime, decimal? UsnRate)
{
    public static readonly TaxChoice Default = new(TaxRules.UsnIncome, null);
}

/// <summary>Reads and changes a seller's tax regime (and regional USN rate, 0–15 %).</summary>
internal sealed class TaxSettings(MarketplaceDb db, TimeProvider clock)
{
    public async Task<TaxChoice> OfAsync(Guid sellerId, CancellationToken cancellationToken) =>
        await db.TaxSettings.AsNoTracking().Where(x => x.SellerId == sellerId).Select(x => new TaxChoice(x.Regime, x.UsnRate)).FirstOrDefaultAsync(cancellationToken) ?? TaxChoice.Default;

    /// <exception cref="MarketplaceInputException">An unknown regime, or a rate that is not a number from 0 to 15.</exception>
    public async Task SetAsync(Guid sellerId, string? regime, string? usnRate, CancellationToken cancellationToken)
    {
        if (regime is null || !TaxRules.Regimes.Contains(regime))
        {
            throw new MarketplaceInputException("regime", "Choose a tax regime from the list.");
        }

        decimal? rate = null;
        if (!string.IsNullOrWhiteSpace(usnRate))
        {
            rate = decimal.TryParse(usnRate.Trim().Replace(',', '.'), NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var r) && r <= 15m && decimal.Round(r, 2) == r
                ? r : throw new MarketplaceInputException("usn_rate", "The regional USN rate is a percentage from 0 to 15.");
        }

        var record = await db.TaxSettings.FirstOrDefaultAsync(x => x.SellerId == sellerId, cancellationToken);
        if (record is null)
        {
            db.TaxSettings.Add(record = new TaxSettingRecord { SellerId = sellerId });
        }

        (record.Regime, record.UsnRate, record.UpdatedAtUtc) = (regime, regime == TaxRules.Osno ? null : rate, clock.GetUtcNow().UtcDateTime);
        await db.SaveChangesAsync(cancellationToken);
    }
}
