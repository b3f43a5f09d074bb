using Custodian.Modules.Billing.Plans;
using Custodian.Privacy.Abstractions.Protection;
using Microsoft.EntityFrameworkCore;

namespace Custodian.Modules.Billing.Renewals;

/// <summary>
/// The renewal link of a payment reminder: its token (256 random bits, only its SHA-256 stored) opens the renewal of
/// one seller's plan until it expires, and issues at most one unpaid invoice, which repeated visits reuse.
/// </summary>
internal sealed class RenewalLinks(BillingDb db, ChoosePlan plans, TimeProvider clock)
{
    /// <summary>The reminder whose link <paramref name="token"/> is, while it works; null for an unknown, unsent or expired one.</summary>
    public async Task<RenewalReminderRecord?> FindAsync(string? token, CancellationToken cancellationToken)
    {
        if (token is not { Length: >= 40 and <= 64 })
        {
            return null;
        }

        var hash = OneTimeTokens.Hash(token);
        var now = clock.GetUtcNow().UtcDateTime;
        return await db.RenewalReminders.AsNoTracking().SingleOrDefaultAsync(r => r.TokenHash == hash && r.SentAtUtc != null && r.ExpiresAtUtc > now, cancellationToken);
    }

    /// <summary>Whether the invoice issued from the link is paid (its payment confirmed by the provider or by a transfer).</summary>
    public Task<bool> PaidAsync(RenewalReminderRecord link, CancellationToken cancellationToken) =>
        link.InvoiceId is { } id ? db.Payments.AnyAsync(p => p.InvoiceId == id && p.Status == "succeeded", cancellationToken) : Task.FromResult(false);

    /// <summary>The link's invoice for the renewal: the one issued before while it is unpaid, else a new one with its order.</summary>
    public async Task<(Guid? InvoiceId, PlanProblem? Problem)> InvoiceAsync(RenewalReminderRecord link, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(link);
        if (await PaidAsync(link, cancellationToken))
        {
            return (null, new PlanProblem("payment", "This renewal is paid already."));
        }

        if (link.InvoiceId is { } issued)
        {
            return (issued, null);
        }

        var (invoice, _, problem) = await plans.OrderAsync(link.Account, link.PlanId, link.Cycle == BillingCycle.Annual ? "annual" : "monthly", cancellationToken);
        if (invoice is null)
        {
            return (null, problem);
        }

        // Two tabs at once may both issue one; the link keeps the first, the other stays an unpaid invoice like any.
        await db.RenewalReminders.Where(r => r.Id == link.Id && r.InvoiceId == null).ExecuteUpdateAsync(u => u.SetProperty(r => r.InvoiceId, invoice.Id), cancellationToken);
        var kept = await db.RenewalReminders.AsNoTracking().Where(r => r.Id == link.Id).Select(r => r.InvoiceId).SingleAsync(cancellationToken);
        return (kept, null);
    }
}
