using Microsoft.EntityFrameworkCore;

namespace Custodian.Modules.Billing.Plans;

/// <summary>A paid change-of-plan invoice that was not applied: another change was paid first and used up the credit it counted on.</summary>
internal sealed record UnappliedChange(Guid InvoiceId, int Year, int Number, decimal Amount, string Currency, string PlanId, DateTime PaidAtUtc);

/// <summary>
/// Two change-of-plan invoices issued against the same paid time (a second tab, a second device) both credit its unused
/// part. The first one paid applies: the old plan is cut and the new one starts. A change paid after another change
/// was applied since it was ordered is superseded: its credit was already used, so it extends nothing, and the money
/// waits for an operator (refund, or a period recorded by hand), listed by <c>custodian billing subscription show</c>
/// and named on the seller's plans page (docs/billing.md).
/// </summary>
internal static class SupersededChanges
{
    private static readonly string[] Paid = ["succeeded", "refunded"];

    /// <summary>
    /// Whether <paramref name="order"/>, being paid now by <paramref name="paymentId"/>, lost its credit to another change
    /// applied since it was ordered; if so it is marked superseded. Call inside the confirming transaction: it first
    /// locks the account's orders, so confirmations of one account's changes run one after the other (PostgreSQL row
    /// locks; SQLite's write lock), and the later one sees the earlier one's outcome.
    /// </summary>
    public static async Task<bool> IsSupersededAsync(BillingDb db, PlanOrderRecord order, Guid paymentId, DateTime nowUtc, CancellationToken cancellationToken)
    {
        await db.Database.ExecuteSqlInterpolatedAsync($"UPDATE billing_plan_orders SET account = account WHERE account = {order.Account}", cancellationToken);
        var orderedAt = order.OrderedAtUtc;
        var superseded = await (from other in db.PlanOrders
                                where other.Account == order.Account && other.ChangesPlan && other.InvoiceId != order.InvoiceId && other.SupersededAtUtc == null
                                join payment in db.Payments on other.InvoiceId equals payment.InvoiceId
                                where Paid.Contains(payment.Status) && payment.Id != paymentId && payment.ConfirmedAtUtc >= orderedAt
                                select payment.Id).AnyAsync(cancellationToken);
        if (superseded)
        {
            await db.PlanOrders.Where(o => o.Id == order.Id).ExecuteUpdateAsync(u => u.SetProperty(o => o.SupersededAtUtc, nowUtc), cancellationToken);
        }

        return superseded;
    }

    /// <summary>The account's paid changes that were superseded, oldest first.</summary>
    public static async Task<IReadOnlyList<UnappliedChange>> UnappliedAsync(BillingDb db, string account, CancellationToken cancellationToken) =>
        await (from order in db.PlanOrders.AsNoTracking()
               where order.Account == account && order.SupersededAtUtc != null
               join invoice in db.Documents.AsNoTracking() on order.InvoiceId equals invoice.Id
               orderby order.SupersededAtUtc
               select new UnappliedChange(order.InvoiceId, invoice.Year, invoice.Number, invoice.Amount, order.Currency, order.PlanId, order.SupersededAtUtc!.Value))
            .ToListAsync(cancellationToken);
}
