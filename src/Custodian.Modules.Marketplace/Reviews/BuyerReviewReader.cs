using Custodian.Privacy.Abstractions.Protection;
using Microsoft.EntityFrameworkCore;

namespace Custodian.Modules.Marketplace.Reviews;

/// <summary>What the records hold of one review's text.</summary>
internal enum ReviewTextState
{
    /// <summary>The text, decrypted for this page view.</summary>
    Shown,

    /// <summary>The buyer wrote no text (a rating only), or it was not kept.</summary>
    None,

    /// <summary>The account's key was destroyed (the account was disconnected): the text can no longer be read.</summary>
    Erased,
}

internal sealed record ReviewText(ReviewTextState State, string? Text);

/// <summary>
/// Opens buyers' review texts for the seller's own page, one request at a time: only for accounts the seller may see,
/// only the reviews asked for, decrypted under each account's key and never kept decrypted anywhere.
/// </summary>
internal sealed class BuyerReviewReader(MarketplaceDb db, IPersonalDataVault vault)
{
    /// <param name="visible">The accounts the seller may see; a review of any other account is answered as having no text.</param>
    public async Task<IReadOnlyList<ReviewText>> TextsAsync(IReadOnlyList<(Guid AccountId, string ReviewId)> reviews, IReadOnlyCollection<Guid> visible, CancellationToken cancellationToken)
    {
        var wanted = reviews.Where(r => visible.Contains(r.AccountId)).ToList();
        var accounts = wanted.Select(r => r.AccountId).Distinct().ToList();
        var ids = wanted.Select(r => r.ReviewId).Distinct().ToList();
        var records = wanted.Count == 0 ? [] : await db.BuyerReviews.AsNoTracking().Where(r => accounts.Contains(r.AccountId) && ids.Contains(r.FeedbackId)).ToListAsync(cancellationToken);
        var byKey = records.ToDictionary(r => (r.AccountId, r.FeedbackId));
        var texts = new List<ReviewText>(reviews.Count);
        foreach (var (account, id) in reviews)
        {
            if (!visible.Contains(account) || !byKey.TryGetValue((account, id), out var record))
            {
                texts.Add(new ReviewText(ReviewTextState.None, null));
                continue;
            }

            var opened = await vault.OpenAsync(record.ReviewText, BuyerReviewRecord.Field(account, id), cancellationToken);
            texts.Add(opened.IsErased ? new ReviewText(ReviewTextState.Erased, null) : new ReviewText(ReviewTextState.Shown, opened.Value));
        }

        return texts;
    }
}
