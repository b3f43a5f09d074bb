using Custodian.Privacy.Abstractions.Protection;

namespace Custodian.Modules.Marketplace.Reviews;

/// <summary>
/// The text of a buyer's review, kept for the seller (register marketplace-buyers, category buyer-review): encrypted
/// under the marketplace account's key scope, so disconnecting the account destroys it. The name the buyer shows is
/// never stored.
/// </summary>
internal sealed class BuyerReviewRecord
{
    public Guid AccountId { get; set; }

    public string FeedbackId { get; set; } = string.Empty;

    public Encrypted<string> ReviewText { get; set; } = null!;

    public DateTime CreatedAtUtc { get; set; }

    public DateTime CollectedAtUtc { get; set; }

    public static FieldAddress Field(Guid accountId, string feedbackId) => new("marketplace_buyer_reviews", "review_text", accountId.ToString("N") + "/" + feedbackId);
}
