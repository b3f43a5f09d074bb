using System.Globalization;
using Custodian.Modules.Billing.Documents;
using Custodian.Modules.Billing.Payers;
using Custodian.Modules.Billing.Payments;
using Custodian.Modules.Billing.Plans;
using Custodian.Privacy.Abstractions.Messaging;
using Custodian.Privacy.Abstractions.Subscriptions;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace Custodian.Modules.Billing.Pages.Billing;

/// <summary>
/// The seller's plans page: the plans with limits and prices, the price of a choice before the invoice (with the credit
/// for the unused part of the current plan), the invoice, online payment through the provider's checkout and, on the
/// way back, whether the payment is confirmed.
/// </summary>
internal sealed class PlansModel(ChoosePlan plans, ReadPayer payers, BillingDb db, PayInvoice pay, IPublicLinks links, Renewals.CancelRenewal renewals, Privacy.Abstractions.Audit.ICurrentActor actor) : PageModel
{
    /// <summary>Show the confirmation of cancelling the renewal.</summary>
    [BindProperty(SupportsGet = true)]
    public bool ConfirmCancel { get; set; }

    /// <summary>The renewal of the paid plan in force (null: nothing paid is running).</summary>
    public Renewals.RenewalState? Renewal { get; private set; }

    [BindProperty(SupportsGet = true)]
    public string? Plan { get; set; }

    [BindProperty(SupportsGet = true)]
    public string? Cycle { get; set; }

    public IReadOnlyList<PlanOffer> Offers { get; private set; } = [];

    public PlanStanding? Standing { get; private set; }

    public bool HasPayer { get; private set; }

    /// <summary>The payer is restricted: no new invoice is issued (<see cref="PayerRestriction"/>).</summary>
    public bool PayerRestricted { get; private set; }

    public PlanQuote? Quote { get; private set; }

    public PlanProblem? Problem { get; private set; }

    /// <summary>The invoice just issued or being paid, with its payment's state (null: not paid online yet).</summary>
    public (DocumentRecord Invoice, string? PaymentStatus)? Invoice { get; private set; }

    /// <summary>The invoice is paid but was not applied: another change of plan had been paid first (<see cref="SupersededChanges"/>).</summary>
    public bool InvoiceUnapplied { get; private set; }

    public string NameOf(string planId) => Offers.FirstOrDefault(o => o.Terms.Id == planId)?.Terms.Name ?? planId;

    public static string Money(decimal amount) => ChoosePlan.Money(amount, CultureInfo.CurrentCulture);

    public static string MoscowDay(DateTimeOffset instant) => Privacy.Abstractions.Time.LocalDays.Moscow(instant).ToString("d", CultureInfo.CurrentCulture);

    public async Task<IActionResult> OnGetAsync(Guid? invoice, CancellationToken cancellationToken)
    {
        await LoadAsync(invoice, cancellationToken);
        if (Plan is not null || Cycle is not null)
        {
            (Quote, Problem) = await plans.QuoteAsync(Account, Plan, Cycle, CultureInfo.CurrentUICulture, cancellationToken);
            if (Problem is not null)
            {
                Response.StatusCode = StatusCodes.Status400BadRequest;
            }
        }

        return Page();
    }

    public async Task<IActionResult> OnPostOrderAsync(CancellationToken cancellationToken)
    {
        var (invoice, _, problem) = await plans.OrderAsync(Account, Plan, Cycle, cancellationToken);
        if (invoice is null)
        {
            Problem = problem;
            await LoadAsync(null, cancellationToken);
            Response.StatusCode = StatusCodes.Status400BadRequest;
            return Page();
        }

        return RedirectToPage(new { invoice = invoice.Id, plan = (string?)null, cycle = (string?)null });
    }

    /// <summary>
    /// To the provider's checkout. A link (GET), not a form: the page's Content-Security-Policy (<c>form-action 'self'</c>)
    /// would stop a form whose answer redirects to the provider; a repeat is harmless (the invoice's one payment is reused).
    /// </summary>
    public async Task<IActionResult> OnGetPayAsync(Guid invoice, CancellationToken cancellationToken)
    {
        var back = new Uri(links.Link($"/billing/plans?invoice={invoice:D}")); // never from the request's Host header
        var (checkout, problem) = await pay.StartAsync(Account, invoice, back, cancellationToken);
        if (checkout is null)
        {
            Problem = new PlanProblem("payment", problem ?? "The payment could not be started.");
            await LoadAsync(invoice, cancellationToken);
            Response.StatusCode = StatusCodes.Status400BadRequest;
            return Page();
        }

        return Redirect(checkout.ToString());
    }

    /// <summary>Cancels the renewal: the plan runs to the end of the paid time and is not renewed.</summary>
    public Task<IActionResult> OnPostCancelAsync(CancellationToken cancellationToken) =>
        ChangeRenewalAsync(renewals.CancelAsync(Account, actor.Actor, cancellationToken), cancellationToken);

    /// <summary>Undoes the cancellation while the paid time runs.</summary>
    public Task<IActionResult> OnPostResumeAsync(CancellationToken cancellationToken) =>
        ChangeRenewalAsync(renewals.ResumeAsync(Account, actor.Actor, cancellationToken), cancellationToken);

    private string Account => BillingModule.PayerAccount(User);

    private async Task<IActionResult> ChangeRenewalAsync(Task<(Renewals.RenewalState? State, string? Problem)> change, CancellationToken cancellationToken)
    {
        var (_, problem) = await change;
        if (problem is not null)
        {
            Problem = new PlanProblem("renewal", problem);
            await LoadAsync(null, cancellationToken);
            Response.StatusCode = StatusCodes.Status400BadRequest;
            return Page();
        }

        return RedirectToPage(new { plan = (string?)null, cycle = (string?)null, confirmCancel = (bool?)null });
    }

    private async Task LoadAsync(Guid? invoiceId, CancellationToken cancellationToken)
    {
        Offers = plans.Offers(CultureInfo.CurrentUICulture);
        Standing = await plans.StandingAsync(Account, cancellationToken);
        Renewal = await renewals.StateAsync(Account, cancellationToken);
        var payer = await payers.ForAccountAsync(Account, cancellationToken);
        PayerRestricted = payer is { Restricted: true };
        HasPayer = payer is { Country: "RU" } && !PayerRestricted;
        if (invoiceId is { } id && payer is not null
            && await db.Documents.AsNoTracking().SingleOrDefaultAsync(d => d.Id == id && d.PayerId == payer.Id && d.Kind == DocumentKind.Invoice, cancellationToken) is { } document)
        {
            var statuses = await db.Payments.AsNoTracking().Where(p => p.InvoiceId == id).Select(p => p.Status).ToListAsync(cancellationToken);
            Invoice = (document, statuses.Contains("succeeded") ? "succeeded" : statuses.FirstOrDefault());
            InvoiceUnapplied = Invoice?.PaymentStatus == "succeeded" && (await SupersededChanges.UnappliedAsync(db, Account, cancellationToken)).Any(u => u.InvoiceId == id);
        }
    }
}
