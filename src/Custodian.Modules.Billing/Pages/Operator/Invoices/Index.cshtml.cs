using Custodian.Modules.Billing.Documents;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace Custodian.Modules.Billing.Pages.Operator.Invoices;

/// <summary>Staff's list of Finnish invoices, newest first, each opened as a page with its PDF, barcode and Finvoice.</summary>
internal sealed class IndexModel(BillingDb db, IssueFinnishInvoice finnish) : PageModel
{
    public const int Shown = 100;

    public IReadOnlyList<(DocumentRecord Invoice, string Payer)> Invoices { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken cancellationToken)
    {
        var invoices = await db.Documents.AsNoTracking().Where(d => d.Kind == DocumentKind.FinnishInvoice)
            .OrderByDescending(d => d.Year).ThenByDescending(d => d.Number).Take(Shown).ToListAsync(cancellationToken);
        var rows = new List<(DocumentRecord, string)>(invoices.Count);
        foreach (var invoice in invoices)
        {
            rows.Add((invoice, (await finnish.OpenPayerAsync(invoice, cancellationToken)).Name));
        }

        Invoices = rows;
    }
}
