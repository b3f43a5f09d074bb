using Custodian.Modules.Billing.Documents;
using Custodian.Modules.Billing.Payers;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Custodian.Modules.Billing.Pages.Billing;

/// <summary>A Finnish invoice in the browser (the same facts as its PDF), only the signed-in payer's own.</summary>
internal sealed class FinnishInvoiceModel(BillingDb db, ReadPayer payers, IssueFinnishInvoice finnish) : PageModel
{
    public DocumentRecord Invoice { get; private set; } = null!;

    public FinnishPayerDetails Payer { get; private set; } = null!;

    public FinnishSupplierOptions Seller { get; private set; } = null!;

    public string? Barcode { get; private set; }

    public async Task<IActionResult> OnGetAsync(Guid id, CancellationToken cancellationToken)
    {
        var payer = await payers.ForAccountAsync(BillingModule.PayerAccount(User), cancellationToken);
        var invoice = payer is null ? null : await db.Documents.AsNoTracking().SingleOrDefaultAsync(d => d.Id == id && d.PayerId == payer.Id && d.Kind == DocumentKind.FinnishInvoice, cancellationToken);
        if (invoice is null)
        {
            return NotFound();
        }

        Invoice = invoice;
        Payer = await finnish.OpenPayerAsync(invoice, cancellationToken);
        Seller = IssueFinnishInvoice.Seller(invoice);
        Barcode = VirtualBarcode.TryCreate(Seller.Iban, invoice.Amount, invoice.Reference!, invoice.DueOn).Digits;
        return Page();
    }

    public static string Money(decimal amount) => amount.ToString("N2", System.Globalization.CultureInfo.CurrentCulture);

    public static string Day(DateOnly day) => day.ToString("d", System.Globalization.CultureInfo.CurrentCulture);
}
