using System.Text.Json;
using Custodian.Privacy.Abstractions.Events;
using Microsoft.Extensions.Logging;

namespace Custodian.Modules.Billing.Invoicing;

/// <summary>
/// Invoices a Finnish employer when a module asks with <c>billing.finnish-invoice-requested.v1</c> (ADR 0029), once per
/// (source, source reference) however often and however concurrently it is delivered (<see cref="IssueEmployerInvoice"/>).
/// Data the kernel's validators refuse is not retried: the rejection is stored for the operator
/// (<c>/operator/invoice-requests</c>) and answered with <c>billing.finnish-invoice-rejected.v1</c>; the same key may be
/// requested again, corrected.
/// </summary>
internal sealed partial class InvoiceEmployerOnRequest(IssueEmployerInvoice invoices, ILogger<InvoiceEmployerOnRequest> log) : IEventSubscriber
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

        var problems = invoices.Problems(request);
        if (problems.Count > 0)
        {
            if (await invoices.RejectAsync(request, delivery.EventId, problems, cancellationToken))
            {
                LogRejected(log, request?.Source ?? "invalid", delivery.EventId, problems.Count);
            }

            return;
        }

        if (await invoices.HandledAsync(request!.Source, request.SourceReference, delivery.EventId, cancellationToken))
        {
            return; // delivered again
        }

        var outcome = await invoices.IssueAsync(request, delivery.EventId, null, cancellationToken);
        if (outcome.Problems.Count > 0)
        {
            // Only what the stored payer allows is decided here (a restricted payer); the request itself was valid.
            if (await invoices.RejectAsync(request, delivery.EventId, outcome.Problems, cancellationToken))
            {
                LogRejected(log, request.Source, delivery.EventId, outcome.Problems.Count);
            }
        }
        else if (outcome.Issued is { } invoice)
        {
            LogIssued(log, request.Source, delivery.EventId, invoice.Year, invoice.Number);
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Invoice request from {Source} (event {EventId}) issued as Finnish invoice {Year}-{Number}")]
    private static partial void LogIssued(ILogger logger, string source, Guid eventId, int year, int number);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Invoice request from {Source} (event {EventId}) rejected with {Problems} problems; listed on /operator/invoice-requests")]
    private static partial void LogRejected(ILogger logger, string source, Guid eventId, int problems);
}
