using Custodian.Modules.Billing.Documents;
using Custodian.Modules.Billing.Payers;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace Custodian.Modules.Billing.Pages.Billing;

/// <summary>The payer's invoices and acts, newest first, each downloadable as PDF (only the signed-in account's own).</summary>
internal sealed class DocumentsModel(BillingDb db, ReadPayer payers, IssueDocuments documents, IssueFinnishInvoice finnish) : PageModel
{
    public IReadOnlyList<DocumentRecord> Issued { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken cancellationToken)
    {
        if (await payers.ForAccountAsync(BillingModule.PayerAccount(User), cancellationToken) is { } payer)
        {
            Issued = await db.Documents.AsNoTracking().Where(d => d.PayerId == payer.Id)
                .OrderByDescending(d => d.IssuedAtUtc).ToListAsync(cancellationToken);
        }
    }

    public async Task<IActionResult> OnGetPdfAsync(Guid id, CancellationToken cancellationToken)
    {
        var payer = await payers.ForAccountAsync(BillingModule.PayerAccount(User), cancellationToken);
        var document = payer is null ? null : await db.Documents.AsNoTracking().SingleOrDefaultAsync(d => d.Id == id && d.PayerId == payer.Id, cancellationToken);
        if (document is null)
        {
            return NotFound(); // another payer's document is as unknown as a made-up id
        }

        if (document.Kind == DocumentKind.FinnishInvoice)
        {
            return File(FinnishInvoicePdf.Render(document, await finnish.OpenPayerAsync(document, cancellationToken)), "application/pdf", FinnishInvoicePdf.FileName(document));
        }

        var pdf = DocumentPdf.Render(document, await documents.OpenPayerAsync(document, cancellationToken));
        return File(pdf, "application/pdf", DocumentPdf.FileName(document));
    }

    /// <summary>A Finnish invoice as Finvoice 3.0, for payers whose e-invoice operator takes it.</summary>
    public async Task<IActionResult> OnGetFinvoiceAsync(Guid id, CancellationToken cancellationToken)
    {
        var payer = await payers.ForAccountAsync(BillingModule.PayerAccount(User), cancellationToken);
        var document = payer is null ? null : await db.Documents.AsNoTracking().SingleOrDefaultAsync(d => d.Id == id && d.PayerId == payer.Id && d.Kind == DocumentKind.FinnishInvoice, cancellationToken);
        return document is null
            ? NotFound()
            : File(FinvoiceMessage.Build(document, await finnish.OpenPayerAsync(document, cancellationToken)), "application/xml", FinvoiceMessage.FileName(document));
    }

    public static string Money(decimal amount) => amount.ToString("N2", System.Globalization.CultureInfo.CurrentCulture);
}
