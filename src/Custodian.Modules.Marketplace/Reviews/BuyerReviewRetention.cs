using Custodian.Modules.Marketplace.Accounts;
using Custodian.Privacy.Abstractions.Requests;
using Custodian.Privacy.Abstractions.Retention;
using Microsoft.EntityFrameworkCore;

namespace Custodian.Modules.Marketplace.Reviews;

/// <summary>
/// The marketplace's retention target for register marketplace-buyers, category buyer-review (deleted on the seller's
/// instruction): disconnecting a marketplace account is that instruction. Revoking destroys the account's key at once,
/// so the texts can no longer be read anywhere; the sweep then deletes the records and writes the destruction act.
/// Texts of an account that no longer exists are due too (its removal was the instruction). Reviews carry no subject:
/// the buyer's name is never stored, so the act names no subjects.
/// </summary>
internal sealed class BuyerReviewRetention(MarketplaceDb db) : IRetentionTarget
{
    public const string Register = "marketplace-buyers";
    public const string BuyerReview = "buyer-review";

    public string Name => "marketplace-buyers";

    public IReadOnlyCollection<string> Registers => [Register];

    public IReadOnlyCollection<string> Categories(string registerId) => registerId == Register ? [BuyerReview] : [];

    public async Task<IReadOnlyList<DueRecord>> FindDueAsync(string registerId, string category, DateTimeOffset cutoff, string? after, int batchSize, CancellationToken cancellationToken)
    {
        if (registerId != Register || category != BuyerReview)
        {
            return [];
        }

        var before = cutoff.UtcDateTime;
        var (afterAccount, afterFeedback) = after is null ? (Guid.Empty, string.Empty) : ParseId(after);
        var due = await (
            from r in db.BuyerReviews.AsNoTracking()
            join a in db.Accounts.AsNoTracking() on r.AccountId equals a.Id into accounts
            from a in accounts.DefaultIfEmpty()
            where (a == null || (a.Status == AccountStatus.Revoked && a.RevokedAtUtc != null && a.RevokedAtUtc <= before))
                && (r.AccountId.CompareTo(afterAccount) > 0 || (r.AccountId == afterAccount && r.FeedbackId.CompareTo(afterFeedback) > 0))
            orderby r.AccountId, r.FeedbackId
            select new { r.AccountId, r.FeedbackId, At = a == null ? r.CollectedAtUtc : a.RevokedAtUtc!.Value }).Take(batchSize).ToListAsync(cancellationToken);
        return [.. due.Select(d => new DueRecord(new RecordRef(Register, "buyer-review", IdOf(d.AccountId, d.FeedbackId)), null, new DateTimeOffset(DateTime.SpecifyKind(d.At, DateTimeKind.Utc))))];
    }

    public async Task<int> ApplyAsync(string registerId, string category, RetentionTreatment treatment, IReadOnlyList<DueRecord> records, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(records);
        if (registerId != Register || category != BuyerReview || records.Count == 0)
        {
            return 0;
        }

        // A review text is nothing without the buyer's words, so a rule that anonymises deletes it too.
        var deleted = 0;
        foreach (var account in records.Select(r => ParseId(r.Record.RecordId)).GroupBy(k => k.Account, k => k.Feedback))
        {
            var feedbacks = account.ToList();
            deleted += await db.BuyerReviews.Where(r => r.AccountId == account.Key && EF.Parameter(feedbacks).Contains(r.FeedbackId)).ExecuteDeleteAsync(cancellationToken);
        }

        return deleted;
    }

    private static string IdOf(Guid account, string feedback) => account.ToString("N") + "/" + feedback;

    private static (Guid Account, string Feedback) ParseId(string id) =>
        id.Split('/', 2) is [var account, var feedback] && Guid.TryParseExact(account, "N", out var parsed)
            ? (parsed, feedback)
            : throw new ArgumentException("Not a buyer review record id.", nameof(id));
}
