using System.Globalization;
using Custodian.Modules.Billing.Documents;
using Custodian.Modules.Billing.Payments;
using Custodian.Modules.Billing.Plans;
using Custodian.Modules.Billing.Renewals;
using Custodian.Privacy.Abstractions.Messaging;
using Custodian.Privacy.Abstractions.Subscriptions;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace Custodian.Modules.Billing.Pages.Billing;

/// <summary>
/// The renewal page a payment reminder links to, without sign-in: the token opens one seller's renewal (the plan, when
/// its paid time ends, what the next period costs), issues its invoice and leads to the provider's checkout. An unknown
/// or expired token is a bare 404 that tells nothing.
/// </summary>
internal sealed class RenewModel(RenewalLinks renewals, ChoosePlan plans, BillingDb db, PayInvoice pay, IPublicLinks links, TimeProvider clock) : PageModel
{
    [FromRoute]
    public string? Token { get; set; }

    public PlanStanding? Standing { get; private set; }

    public PlanQuote? Quote { get; private set; }

    /// <summary>The paid time has ended (the plan runs on in grace, or has stopped).</summary>
    public bool Ended => Standing is { } s && s.EndsAt <= clock.GetUtcNow();

    public PlanProblem? Problem { get; private set; }

    public DocumentRecord? Invoice { get; private set; }

    /// <summary>The invoice's payment: <c>succeeded</c>, <c>pending</c> or null (not paid online yet).</summary>
    public string? PaymentStatus { get; private set; }

    public string NameOf(string planId) => plans.Offers(CultureInfo.CurrentUICulture).FirstOrDefault(o => o.Terms.Id == planId)?.Terms.Name ?? planId;

    public async Task<IActionResult> OnGetAsync(CancellationToken cancellationToken)
    {
        if (await renewals.FindAsync(Token, cancellationToken) is not { } link)
        {
            return NotFound();
        }

        await LoadAsync(link, cancellationToken);
        return Page();
    }

    public async Task<IActionResult> OnPostInvoiceAsync(CancellationToken cancellationToken)
    {
        if (await renewals.FindAsync(Token, cancellationToken) is not { } link)
        {
            return NotFound();
        }

        var (_, problem) = await renewals.InvoiceAsync(link, cancellationToken);
        if (problem is not null)
        {
            Problem = problem;
            await LoadAsync(link, cancellationToken);
            Response.StatusCode = StatusCodes.Status400BadRequest;
            return Page();
        }

        return Redirect(Here);
    }

    /// <summary>To the provider's checkout: a link, not a form, as on the plans page (<c>form-action 'self'</c>).</summary>
    public async Task<IActionResult> OnGetPayAsync(CancellationToken cancellationToken)
    {
        if (await renewals.FindAsync(Token, cancellationToken) is not { } link)
        {
            return NotFound();
        }

        if (link.InvoiceId is not { } invoice)
        {
            return Redirect(Here);
        }

        var (checkout, problem) = await pay.StartAsync(link.Account, invoice, new Uri(links.Link(Here)), cancellationToken);
        if (checkout is null)
        {
            Problem = new PlanProblem("payment", problem ?? "The payment could not be started.");
            await LoadAsync(link, cancellationToken);
            Response.StatusCode = StatusCodes.Status400BadRequest;
            return Page();
        }

        return Redirect(checkout.ToString());
    }

    private string Here => "/billing/renew/" + Token;

    private async Task LoadAsync(RenewalReminderRecord link, CancellationToken cancellationToken)
    {
        Standing = await plans.StandingAsync(link.Account, cancellationToken);
        PlanProblem? quoteProblem;
        (Quote, quoteProblem) = await plans.QuoteAsync(link.Account, link.PlanId, link.Cycle == BillingCycle.Annual ? "annual" : "monthly", CultureInfo.CurrentUICulture, cancellationToken);
        Problem ??= quoteProblem;
        if (await Payers.PayerRestriction.IsRestrictedAsync(db, link.Account, cancellationToken))
        {
            (Quote, Problem) = (null, new PlanProblem("payer", Payers.PayerRestriction.Message));
        }
        if (link.InvoiceId is { } id)
        {
            Invoice = await db.Documents.AsNoTracking().SingleOrDefaultAsync(d => d.Id == id && d.Kind == DocumentKind.Invoice, cancellationToken);
            var statuses = await db.Payments.AsNoTracking().Where(p => p.InvoiceId == id).Select(p => p.Status).ToListAsync(cancellationToken);
            PaymentStatus = statuses.Contains("succeeded") ? "succeeded" : statuses.FirstOrDefault();
        }
    }
}
