using System.Globalization;
using Custodian.Modules.Billing.Documents;

namespace Custodian.Modules.Billing.Pages;

/// <summary>A Finnish invoice as the payer's and the staff's pages show it (<c>Shared/_FinnishInvoice.cshtml</c>), with where its files download.</summary>
internal sealed record FinnishInvoiceView(DocumentRecord Invoice, FinnishPayerDetails Payer, FinnishSupplierOptions Seller, string? Barcode, string PdfUrl, string FinvoiceUrl)
{
    public static async Task<FinnishInvoiceView> OpenAsync(DocumentRecord invoice, IssueFinnishInvoice finnish, string pdfUrl, string finvoiceUrl, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(invoice);
        ArgumentNullException.ThrowIfNull(finnish);
        var seller = IssueFinnishInvoice.Seller(invoice);
        return new(invoice, await finnish.OpenPayerAsync(invoice, cancellationToken), seller,
            VirtualBarcode.TryCreate(seller.Iban, invoice.Amount, invoice.Reference!, invoice.DueOn).Digits, pdfUrl, finvoiceUrl);
    }

    public static string Money(decimal amount) => amount.ToString("N2", CultureInfo.CurrentCulture);

    public static string Day(DateOnly day) => day.ToString("d", CultureInfo.CurrentCulture);
}
