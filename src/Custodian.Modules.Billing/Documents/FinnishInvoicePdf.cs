using System.Globalization;
using Custodian.Privacy.Abstractions.Identifiers;
using PdfSharp.Drawing;
using PdfSharp.Pdf;

namespace Custodian.Modules.Billing.Documents;

/// <summary>
/// A Finnish invoice (lasku) as an A4 PDF in Finnish, with the bank transfer form's facts: the seller's IBAN and BIC,
/// the reference (viitenumero or RF), the due date, the amount, and the virtual barcode (virtuaaliviivakoodi) the payer
/// types or scans into their bank. Same font set-up as <see cref="DocumentPdf"/> (DejaVu Sans embedded: ä, ö, å).
/// </summary>
internal static class FinnishInvoicePdf
{
    private const string Family = "DejaVu Sans";
    private const double Left = 50;
    private const double Width = 495;
    private static readonly CultureInfo Finnish = CultureInfo.GetCultureInfo("fi-FI");

    public static byte[] Render(DocumentRecord invoice, FinnishPayerDetails payer)
    {
        ArgumentNullException.ThrowIfNull(invoice);
        ArgumentNullException.ThrowIfNull(payer);
        DocumentPdf.UseEmbeddedFonts();
        var seller = IssueFinnishInvoice.Seller(invoice);
        using var pdf = new PdfDocument();
        pdf.Info.Title = $"Lasku {FinvoiceMessage.Number(invoice)}";
        pdf.Info.CreationDate = invoice.IssuedAtUtc;
        var page = pdf.AddPage();
        page.Width = XUnit.FromPoint(595);
        page.Height = XUnit.FromPoint(842);
        using (var gfx = XGraphics.FromPdfPage(page))
        {
            var regular = new XFont(Family, 9, XFontStyleEx.Regular);
            var bold = new XFont(Family, 9, XFontStyleEx.Bold);
            var heading = new XFont(Family, 16, XFontStyleEx.Bold);
            var y = 50.0;
            y = Lines(gfx, bold, y, [seller.Name]);
            y = Lines(gfx, regular, y, [seller.StreetAddress, $"{seller.PostCode} {seller.Town}", $"Y-tunnus {seller.BusinessId}"]);
            gfx.DrawString("LASKU", heading, XBrushes.Black, new XRect(Left + 300, 50, 195, 20), XStringFormats.TopLeft);
            var facts = new (string, string)[]
            {
                ("Laskun numero", FinvoiceMessage.Number(invoice)),
                ("Laskun päivä", Day(invoice.IssuedOn)),
                ("Eräpäivä", Day(invoice.DueOn!.Value)),
                ("Viitenumero", Reference(invoice.Reference!)),
                ("Maksuehto", $"{seller.PaymentTermDays} pv netto"),
            };
            var factY = 76.0;
            foreach (var (label, value) in facts)
            {
                gfx.DrawString(label, regular, XBrushes.Black, new XRect(Left + 300, factY, 90, 12), XStringFormats.TopLeft);
                gfx.DrawString(value, bold, XBrushes.Black, new XRect(Left + 395, factY, 100, 12), XStringFormats.TopLeft);
                factY += 13;
            }

            y = Math.Max(y, factY) + 16;
            y = Lines(gfx, bold, y, ["Laskutettava"]);
            y = Lines(gfx, regular, y, new[] { payer.Name, $"Y-tunnus {payer.BusinessId}", payer.ContactName is null ? null : $"Yhteyshenkilö: {payer.ContactName}", payer.BuyerReference is null ? null : $"Viitteenne: {payer.BuyerReference}", payer.PostalAddress, payer.EInvoiceAddress is null ? null : $"Verkkolaskuosoite {payer.EInvoiceAddress} ({payer.EInvoiceOperator})" }.OfType<string>());
            y += 16;
            var net = invoice.Amount - invoice.VatAmount;
            y = Row(gfx, bold, y, ["Kuvaus", "Määrä", "À-hinta", "ALV %", "ALV", "Yhteensä"]);
            var lines = InvoiceLines.Of(invoice);
            foreach (var line in lines)
            {
                y = Row(gfx, regular, y, [line.Description, Percent(line.Quantity), Money(line.UnitPrice), Percent(line.VatRate), Money(line.Vat), Money(line.Total)]);
            }

            y += 10;
            y = Total(gfx, regular, y, "Veroton yhteensä", Money(net));
            foreach (var (rate, _, vat) in InvoiceLines.ByRate(lines))
            {
                y = Total(gfx, regular, y, $"ALV {Percent(rate)} %", Money(vat));
            }

            y = Total(gfx, bold, y, "Maksettava yhteensä (EUR)", Money(invoice.Amount));
            y += 24;
            y = Lines(gfx, bold, y, ["Maksutiedot"]);
            y = Lines(gfx, regular, y, [
                $"Saaja: {seller.Name}",
                $"Tilinumero (IBAN): {Iban.Grouped(seller.Iban)}   BIC: {seller.Bic}",
                $"Viitenumero: {Reference(invoice.Reference!)}   Eräpäivä: {Day(invoice.DueOn.Value)}   Euro: {Money(invoice.Amount)}",
            ]);
            y += 8;
            var (barcode, _) = VirtualBarcode.TryCreate(seller.Iban, invoice.Amount, invoice.Reference!, invoice.DueOn);
            y = Lines(gfx, regular, y, ["Virtuaaliviivakoodi:"]);
            Lines(gfx, new XFont(Family, 10, XFontStyleEx.Bold), y, [barcode ?? "—"]);
        }

        using var stream = new MemoryStream();
        pdf.Save(stream, closeStream: false);
        return stream.ToArray();
    }

    public static string FileName(DocumentRecord invoice) => $"lasku-{FinvoiceMessage.Number(invoice)}.pdf";

    /// <summary>A viitenumero in groups of five, an RF reference in groups of four, as printed on invoices.</summary>
    public static string Reference(string reference) => reference.StartsWith("RF", StringComparison.Ordinal)
        ? string.Join(' ', reference.Chunk(4).Select(c => new string(c)))
        : Viite.Grouped(reference);

    private static string Day(DateOnly day) => day.ToString("d.M.yyyy", CultureInfo.InvariantCulture);

    public static string Money(decimal amount) => amount.ToString("N2", Finnish);

    private static string Percent(decimal rate) => rate.ToString("0.##", Finnish);

    private static double Lines(XGraphics gfx, XFont font, double y, IEnumerable<string> lines)
    {
        foreach (var line in lines)
        {
            gfx.DrawString(line, font, XBrushes.Black, new XRect(Left, y, Width, 12), XStringFormats.TopLeft);
            y += 13;
        }

        return y;
    }

    private static readonly double[] Columns = [0, 230, 275, 340, 385, 430];

    private static double Row(XGraphics gfx, XFont font, double y, string[] cells)
    {
        for (var i = 0; i < cells.Length; i++)
        {
            var width = (i + 1 < Columns.Length ? Columns[i + 1] : Width) - Columns[i] - 4;
            var text = cells[i];
            while (text.Length > 1 && gfx.MeasureString(text, font).Width > width)
            {
                text = text[..^2] + "…";
            }

            gfx.DrawString(text, font, XBrushes.Black, new XRect(Left + Columns[i] + 2, y + 3, width, 12), i >= 1 ? XStringFormats.TopRight : XStringFormats.TopLeft);
        }

        gfx.DrawRectangle(XPens.Black, Left, y, Width, 18);
        return y + 18;
    }

    private static double Total(XGraphics gfx, XFont font, double y, string label, string value)
    {
        gfx.DrawString(label, font, XBrushes.Black, new XRect(Left, y, 420, 12), XStringFormats.TopRight);
        gfx.DrawString(value, font, XBrushes.Black, new XRect(Left + 430, y, Width - 432, 12), XStringFormats.TopRight);
        return y + 14;
    }
}
