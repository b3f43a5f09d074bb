using Microsoft.EntityFrameworkCore;

namespace Custodian.Modules.Billing.Invoicing;

/// <summary>
/// A module's request to invoice a Finnish employer (<c>billing.finnish-invoice-requested.v1</c>), one row per source and
/// source reference (table <c>billing_invoice_requests</c>): the key that makes the request take effect once, and what
/// became of it — issued (the invoice) or rejected (the problems, shown to the operator). Holds no personal data.
/// </summary>
internal sealed class InvoiceRequestRecord
{
    public const string Issued = "issued";

    public const string Rejected = "rejected";

    public string Source { get; set; } = string.Empty;

    public string SourceReference { get; set; } = string.Empty;

    /// <summary>The event last handled for this key (a rejected key may be requested again by a new event).</summary>
    public Guid EventId { get; set; }

    public string Status { get; set; } = string.Empty;

    public Guid? InvoiceId { get; set; }

    /// <summary>A rejection's problems (JSON of <see cref="RequestProblem"/>).</summary>
    public string? Problems { get; set; }

    public DateTime ReceivedAtUtc { get; set; }
}

/// <summary>One reason a request was rejected: field, English text key (with <c>{0}</c> for a validator's reason) and that reason.</summary>
internal sealed record RequestProblem(string Field, string Message, string? Reason = null)
{
    public string English => Reason is null ? Message : string.Format(System.Globalization.CultureInfo.InvariantCulture, Message, Reason);
}

internal static class InvoiceRequestModel
{
    public static void Configure(ModelBuilder modelBuilder) =>
        modelBuilder.Entity<InvoiceRequestRecord>(request =>
        {
            request.ToTable("billing_invoice_requests");
            request.HasKey(r => new { r.Source, r.SourceReference });
            request.Property(r => r.Source).HasColumnName("source").HasMaxLength(40);
            request.Property(r => r.SourceReference).HasColumnName("source_reference").HasMaxLength(100);
            request.Property(r => r.EventId).HasColumnName("event_id");
            request.Property(r => r.Status).HasColumnName("status").HasMaxLength(16).IsRequired();
            request.Property(r => r.InvoiceId).HasColumnName("invoice_id");
            request.Property(r => r.Problems).HasColumnName("problems");
            request.Property(r => r.ReceivedAtUtc).HasColumnName("received_at_utc");
            request.HasIndex(r => r.ReceivedAtUtc);
        });
}
