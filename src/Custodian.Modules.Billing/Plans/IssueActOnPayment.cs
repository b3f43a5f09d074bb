using Custodian.Modules.Billing.Documents;
using Custodian.Modules.Billing.Payments;
using Custodian.Privacy.Abstractions.Events;

namespace Custodian.Modules.Billing.Plans;

/// <summary>
/// Issues the act (акт) for a paid plan invoice once its payment is confirmed, so the seller finds both documents without
/// asking. The act itself is the record of having handled the event: a repeated delivery finds it and issues none.
/// </summary>
internal sealed class IssueActOnPayment(IssueDocuments documents) : EventSubscriber<PaymentConfirmed>
{
    public override string Name => "billing.act-on-plan-payment";

    protected override async Task HandleAsync(PaymentConfirmed domainEvent, EventDelivery delivery, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(domainEvent);
        if (domainEvent.Plan is null)
        {
            return; // an invoice for something else: its act is issued by whoever sold it
        }

        var (act, problem) = await documents.ActAsync(domainEvent.InvoiceId, cancellationToken);
        if (act is null && problem == Payers.PayerRestriction.Message)
        {
            return; // restricted after it paid: no new document names it (docs/billing.md, "Not yet")
        }

        if (act is null && problem != IssueDocuments.ActExists)
        {
            throw new InvalidOperationException($"Event {delivery?.EventId}: no act for the paid invoice ({problem}).");
        }
    }
}
