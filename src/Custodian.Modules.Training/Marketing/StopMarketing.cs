using Custodian.Privacy.Abstractions.Audit;
using Custodian.Privacy.Abstractions.Consent;
using Custodian.Privacy.Abstractions.Protection;
using Microsoft.EntityFrameworkCore;

namespace Custodian.Modules.Training.Marketing;

/// <summary>
/// A person's "no more marketing", from the mail's unsubscribe link or self-service: the marketing consent is withdrawn
/// in the kernel's ledger (which also ends the soft opt-in: an objection under 917/2014 § 200(2)) and the address's
/// blind index joins the suppression list, so no later enrolment brings the address back. Doing it twice changes nothing.
/// </summary>
internal sealed class StopMarketing(TrainingDb db, IConsentLedger consents, IAuditLog audit, TimeProvider clock)
{
    public static readonly ConsentPurpose Purpose = new(TrainingModule.Register, "marketing");

    public async Task StopAsync(SubjectId subject, byte[] emailIndex, string via, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(emailIndex);
        ArgumentException.ThrowIfNullOrWhiteSpace(via);
        await SuppressAsync(emailIndex, via, cancellationToken);
        if (await consents.HasConsentAsync(subject, Purpose, cancellationToken)
            || !(await consents.CurrentAsync(subject, cancellationToken)).Any(c => c.Purpose == Purpose))
        {
            await consents.WithdrawAsync(subject, Purpose, new ConsentEvidence(via == "unsubscribe-link" ? ConsentChannel.Email : ConsentChannel.WebForm, via), cancellationToken);
        }

        await audit.AppendAsync(new AuditEvent("subject:" + subject.Value.ToString("N"), "training.marketing.stopped", subject, TrainingModule.Register, "marketing"), cancellationToken);
    }

    /// <summary>Puts the address's blind index on the suppression list (once).</summary>
    public async Task SuppressAsync(byte[] emailIndex, string via, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        await db.Database.ExecuteSqlAsync(
            $"INSERT INTO training_marketing_suppressions (email_index, via, suppressed_at) VALUES ({emailIndex}, {via}, {now}) ON CONFLICT (email_index) DO NOTHING",
            cancellationToken);
    }

    public Task<bool> IsSuppressedAsync(byte[] emailIndex, CancellationToken cancellationToken) =>
        db.Suppressions.AnyAsync(s => s.EmailIndex == emailIndex, cancellationToken);
}
