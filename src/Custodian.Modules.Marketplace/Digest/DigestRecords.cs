namespace Custodian.Modules.Marketplace.Digest;

/// <summary>
/// Where a person wants the daily digest: in the bot, by e-mail, both or neither. No row means neither (the digest is
/// switched on by the person; the service never starts writing to anyone every morning by itself). Exported and erased
/// with the seller (a setting of theirs, register marketplace-sellers).
/// </summary>
internal sealed class DigestPreferenceRecord
{
    public Guid SellerId { get; set; }

    public bool Telegram { get; set; }

    public bool Email { get; set; }

    public DateTime UpdatedAtUtc { get; set; }
}

/// <summary>
/// "The digest for person X for Moscow day D": written before sending, under a unique (seller, day) key, so that a second
/// instance or a restart never sends it again (at most once: a crash between the claim and the mail loses that day's
/// digest rather than doubling it). The mail's unsubscribe link carries a token of its own, kept here only as a hash.
/// </summary>
internal sealed class DigestSentRecord
{
    public Guid Id { get; set; }

    public Guid SellerId { get; set; }

    public DateOnly Day { get; set; }

    public DateTime ClaimedAtUtc { get; set; }

    public DateTime? SentAtUtc { get; set; }

    /// <summary>The channels it went out through, e.g. "telegram,email" (empty when neither could be reached).</summary>
    public string Channels { get; set; } = string.Empty;

    /// <summary>SHA-256 of the one-click unsubscribe token in that day's mail; null when no mail was sent.</summary>
    public byte[]? UnsubscribeTokenHash { get; set; }
}
