using Custodian.Privacy.Abstractions.Audit;
using Custodian.Privacy.Abstractions.Consent;
using Custodian.Privacy.Abstractions.Protection;
using Microsoft.EntityFrameworkCore;

namespace Custodian.Modules.Training.Marketing;

/// <summary>
/// An address no marketing goes to (<c>training_marketing_suppressions</c>), kept as its blind index only: a later
/// enrolment with the same address finds it and never brings the person back onto a mailing list.
/// </summary>
internal sealed class MarketingSuppressionRecord
{
    public byte[] EmailIndex { get; set; } = [];

    public DateTime SinceUtc { get; set; }

    /// <summary>How the person said no (<c>self-service</c>, <c>unsubscribe-link</c>, …).</summary>
    public string Via { get; set; } = string.Empty;

    public const string Table = "training_marketing_suppressions";

    public static void Map(ModelBuilder modelBuilder) => modelBuilder.Entity<MarketingSuppressionRecord>(m =>
    {
        m.ToTable(Table);
        m.HasKey(x => x.EmailIndex);
        m.Property(x => x.EmailIndex).HasColumnName("email_index");
        m.Property(x => x.SinceUtc).HasColumnName("since");
        m.Property(x => x.Via).HasColumnName("via").HasMaxLength(40).IsRequired();
    });
}

/// <summary>
/// "Stop marketing": withdraws the marketing consent in the kernel's ledger (when one is in force) and puts the address
/// on the suppression list. Idempotent: stopping twice keeps the first entry and records no second withdrawal.
/// </summary>
internal sealed class StopMarketing(TrainingDb db, IConsentLedger consents, IAuditLog audit, TimeProvider clock)
{
    public static readonly ConsentPurpose Purpose = new(TrainingModule.Register, "marketing");

    public async Task StopAsync(SubjectId subject, byte[] emailIndex, string via, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(emailIndex);
        if (await consents.HasConsentAsync(subject, Purpose, cancellationToken))
        {
            await consents.WithdrawAsync(subject, Purpose, new ConsentEvidence(ConsentChannel.WebForm, via), cancellationToken);
        }

        if (!await db.MarketingSuppressions.AnyAsync(s => s.EmailIndex == emailIndex, cancellationToken))
        {
            db.MarketingSuppressions.Add(new MarketingSuppressionRecord { EmailIndex = emailIndex, SinceUtc = clock.GetUtcNow().UtcDateTime, Via = via });
            try
            {
                await db.SaveChangesAsync(cancellationToken);
            }
            catch (DbUpdateException)
            {
                // A parallel stop may have stored it first: the address is suppressed either way, anything else is not.
                if (!await IsSuppressedAsync(emailIndex, cancellationToken))
                {
                    throw;
                }
            }
        }

        await audit.AppendAsync(new AuditEvent("subject:" + subject, "training marketing stopped", subject, TrainingModule.Register, "marketing"), cancellationToken);
    }

    public Task<bool> IsSuppressedAsync(byte[] emailIndex, CancellationToken cancellationToken)
    {
        db.ChangeTracker.Clear();
        return db.MarketingSuppressions.AnyAsync(s => s.EmailIndex == emailIndex, cancellationToken);
    }
}
