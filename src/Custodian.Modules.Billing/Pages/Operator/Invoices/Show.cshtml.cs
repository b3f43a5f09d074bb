using Custodian.Modules.Billing.Documents;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace Custodian.Modules.Billing.Pages.Operator.Invoices;

/// <summary>A Finnish invoice for staff: the page the payer sees, its PDF and its Finvoice message.</summary>
internal sealed class ShowModel(BillingDb db, IssueFinnishInvoice finnish) : PageModel
{
    public FinnishInvoiceView View { get; private set; } = null!;

    public bool Issued { get; private set; }

    public async Task<IActionResult> OnGetAsync(Guid id, bool issued, CancellationToken cancellationToken)
    {
        if (await FindAsync(id, cancellationToken) is not { } invoice)
        {
            return NotFound();
        }

        Issued = issued;
        View = await FinnishInvoiceView.OpenAsync(invoice, finnish, $"/operator/invoices/{invoice.Id}?handler=Pdf", $"/operator/invoices/{invoice.Id}?handler=Finvoice", cancellationToken);
        return Page();
    }

    public async Task<IActionResult> OnGetPdfAsync(Guid id, CancellationToken cancellationToken) =>
        await FindAsync(id, cancellationToken) is { } invoice
            ? File(FinnishInvoicePdf.Render(invoice, await finnish.OpenPayerAsync(invoice, cancellationToken)), "application/pdf", FinnishInvoicePdf.FileName(invoice))
            : NotFound();

    public async Task<IActionResult> OnGetFinvoiceAsync(Guid id, CancellationToken cancellationToken) =>
        await FindAsync(id, cancellationToken) is { } invoice
            ? File(FinvoiceMessage.Build(invoice, await finnish.OpenPayerAsync(invoice, cancellationToken)), "application/xml", FinvoiceMessage.FileName(invoice))
            : NotFound();

    private Task<DocumentRecord?> FindAsync(Guid id, CancellationToken cancellationToken) =>
        db.Documents.AsNoTracking().SingleOrDefaultAsync(d => d.Id == id && d.Kind == DocumentKind.FinnishInvoice, cancellationToken);
}
