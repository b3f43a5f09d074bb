using Custodian.Privacy.Abstractions.Protection;

namespace Custodian.Modules.Marketplace.Accounts;

internal enum MarketplaceKind
{
    Wildberries,
    Ozon,
}

internal enum AccountStatus
{
    Active,
    /// <summary>The marketplace answered 401/403: syncs stop until the seller replaces the key.</summary>
    KeyRejected,
    Revoked,
}

/// <summary>
/// A seller's account on one marketplace. Keys are encrypted under a key scope of their own (the account), so
/// revoking crypto-shreds them; only the last four characters are kept in clear for the seller to recognise them.
/// </summary>
internal sealed class MarketplaceAccountRecord
{
    public Guid Id { get; set; }

    public Guid SellerId { get; set; }

    public MarketplaceKind Marketplace { get; set; }

    public Encrypted<string>? WildberriesToken { get; set; }

    public Encrypted<string>? OzonClientId { get; set; }

    public Encrypted<string>? OzonApiKey { get; set; }

    public string KeyTail { get; set; } = string.Empty;

    public DateTime? KeyExpiresAtUtc { get; set; }

    /// <summary>Access categories of a Wildberries token, comma-separated, when the token could be decoded.</summary>
    public string? KeyCategories { get; set; }

    public AccountStatus Status { get; set; }

    /// <summary>When the seller was last warned that the key expires.</summary>
    public DateTime? KeyWarnedAtUtc { get; set; }

    /// <summary>When the seller was told the account's first collection is complete (claimed once, whichever instance sends it).</summary>
    public DateTime? AccessReadyNoticeSentUtc { get; set; }

    public string? StatusDetail { get; set; }

    public DateTime AddedAtUtc { get; set; }

    public DateTime? RevokedAtUtc { get; set; }

    /// <summary>The <see cref="Dashboards.DailyTotals.Version"/> the account's daily totals were last built by in full; 0 = to be rebuilt.</summary>
    public int DailyTotalsVersion { get; set; }

    public KeyScope KeyScope => KeyScopeOf(Id);

    public static KeyScope KeyScopeOf(Guid accountId) => KeyScope.Tenant("marketplace-sellers", "account-" + accountId.ToString("N"));

    public static FieldAddress Field(Guid accountId, string column) => new("marketplace_accounts", column, accountId.ToString("N"));

    /// <summary>"…" and the last four characters: enough to tell keys apart, useless to anyone else.</summary>
    public static string Tail(string secret) => "…" + (secret.Length > 8 ? secret[^4..] : string.Empty);
}
