using System.Text.Json;
using Custodian.Modules.Billing.Documents;
using Custodian.Modules.Billing.Payers;
using Custodian.Privacy.Abstractions.Events;
using Custodian.Privacy.Abstractions.Identifiers;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;
using Microsoft.Extensions.Logging;

namespace Custodian.Modules.Billing.Invoicing;

/// <summary>
/// Invoices a Finnish employer when a module asks with <c>billing.finnish-invoice-requested.v1</c> (ADR 0029). The
/// request's (source, reference) row is claimed with <c>INSERT … ON CONFLICT DO NOTHING</c> in the transaction that
/// numbers and stores the invoice and publishes <c>billing.finnish-invoice-issued.v1</c>: a redelivery, a second event
/// with the same key, or a concurrent delivery on another instance (it waits for the first's row and then finds it)
/// changes nothing. Data the kernel's validators refuse is not retried: the rejection is stored for the operator and
/// answered with <c>billing.finnish-invoice-rejected.v1</c>; the same key may be requested again, corrected.
/// </summary>
internal sealed partial class InvoiceEmployerOnRequest(
    BillingDb db, SavePayer payers, IssueFinnishInvoice finnish, IEventOutbox outbox, TimeProvider clock, ILogger<InvoiceEmployerOnRequest> log) : IEventSubscriber
{
    public string Name => "billing.invoice-employer-on-request";

    public string EventName => FinnishInvoiceRequested.EventName;

    public async Task HandleAsync(EventDelivery delivery, string payload, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(delivery);
        FinnishInvoiceRequested? request;
        try
        {
            request = JsonSerializer.Deserialize<FinnishInvoiceRequested>(payload, EventJson.Options);
        }
        catch (JsonException)
        {
            request = null;
        }

        var problems = Problems(request);
        if (KeyProblem(request) is { } keyProblem)
        {
            // Without a usable key the event itself is the key: it is rejected once, under the source "invalid".
            problems.Insert(0, keyProblem);
            await RejectAsync("invalid", delivery.EventId.ToString("D"), request?.Source ?? string.Empty, request?.SourceReference ?? string.Empty, delivery.EventId, problems, cancellationToken);
            return;
        }

        var (source, reference) = (request!.Source, request.SourceReference.Trim());
        if (problems.Count > 0)
        {
            await RejectAsync(source, reference, source, reference, delivery.EventId, problems, cancellationToken);
            return;
        }

        var known = await db.InvoiceRequests.AsNoTracking().SingleOrDefaultAsync(r => r.Source == source && r.SourceReference == reference, cancellationToken);
        if (known is not null && (known.Status == InvoiceRequestRecord.Issued || known.EventId == delivery.EventId))
        {
            return; // handled before
        }

        var payer = request.Payer;
        var account = Account(source, payer.BusinessId);
        var saved = await payers.FinnishAsync(account, new FinnishPayerForm(payer.Name, payer.BusinessId, payer.EInvoiceAddress, payer.EInvoiceOperator, payer.PostalAddress, payer.ContactName, payer.ContactEmail, payer.ContactPhone), cancellationToken);
        if (saved.Count > 0)
        {
            throw new InvalidOperationException($"Event {delivery.EventId}: the payer was checked but not saved.");
        }

        var invoice = await finnish.PrepareAsync(account, InvoiceLines.Normalise(request.Lines), payer.BuyerReference, cancellationToken)
            ?? throw new InvalidOperationException($"Event {delivery.EventId}: the payer just saved was not found.");
        var issued = false;
        var strategy = db.Database.CreateExecutionStrategy();
        await strategy.ExecuteAsync(async () =>
        {
            db.ChangeTracker.Clear();
            await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
            if (!await ClaimAsync(source, reference, delivery.EventId, InvoiceRequestRecord.Issued, invoice.Id, null, cancellationToken))
            {
                return; // another delivery issued it (or is rejected with this very event)
            }

            await finnish.StoreAsync(transaction, invoice, cancellationToken);
            await outbox.AddAsync(transaction.GetDbTransaction(), new FinnishInvoiceIssued(
                source, reference, invoice.Id, FinvoiceMessage.Number(invoice), invoice.Reference!, invoice.IssuedOn, invoice.DueOn!.Value, invoice.Amount, "EUR"), cancellationToken);
            await transaction.CommitAsync(cancellationToken);
            issued = true;
        });
        if (issued)
        {
            LogIssued(log, source, delivery.EventId, invoice.Year, invoice.Number);
        }
    }

    /// <summary>The payer account an employer is invoiced under: per requesting module and Y-tunnus.</summary>
    internal static string Account(string source, string businessId) => $"{source}:{YTunnus.Check(businessId).Normalised ?? businessId.Trim()}";

    private async Task RejectAsync(string source, string reference, string eventSource, string eventReference, Guid eventId, List<RequestProblem> problems, CancellationToken cancellationToken)
    {
        var json = JsonSerializer.Serialize(problems, EventJson.Options);
        var rejected = false;
        var strategy = db.Database.CreateExecutionStrategy();
        await strategy.ExecuteAsync(async () =>
        {
            db.ChangeTracker.Clear();
            await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
            if (!await ClaimAsync(source, reference, eventId, InvoiceRequestRecord.Rejected, null, json, cancellationToken))
            {
                return;
            }

            await outbox.AddAsync(transaction.GetDbTransaction(), new FinnishInvoiceRejected(
                eventSource, eventReference, [.. problems.Select(p => new FinnishInvoiceProblem(p.Field, p.English))]), cancellationToken);
            await transaction.CommitAsync(cancellationToken);
            rejected = true;
        });
        if (rejected)
        {
            LogRejected(log, source, eventId, problems.Count);
        }
    }

    /// <summary>
    /// Takes the key for this event: a new key, or one whose last request was rejected by another event. False when the
    /// key is issued already or this event was handled: the caller changes nothing.
    /// </summary>
    private async Task<bool> ClaimAsync(string source, string reference, Guid eventId, string status, Guid? invoiceId, string? problems, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        var inserted = await db.Database.ExecuteSqlAsync(
            $"INSERT INTO billing_invoice_requests (source, source_reference, event_id, status, received_at_utc) VALUES ({source}, {reference}, {eventId}, {status}, {now}) ON CONFLICT (source, source_reference) DO NOTHING",
            cancellationToken);
        var claimed = inserted == 1 || await db.Database.ExecuteSqlAsync(
            $"UPDATE billing_invoice_requests SET event_id = {eventId}, status = {status}, received_at_utc = {now} WHERE source = {source} AND source_reference = {reference} AND status = {InvoiceRequestRecord.Rejected} AND event_id <> {eventId}",
            cancellationToken) == 1;
        if (claimed)
        {
            var row = await db.InvoiceRequests.SingleAsync(r => r.Source == source && r.SourceReference == reference, cancellationToken);
            row.InvoiceId = invoiceId;
            row.Problems = problems;
            await db.SaveChangesAsync(cancellationToken);
        }

        return claimed;
    }

    private static RequestProblem? KeyProblem(FinnishInvoiceRequested? request) =>
        request is null ? new("request", "The request is not a readable billing.finnish-invoice-requested.v1 event.")
        : request.Source is not { Length: > 0 and <= 40 } source || !source.All(c => char.IsAsciiLetterLower(c) || c == '-') ? new("source", "The source is the requesting module's name: 1 to 40 lower-case letters and hyphens.")
        : string.IsNullOrWhiteSpace(request.SourceReference) || request.SourceReference.Trim().Length > 100 || request.SourceReference.Any(char.IsControl) ? new("source-reference", "The source reference is required: at most 100 characters, no control characters.")
        : null;

    /// <summary>Every problem with the payer and the lines, through the kernel's validators (as the payer form checks them).</summary>
    private static List<RequestProblem> Problems(FinnishInvoiceRequested? request)
    {
        var problems = new List<RequestProblem>();
        if (request is null)
        {
            return problems;
        }

        if (request.Payer is not { } payer)
        {
            problems.Add(new("payer", "The payer is missing."));
        }
        else
        {
            var form = new FinnishPayerForm(payer.Name, payer.BusinessId, payer.EInvoiceAddress, payer.EInvoiceOperator, payer.PostalAddress, payer.ContactName, payer.ContactEmail, payer.ContactPhone);
            problems.AddRange(form.Problems().Select(p => new RequestProblem("payer." + p.Field, p.Message, p.Reason)));
            if (payer.BuyerReference is { } buyerReference && buyerReference.Trim().Length > 70)
            {
                problems.Add(new("payer.buyer-reference", "The buyer's reference is at most 70 characters."));
            }
        }

        problems.AddRange(InvoiceLines.Problems(request.Lines).Select(p => new RequestProblem(p.Field, p.Message)));
        return problems;
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Invoice request from {Source} (event {EventId}) issued as Finnish invoice {Year}-{Number}")]
    private static partial void LogIssued(ILogger logger, string source, Guid eventId, int year, int number);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Invoice request from {Source} (event {EventId}) rejected with {Problems} problems; listed on /operator/invoice-requests")]
    private static partial void LogRejected(ILogger logger, string source, Guid eventId, int problems);
}
