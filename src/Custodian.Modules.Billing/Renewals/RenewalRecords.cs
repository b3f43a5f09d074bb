using Microsoft.EntityFrameworkCore;

namespace Custodian.Modules.Billing.Renewals;

/// <summary>
/// A payment reminder for one stage (<c>7d</c>, <c>1d</c>, <c>grace</c>) of one paid period's end (table
/// <c>billing_renewal_reminders</c>). The row is claimed before the mail goes out and its unique key (account, period
/// end, stage) lets one instance claim it once, so a reminder is sent at most once per period across restarts and
/// instances. It also carries the reminder's renewal link: only the SHA-256 of its token, its expiry, what it renews
/// and the invoice issued from it (one per link).
/// </summary>
internal sealed class RenewalReminderRecord
{
    public Guid Id { get; set; }

    public string Account { get; set; } = string.Empty;

    /// <summary>The end of the paid time the reminder is about (the plan's end as the selling module reported it).</summary>
    public DateTime PeriodEndUtc { get; set; }

    public string Stage { get; set; } = string.Empty;

    public string PlanId { get; set; } = string.Empty;

    public Plans.BillingCycle Cycle { get; set; }

    public byte[] TokenHash { get; set; } = [];

    public DateTime ExpiresAtUtc { get; set; }

    /// <summary>Null while claimed and not yet handed to the mail server (a crash then leaves it unsent rather than sent twice).</summary>
    public DateTime? SentAtUtc { get; set; }

    /// <summary>The invoice issued from the link, reused while unpaid.</summary>
    public Guid? InvoiceId { get; set; }
}

/// <summary>
/// A seller's cancelled renewal (table <c>billing_renewal_cancellations</c>, one per account): the paid time up to
/// <see cref="PeriodEndUtc"/> runs out and is not renewed (no reminders, no renewal link works). Paying for more time,
/// or resuming before that end, ends the cancellation.
/// </summary>
internal sealed class RenewalCancellationRecord
{
    public string Account { get; set; } = string.Empty;

    public DateTime PeriodEndUtc { get; set; }

    public DateTime CancelledAtUtc { get; set; }
}

/// <summary>The mapping of the renewal tables (kept beside them, so the shared DbContext only calls it).</summary>
internal static class RenewalModel
{
    public static void Configure(ModelBuilder modelBuilder)
    {
        modelBuilder.Entity<RenewalReminderRecord>(reminder =>
        {
            reminder.ToTable("billing_renewal_reminders");
            reminder.HasKey(r => r.Id);
            reminder.Property(r => r.Id).HasColumnName("id").ValueGeneratedNever();
            reminder.Property(r => r.Account).HasColumnName("account").HasMaxLength(100).IsRequired();
            reminder.Property(r => r.PeriodEndUtc).HasColumnName("period_end_utc");
            reminder.Property(r => r.Stage).HasColumnName("stage").HasMaxLength(16).IsRequired();
            reminder.HasIndex(r => new { r.Account, r.PeriodEndUtc, r.Stage }).IsUnique();
            reminder.Property(r => r.PlanId).HasColumnName("plan_id").HasMaxLength(32).IsRequired();
            reminder.Property(r => r.Cycle).HasColumnName("cycle").HasConversion<string>().HasMaxLength(16);
            reminder.Property(r => r.TokenHash).HasColumnName("token_hash").IsRequired();
            reminder.HasIndex(r => r.TokenHash).IsUnique();
            reminder.Property(r => r.ExpiresAtUtc).HasColumnName("expires_at_utc");
            reminder.Property(r => r.SentAtUtc).HasColumnName("sent_at_utc");
            reminder.Property(r => r.InvoiceId).HasColumnName("invoice_id");
        });
        modelBuilder.Entity<RenewalCancellationRecord>(cancellation =>
        {
            cancellation.ToTable("billing_renewal_cancellations");
            cancellation.HasKey(c => c.Account);
            cancellation.Property(c => c.Account).HasColumnName("account").HasMaxLength(100);
            cancellation.Property(c => c.PeriodEndUtc).HasColumnName("period_end_utc");
            cancellation.Property(c => c.CancelledAtUtc).HasColumnName("cancelled_at_utc");
        });
    }
}
