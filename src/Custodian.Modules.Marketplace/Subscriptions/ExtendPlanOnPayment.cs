using Custodian.Privacy.Abstractions.Audit;
using Custodian.Privacy.Abstractions.Events;
using Custodian.Privacy.Abstractions.Protection;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;

namespace Custodian.Modules.Marketplace.Subscriptions;

/// <summary>
/// Billing's <c>billing.payment-confirmed</c> as the marketplace reads it (ADR 0021): the stored JSON is the contract,
/// so this record names only the fields the marketplace uses. <see cref="Plan"/> is null for an invoice that is not
/// for a plan.
/// </summary>
internal sealed record PlanPaymentConfirmed(Guid PaymentId, Guid InvoiceId, string Account, PlanPurchase? Plan) : IDomainEvent
{
    public static string EventName => "billing.payment-confirmed";
}

/// <summary>
/// What was bought: <paramref name="Months"/> of <paramref name="PlanId"/> at the list price <paramref name="Price"/>
/// (before any credit). <paramref name="StartsNow"/>: a change of plan, which replaces the paid time left (billing
/// credited it) from the moment of payment; otherwise the period follows on from the trial or the paid periods.
/// </summary>
internal sealed record PlanPurchase(string PlanId, int Months, decimal Price, string Currency, bool StartsNow);

/// <summary>
/// Extends (or changes) a seller's plan when billing confirms a payment for it, once per event however often it is
/// delivered: the inbox row and the period are written in one transaction.
/// </summary>
internal sealed class ExtendPlanOnPayment(MarketplaceDb db, IEventInbox inbox, IAuditLog audit, TimeProvider clock) : EventSubscriber<PlanPaymentConfirmed>
{
    public override string Name => "marketplace.extend-plan-on-payment";

    protected override async Task HandleAsync(PlanPaymentConfirmed domainEvent, EventDelivery delivery, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(domainEvent);
        ArgumentNullException.ThrowIfNull(delivery);
        if (domainEvent.Plan is not { } purchase || PlanCatalogue.SellerOf(domainEvent.Account) is not { } sellerId)
        {
            return; // not a plan, or not a seller's account: another module's sale
        }

        if (SellerPlan.Find(purchase.PlanId) is not { } plan || plan == SellerPlan.Trial || purchase.Months is < 1 or > 36)
        {
            throw new InvalidOperationException($"Event {delivery.EventId}: billing sold a plan the marketplace does not have or a period outside 1-36 months.");
        }

        Guid? subject = null;
        var strategy = db.Database.CreateExecutionStrategy();
        await strategy.ExecuteAsync(async () =>
        {
            await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
            if (!await inbox.TryRecordAsync(transaction.GetDbTransaction(), Name, delivery.EventId, cancellationToken))
            {
                return; // delivered before
            }

            var seller = await db.Sellers.FirstOrDefaultAsync(s => s.Id == sellerId, cancellationToken);
            if (seller is null)
            {
                await transaction.CommitAsync(cancellationToken); // the seller left after paying: nothing to extend
                return;
            }

            var now = clock.GetUtcNow().UtcDateTime;
            var periods = await db.Subscriptions.Where(p => p.SellerId == sellerId).ToListAsync(cancellationToken);
            DateTime starts;
            if (purchase.StartsNow)
            {
                // The paid time left was credited against the new plan: it ends now (kept as a record, cut short; a
                // period that had not begun keeps no time at all).
                foreach (var period in periods.Where(p => p.EndsAtUtc > now))
                {
                    period.StartsAtUtc = period.StartsAtUtc > now ? now : period.StartsAtUtc;
                    period.EndsAtUtc = now;
                }

                starts = now;
            }
            else
            {
                var latestEnd = periods.Select(p => (DateTime?)p.EndsAtUtc).Max();
                starts = new[] { now, seller.CreatedAtUtc + SellerPlan.TrialLength, latestEnd ?? now }.Max();
            }

            db.Subscriptions.Add(new SubscriptionRecord
            {
                Id = Guid.CreateVersion7(clock.GetUtcNow()),
                SellerId = sellerId,
                PlanId = plan.Id,
                StartsAtUtc = starts,
                EndsAtUtc = starts.AddMonths(purchase.Months),
                PriceAmount = purchase.Price,
                PriceCurrency = purchase.Currency,
                RecordedAtUtc = now,
            });
            await db.SaveChangesAsync(cancellationToken);
            await transaction.CommitAsync(cancellationToken);
            subject = seller.SubjectId;
        });
        if (subject is { } subjectId)
        {
            await audit.AppendAsync(new AuditEvent("billing", "marketplace.subscription.paid-period", new SubjectId(subjectId), "marketplace-sellers", "service-account", sellerId.ToString("N")), cancellationToken);
        }
    }
}
