namespace Custodian.Modules.Marketplace.Sharing;

/// <summary>
/// A read-only link to one dashboard with a fixed scope: the accounts, a period (fixed days, or the rolling last 30 days
/// when both are empty) and the narrowing filters. Only the SHA-256 of its token is stored, so a copy of the database
/// opens no link. It belongs to the seller who made it and goes with that seller's data.
/// </summary>
internal sealed class ShareLinkRecord
{
    public Guid Id { get; set; }

    public Guid SellerId { get; set; }

    /// <summary>The accounts shown, as comma-separated ids (<c>N</c> format).</summary>
    public string AccountIds { get; set; } = string.Empty;

    /// <summary>The dashboard's id (<c>overview</c>, <c>products</c>...).</summary>
    public string Dashboard { get; set; } = string.Empty;

    public DateOnly? FromDay { get; set; }

    public DateOnly? ToDay { get; set; }

    /// <summary>The narrowing filters as a query string (<c>marketplace</c>, <c>brand</c>, <c>category</c>, <c>sku</c>), empty for none.</summary>
    public string Filters { get; set; } = string.Empty;

    public byte[] TokenHash { get; set; } = [];

    public DateTime CreatedAtUtc { get; set; }

    public DateTime? ExpiresAtUtc { get; set; }

    public DateTime? RevokedAtUtc { get; set; }

    public DateTime? LastUsedAtUtc { get; set; }

    public long Views { get; set; }

    public IReadOnlyList<Guid> Accounts => [.. AccountIds.Split(',', StringSplitOptions.RemoveEmptyEntries).Select(Guid.Parse)];
}
