using System.Text.Json;
using Custodian.Privacy.Abstractions.Events;
using Microsoft.EntityFrameworkCore;

namespace Custodian.Modules.Training.Invoicing;

/// <summary>
/// Billing's answers to the module's invoice requests (ADR 0029, 0044), applied to <see cref="InvoiceRecord"/> by its
/// key. Each answer sets what it knows and never moves an invoice backwards, so deliveries that repeat or arrive out of
/// order (settled before issued) end in the same state: paid is final; sent to collection outranks issued; issued
/// outranks requested. Answers to other modules' requests are ignored.
/// </summary>
internal static class BillingAnswers
{
    public static int Rank(InvoiceState state) => state switch
    {
        InvoiceState.Requested or InvoiceState.Rejected => 0,
        InvoiceState.Issued => 1,
        InvoiceState.InCollection => 2,
        InvoiceState.Paid => 3,
        _ => 0,
    };

    public static async Task ApplyAsync(TrainingDb db, string source, string key, TimeProvider clock, Action<InvoiceRecord> change, CancellationToken cancellationToken)
    {
        if (source != RequestEmployerInvoices.Source)
        {
            return;
        }

        var invoice = await db.Invoices.SingleOrDefaultAsync(i => i.SourceReference == key, cancellationToken);
        if (invoice is null)
        {
            return; // not a key this module made (e.g. its row was removed by retention long after)
        }

        change(invoice);
        invoice.Version++; // a concurrent answer makes this save fail, and the kernel delivers this one again
        invoice.AnsweredAtUtc = clock.GetUtcNow().UtcDateTime;
        await db.SaveChangesAsync(cancellationToken);
    }

    public static void MoveTo(InvoiceRecord invoice, InvoiceState state)
    {
        if (Rank(state) >= Rank(invoice.State))
        {
            invoice.State = state;
        }
    }
}

/// <summary>Billing issued the invoice: its id, number, reference, dates and total (with VAT).</summary>
internal sealed class RecordInvoiceIssued(TrainingDb db, TimeProvider clock) : EventSubscriber<FinnishInvoiceIssued>
{
    public override string Name => "training.record-invoice-issued";

    protected override Task HandleAsync(FinnishInvoiceIssued domainEvent, EventDelivery delivery, CancellationToken cancellationToken) =>
        BillingAnswers.ApplyAsync(db, domainEvent.Source, domainEvent.SourceReference, clock, invoice =>
        {
            invoice.BillingInvoiceId = domainEvent.InvoiceId;
            invoice.Number = domainEvent.Number;
            invoice.PaymentReference = domainEvent.Reference;
            invoice.IssuedOn = domainEvent.IssuedOn;
            invoice.DueOn = domainEvent.DueOn;
            invoice.Total = domainEvent.Total;
            invoice.Currency = domainEvent.Currency;
            invoice.Problems = null;
            BillingAnswers.MoveTo(invoice, InvoiceState.Issued);
        }, cancellationToken);
}

/// <summary>Billing could not invoice: the problems are kept for the registrar, who corrects the employer's data and asks again.</summary>
internal sealed class RecordInvoiceRejected(TrainingDb db, TimeProvider clock) : EventSubscriber<FinnishInvoiceRejected>
{
    public override string Name => "training.record-invoice-rejected";

    protected override Task HandleAsync(FinnishInvoiceRejected domainEvent, EventDelivery delivery, CancellationToken cancellationToken) =>
        BillingAnswers.ApplyAsync(db, domainEvent.Source, domainEvent.SourceReference, clock, invoice =>
        {
            if (invoice.State != InvoiceState.Requested)
            {
                return; // an older rejection arriving after the key was issued
            }

            invoice.State = InvoiceState.Rejected;
            invoice.Problems = JsonSerializer.Serialize(domainEvent.Problems, EventJson.Options);
        }, cancellationToken);
}

/// <summary>Billing matched a payment to the invoice, or sent it to debt collection.</summary>
internal sealed class RecordInvoiceSettled(TrainingDb db, TimeProvider clock) : EventSubscriber<FinnishInvoiceSettled>
{
    public override string Name => "training.record-invoice-settled";

    protected override Task HandleAsync(FinnishInvoiceSettled domainEvent, EventDelivery delivery, CancellationToken cancellationToken)
    {
        var state = domainEvent.State switch
        {
            FinnishInvoiceSettled.Paid => InvoiceState.Paid,
            FinnishInvoiceSettled.InCollection => InvoiceState.InCollection,
            _ => throw new InvalidOperationException($"Event {delivery.EventId}: billing sent a settlement state the module does not know."),
        };
        return BillingAnswers.ApplyAsync(db, domainEvent.Source, domainEvent.SourceReference, clock, invoice =>
        {
            invoice.BillingInvoiceId ??= domainEvent.InvoiceId;
            if (BillingAnswers.Rank(state) >= BillingAnswers.Rank(invoice.State))
            {
                invoice.SettledOn = domainEvent.On;
            }

            BillingAnswers.MoveTo(invoice, state);
        }, cancellationToken);
    }
}
