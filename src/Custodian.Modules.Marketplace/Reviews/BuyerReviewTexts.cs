using Custodian.Modules.Marketplace.Accounts;
using Custodian.Modules.Marketplace.Collection;
using Custodian.Privacy.Abstractions.Protection;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Custodian.Modules.Marketplace.Reviews;

/// <summary>Keeps the texts of buyers' reviews collected in a run, encrypted under the account's key scope (new ones only).</summary>
internal static class BuyerReviewTexts
{
    public static async Task KeepAsync(DatasetRun run, List<(string Id, string Text, DateTime CreatedAt)> texts, DateTime now, CancellationToken cancellationToken)
    {
        if (texts.Count == 0)
        {
            return;
        }

        var db = run.Services.GetRequiredService<MarketplaceDb>();
        var vault = run.Services.GetRequiredService<IPersonalDataVault>();
        var ids = texts.Select(t => t.Id).ToList();
        var known = await db.BuyerReviews.Where(r => r.AccountId == run.AccountId && ids.Contains(r.FeedbackId)).Select(r => r.FeedbackId).ToHashSetAsync(StringComparer.Ordinal, cancellationToken);
        // A page may repeat a review (the marketplace pages by id while new reviews arrive): its text is kept once.
        foreach (var (id, text, created) in texts.Where(t => !known.Contains(t.Id)).DistinctBy(t => t.Id, StringComparer.Ordinal))
        {
            db.BuyerReviews.Add(new BuyerReviewRecord
            {
                AccountId = run.AccountId,
                FeedbackId = id,
                ReviewText = await vault.SealAsync(MarketplaceAccountRecord.KeyScopeOf(run.AccountId), BuyerReviewRecord.Field(run.AccountId, id), text.Length > 5000 ? text[..5000] : text, cancellationToken),
                CreatedAtUtc = created,
                CollectedAtUtc = now,
            });
        }

        await db.SaveChangesAsync(cancellationToken);
    }
}
