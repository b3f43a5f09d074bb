using Custodian.Privacy.Abstractions.Protection;

namespace Custodian.Modules.Marketplace.Support;

/// <summary>One message of the correspondence with a seller (from the seller, or the operator's answer), encrypted under the seller's key.</summary>
internal sealed class SupportMessageRecord
{
    public Guid Id { get; set; }

    public Guid SellerId { get; set; }

    public bool FromSeller { get; set; }

    public string Channel { get; set; } = "telegram";

    public Encrypted<string> Text { get; set; } = null!;

    public DateTime AtUtc { get; set; }

    public DateTime? AnsweredAtUtc { get; set; }

    public static FieldAddress Field(Guid id) => new("marketplace_support_messages", "support_message", id.ToString("N"));
}
