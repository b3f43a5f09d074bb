using Custodian.Modules.Training.Catalogue;
using Custodian.Modules.Training.Employers;
using Custodian.Modules.Training.Enrolment;
using Custodian.Privacy.Abstractions.Protection;
using Custodian.Privacy.Abstractions.Time;
using Microsoft.EntityFrameworkCore;

namespace Custodian.Modules.Training.Invoicing;

/// <summary>
/// The module's own record of invoicing one employer for one session (<c>training_invoices</c>), written in the same
/// transaction as the <c>billing.finnish-invoice-requested.v1</c> event that asks billing for the invoice (ADR 0029),
/// and kept up to date from billing's answers. <see cref="SourceReference"/> is the request's idempotency key: unique
/// here, so a session and employer are requested once however many runs race.
/// </summary>
internal sealed class InvoiceRecord
{
    public Guid Id { get; set; }

    public Guid EmployerId { get; set; }

    public Guid SessionId { get; set; }

    /// <summary><c>session-{id}-employer-{id}</c>: the key billing issues one invoice for.</summary>
    public string SourceReference { get; set; } = string.Empty;

    public InvoiceState State { get; set; }

    /// <summary>Billing's invoice, its number as printed (<c>2026-7</c>) and payment reference, once issued.</summary>
    public Guid? BillingInvoiceId { get; set; }

    public string? Number { get; set; }

    public string? PaymentReference { get; set; }

    public DateOnly? IssuedOn { get; set; }

    public DateOnly? DueOn { get; set; }

    /// <summary>What was asked (without VAT) until billing answers; then the invoice's total with VAT.</summary>
    public decimal Total { get; set; }

    public string Currency { get; set; } = "EUR";

    /// <summary>Billing's reasons for a rejection (English, by field; never personal data).</summary>
    public string? Problems { get; set; }

    public string RequestedBy { get; set; } = string.Empty;

    public DateTime RequestedAtUtc { get; set; }

    /// <summary>When billing last changed the state (issued, rejected, paid, sent to collection).</summary>
    public DateTime? AnsweredAtUtc { get; set; }

    /// <summary>The day it was paid or sent to collection, as billing told.</summary>
    public DateOnly? SettledOn { get; set; }

    /// <summary>Optimistic concurrency: two answers handled at once on two instances never overwrite each other's state.</summary>
    public int Version { get; set; }

    /// <summary>The last day of the accounting year (the calendar year) the invoice belongs to; the Accounting Act keeps it six years from there.</summary>
    public static DateOnly AccountingYearEnd(DateOnly? issuedOn, DateTime requestedAtUtc) =>
        new((issuedOn ?? LocalDays.Helsinki(requestedAtUtc)).Year, 12, 31);

    public const string Table = "training_invoices";

    public static string KeyOf(Guid sessionId, Guid employerId) => $"session-{sessionId:N}-employer-{employerId:N}";
}

internal enum InvoiceState
{
    Requested,
    Issued,
    Rejected,
    Paid,
    InCollection,
}

/// <summary>
/// Who an invoice is for (<c>training_invoice_participants</c>): the enrolments it charges and each participant's name as
/// the employer's specification shows it, sealed under the participant's own key (category <c>invoices</c>). Billing's
/// invoice itself names only the course and the count.
/// </summary>
internal sealed class InvoiceParticipantRecord
{
    public Guid InvoiceId { get; set; }

    public Guid EnrolmentId { get; set; }

    public Guid TraineeId { get; set; }

    public Encrypted<string>? InvoiceParticipantNames { get; set; }

    public const string Table = "training_invoice_participants";
}

internal static class InvoiceModel
{
    public static void Configure(ModelBuilder modelBuilder)
    {
        modelBuilder.Entity<InvoiceRecord>(i =>
        {
            i.ToTable(InvoiceRecord.Table);
            i.HasKey(x => x.Id);
            i.Property(x => x.Id).HasColumnName("id");
            i.Property(x => x.EmployerId).HasColumnName("employer_id");
            i.Property(x => x.SessionId).HasColumnName("session_id");
            i.Property(x => x.SourceReference).HasColumnName("source_reference").HasMaxLength(100).IsRequired();
            i.Property(x => x.State).HasColumnName("state").HasConversion(StateConverter.To, StateConverter.From).HasMaxLength(16);
            i.Property(x => x.BillingInvoiceId).HasColumnName("billing_invoice_id");
            i.Property(x => x.Number).HasColumnName("number").HasMaxLength(20);
            i.Property(x => x.PaymentReference).HasColumnName("billing_payment_reference").HasMaxLength(30);
            i.Property(x => x.IssuedOn).HasColumnName("issued_on");
            i.Property(x => x.DueOn).HasColumnName("due_on");
            i.Property(x => x.Total).HasColumnName("total").HasPrecision(12, 2);
            i.Property(x => x.Currency).HasColumnName("currency").HasMaxLength(3).IsRequired();
            i.Property(x => x.Problems).HasColumnName("problems").HasMaxLength(4000);
            i.Property(x => x.RequestedBy).HasColumnName("requested_by").HasMaxLength(80).IsRequired();
            i.Property(x => x.RequestedAtUtc).HasColumnName("requested_at");
            i.Property(x => x.AnsweredAtUtc).HasColumnName("answered_at");
            i.Property(x => x.SettledOn).HasColumnName("settled_on");
            i.Property(x => x.Version).HasColumnName("version").IsConcurrencyToken();
            i.HasOne<EmployerRecord>().WithMany().HasForeignKey(x => x.EmployerId).OnDelete(DeleteBehavior.Restrict);
            i.HasOne<SessionRecord>().WithMany().HasForeignKey(x => x.SessionId).OnDelete(DeleteBehavior.Restrict);
            i.HasIndex(x => x.SourceReference).IsUnique();
            i.HasIndex(x => x.EmployerId);
        });
        modelBuilder.Entity<InvoiceParticipantRecord>(p =>
        {
            p.ToTable(InvoiceParticipantRecord.Table);
            p.HasKey(x => new { x.InvoiceId, x.EnrolmentId });
            p.Property(x => x.InvoiceId).HasColumnName("invoice_id");
            p.Property(x => x.EnrolmentId).HasColumnName("enrolment_id");
            p.Property(x => x.TraineeId).HasColumnName("trainee_id");
            p.Property(x => x.InvoiceParticipantNames).HasColumnName("invoice_participant_names").HasConversion(v => v!.Ciphertext, b => Encrypted.FromCiphertext<string>(b));
            p.HasOne<InvoiceRecord>().WithMany().HasForeignKey(x => x.InvoiceId).OnDelete(DeleteBehavior.Cascade);
            p.HasOne<EnrolmentRecord>().WithMany().HasForeignKey(x => x.EnrolmentId).OnDelete(DeleteBehavior.Restrict).HasConstraintName("fk_training_invoice_participants_enrolment");
            p.HasIndex(x => x.TraineeId);
        });
    }

    /// <summary>States as stored and shown in the CLI: <c>requested</c>, <c>issued</c>, <c>rejected</c>, <c>paid</c>, <c>in-collection</c>.</summary>
    internal static class StateConverter
    {
        public static readonly System.Linq.Expressions.Expression<Func<InvoiceState, string>> To = s =>
            s == InvoiceState.Requested ? "requested" : s == InvoiceState.Issued ? "issued" : s == InvoiceState.Rejected ? "rejected" : s == InvoiceState.Paid ? "paid" : "in-collection";

        public static readonly System.Linq.Expressions.Expression<Func<string, InvoiceState>> From = s =>
            s == "requested" ? InvoiceState.Requested : s == "issued" ? InvoiceState.Issued : s == "rejected" ? InvoiceState.Rejected : s == "paid" ? InvoiceState.Paid : InvoiceState.InCollection;

        private static readonly Func<InvoiceState, string> Compiled = To.Compile();

        public static string Key(InvoiceState state) => Compiled(state);
    }
}
