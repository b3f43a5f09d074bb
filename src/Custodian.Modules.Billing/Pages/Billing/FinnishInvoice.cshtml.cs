using Custodian.Modules.Billing.Documents;
using Custodian.Modules.Billing.Payers;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace Custodian.Modules.Billing.Pages.Billing;

/// <summary>A Finnish invoice in the browser (the same facts as its PDF), only the signed-in payer's own.</summary>
internal sealed class FinnishInvoiceModel(BillingDb db, ReadPayer payers, IssueFinnishInvoice finnish) : PageModel
{
    public FinnishInvoiceView View { get; private set; } = null!;

    public async Task<IActionResult> OnGetAsync(Guid id, CancellationToken cancellationToken)
    {
        var payer = await payers.ForAccountAsync(BillingModule.PayerAccount(User), cancellationToken);
        var invoice = payer is null ? null : await db.Documents.AsNoTracking().SingleOrDefaultAsync(d => d.Id == id && d.PayerId == payer.Id && d.Kind == DocumentKind.FinnishInvoice, cancellationToken);
        if (invoice is null)
        {
            return NotFound();
        }

        View = await FinnishInvoiceView.OpenAsync(invoice, finnish, $"/billing/documents?handler=Pdf&id={invoice.Id}", $"/billing/documents?handler=Finvoice&id={invoice.Id}", cancellationToken);
        return Page();
    }
}
