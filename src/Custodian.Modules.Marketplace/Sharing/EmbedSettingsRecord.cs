using Custodian.Privacy.Abstractions.Protection;

namespace Custodian.Modules.Marketplace.Sharing;

/// <summary>
/// A seller's private embedding: the secret their own site signs embed tokens with (encrypted under the seller's key,
/// so it is shredded with the seller) and the origins allowed to frame the dashboards.
/// </summary>
internal sealed class EmbedSettingsRecord
{
    public Guid SellerId { get; set; }

    public Encrypted<string>? Secret { get; set; }

    /// <summary>Allowed frame ancestors, space-separated origins such as <c>https://shop.example.ru</c>.</summary>
    public string AllowedOrigins { get; set; } = string.Empty;

    public DateTime UpdatedAtUtc { get; set; }
}
