using Custodian.Modules.Billing.Documents;
using Custodian.Modules.Billing.Statements;
using Custodian.Privacy.Abstractions.Audit;
using Custodian.Privacy.Abstractions.Events;
using Custodian.Privacy.Abstractions.Time;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;

namespace Custodian.Modules.Billing.Collection;

/// <summary>
/// That an overdue Finnish invoice was handed to debt collection (<c>billing_collection_cases</c>): by whom and when.
/// One row per invoice; the case itself lives with the collection agency. Holds no personal data.
/// </summary>
internal sealed class CollectionCaseRecord
{
    public Guid InvoiceId { get; set; }

    public DateOnly SentOn { get; set; }

    public string SentBy { get; set; } = string.Empty;

    public DateTime SentAtUtc { get; set; }

    public const string Table = "billing_collection_cases";

    public static void Configure(ModelBuilder modelBuilder) =>
        modelBuilder.Entity<CollectionCaseRecord>(c =>
        {
            c.ToTable(Table);
            c.HasKey(x => x.InvoiceId);
            c.Property(x => x.InvoiceId).HasColumnName("invoice_id");
            c.Property(x => x.SentOn).HasColumnName("sent_on");
            c.Property(x => x.SentBy).HasColumnName("sent_by").HasMaxLength(80).IsRequired();
            c.Property(x => x.SentAtUtc).HasColumnName("sent_at_utc");
        });
}

/// <summary>
/// An operator marks an overdue, unpaid Finnish invoice as sent to debt collection; the module that requested it hears
/// so through <c>billing.finnish-invoice-settled.v1</c> (state <c>in-collection</c>) in the same transaction. Marking
/// it again changes nothing and tells nobody twice.
/// </summary>
internal sealed class SendInvoiceToCollection(BillingDb db, IEventOutbox outbox, IAuditLog audit, TimeProvider clock)
{
    public enum Outcome
    {
        Sent,
        SentBefore,
        NoSuchInvoice,
        Paid,
        NotDue,
    }

    /// <param name="invoice">The invoice's id, or its number as printed (<c>2026-7</c>).</param>
    public async Task<Outcome> SendAsync(string invoice, string actor, CancellationToken cancellationToken)
    {
        var finnish = db.Documents.AsNoTracking().Where(d => d.Kind == DocumentKind.FinnishInvoice);
        DocumentRecord? document = null;
        if (Guid.TryParse(invoice, out var id))
        {
            document = await finnish.SingleOrDefaultAsync(d => d.Id == id, cancellationToken);
        }
        else if (invoice.Split('-') is [var y, var n] && int.TryParse(y, out var year) && int.TryParse(n, out var number))
        {
            document = await finnish.SingleOrDefaultAsync(d => d.Year == year && d.Number == number, cancellationToken);
        }

        if (document is null)
        {
            return Outcome.NoSuchInvoice;
        }

        var now = clock.GetUtcNow().UtcDateTime;
        var today = LocalDays.Helsinki(now);
        if (await db.Set<CollectionCaseRecord>().AnyAsync(c => c.InvoiceId == document.Id, cancellationToken))
        {
            return Outcome.SentBefore;
        }

        if (await InvoiceSettlement.IsPaidAsync(db, document.Id, cancellationToken))
        {
            return Outcome.Paid;
        }

        if (document.DueOn is not { } due || due >= today)
        {
            return Outcome.NotDue;
        }

        var sent = false;
        var strategy = db.Database.CreateExecutionStrategy();
        await strategy.ExecuteAsync(async () =>
        {
            db.ChangeTracker.Clear();
            sent = false;
            await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
            var inserted = await db.Database.ExecuteSqlAsync(
                $"INSERT INTO billing_collection_cases (invoice_id, sent_on, sent_by, sent_at_utc) VALUES ({document.Id}, {today}, {actor}, {now}) ON CONFLICT (invoice_id) DO NOTHING",
                cancellationToken);
            if (inserted == 0)
            {
                return; // marked by someone else meanwhile
            }

            await Invoicing.FinnishInvoiceSettlement.PublishAsync(db, outbox, transaction.GetDbTransaction(), document.Id, FinnishInvoiceSettled.InCollection, now, cancellationToken);
            await transaction.CommitAsync(cancellationToken);
            sent = true;
        });
        if (!sent)
        {
            return Outcome.SentBefore;
        }

        await audit.AppendAsync(new AuditEvent(actor, $"billing send Finnish invoice {FinvoiceMessage.Number(document)} to collection", Register: "billing-fi", Purpose: "invoicing"), cancellationToken);
        return Outcome.Sent;
    }
}
