using System.Globalization;
using System.Reflection;
using System.Text.Json;
using PdfSharp.Drawing;
using PdfSharp.Fonts;
using PdfSharp.Pdf;

namespace Custodian.Modules.Billing.Documents;

/// <summary>
/// A Russian invoice (счёт на оплату) or act (акт) as an A4 PDF (PDFsharp, DejaVu Sans embedded so Cyrillic and
/// Finnish letters render anywhere): the supplier's bank details, the parties, the service line, the total, the VAT
/// line and the amount in words.
/// </summary>
internal static class DocumentPdf
{
    private const string Family = "DejaVu Sans";
    private const double Left = 50;
    private const double Width = 495;
    private static readonly CultureInfo Russian = CultureInfo.GetCultureInfo("ru-RU");
    private static readonly Lock Setup = new();
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public static byte[] Render(DocumentRecord document, PayerDetails payer)
    {
        ArgumentNullException.ThrowIfNull(document);
        ArgumentNullException.ThrowIfNull(payer);
        UseEmbeddedFonts();
        var supplier = JsonSerializer.Deserialize<SupplierOptions>(document.SupplierDetails, Json)!;
        using var pdf = new PdfDocument();
        var title = document.Kind == DocumentKind.Invoice
            ? $"Счёт на оплату № {document.Number} от {Day(document.IssuedOn)}"
            : $"Акт № {document.Number} от {Day(document.IssuedOn)}";
        pdf.Info.Title = title;
        pdf.Info.CreationDate = document.IssuedAtUtc;
        var page = pdf.AddPage();
        page.Width = XUnit.FromPoint(595);
        page.Height = XUnit.FromPoint(842);
        using (var gfx = XGraphics.FromPdfPage(page))
        {
            var regular = new XFont(Family, 9, XFontStyleEx.Regular);
            var bold = new XFont(Family, 9, XFontStyleEx.Bold);
            var heading = new XFont(Family, 14, XFontStyleEx.Bold);
            var y = 50.0;
            if (document.Kind == DocumentKind.Invoice)
            {
                y = Lines(gfx, regular, y, [
                    $"Банк получателя: {supplier.Bank}",
                    $"БИК {supplier.Bic}   Корр. счёт № {supplier.CorrespondentAccount}",
                    $"Получатель: {supplier.Name}   ИНН {supplier.Inn}   КПП {supplier.Kpp}",
                    $"Расчётный счёт № {supplier.Account}",
                ]);
                gfx.DrawRectangle(XPens.Black, Left - 4, 46, Width + 8, y - 44);
                y += 16;
            }

            gfx.DrawString(title, heading, XBrushes.Black, new XRect(Left, y, Width, 20), XStringFormats.TopLeft);
            y += 30;
            var supplierLine = $"{supplier.Name}, ИНН {supplier.Inn}, КПП {supplier.Kpp}, ОГРН {supplier.Ogrn}, {supplier.Address}";
            var payerLine = string.Join(", ", new[] { payer.Name, payer.Inn is null ? null : $"ИНН {payer.Inn}", payer.Kpp is null ? null : $"КПП {payer.Kpp}", payer.Ogrn is null ? null : (payer.Kpp is null ? "ОГРНИП " : "ОГРН ") + payer.Ogrn, payer.Address }.Where(p => p is not null));
            y = Labelled(gfx, bold, regular, y, document.Kind == DocumentKind.Invoice ? "Поставщик:" : "Исполнитель:", supplierLine);
            y = Labelled(gfx, bold, regular, y, document.Kind == DocumentKind.Invoice ? "Покупатель:" : "Заказчик:", payerLine);
            y += 10;
            y = Row(gfx, bold, y, ["№", "Наименование", "Кол-во", "Ед.", "Цена", "Сумма"]);
            y = Row(gfx, regular, y, ["1", document.Description, "1", "усл.", Money(document.Amount), Money(document.Amount)]);
            y += 8;
            y = Total(gfx, bold, y, "Итого:", Money(document.Amount));
            y = Total(gfx, bold, y, document.VatRate is { } rate ? $"В том числе НДС {rate.ToString("0.##", Russian)}%:" : "Без налога (НДС):", document.VatRate is null ? "—" : Money(document.VatAmount));
            y = Total(gfx, bold, y, document.Kind == DocumentKind.Invoice ? "Всего к оплате:" : "Всего оказано услуг:", Money(document.Amount));
            y += 8;
            y = Lines(gfx, regular, y, [$"Всего наименований 1, на сумму {Money(document.Amount)} руб."]);
            y = Lines(gfx, bold, y, [RublesInWords.Format(document.Amount)]);
            y += 30;
            if (document.Kind == DocumentKind.Act)
            {
                Lines(gfx, regular, y, ["Вышеперечисленные услуги выполнены полностью и в срок. Заказчик претензий по объёму, качеству и срокам оказания услуг не имеет.", string.Empty, "Исполнитель ____________________            Заказчик ____________________"]);
            }
            else
            {
                Lines(gfx, regular, y, ["Руководитель ____________________            Бухгалтер ____________________"]);
            }
        }

        using var stream = new MemoryStream();
        pdf.Save(stream, closeStream: false);
        return stream.ToArray();
    }

    public static string FileName(DocumentRecord document) =>
        $"{(document.Kind == DocumentKind.Invoice ? "invoice" : "act")}-{document.Year}-{document.Number.ToString("D4", CultureInfo.InvariantCulture)}.pdf";

    private static string Day(DateOnly day) => day.ToString("dd.MM.yyyy", CultureInfo.InvariantCulture) + " г.";

    private static string Money(decimal amount) => amount.ToString("N2", Russian);

    private static double Lines(XGraphics gfx, XFont font, double y, IEnumerable<string> lines)
    {
        foreach (var line in lines)
        {
            foreach (var part in Wrap(gfx, font, line, Width))
            {
                gfx.DrawString(part, font, XBrushes.Black, new XRect(Left, y, Width, 12), XStringFormats.TopLeft);
                y += 13;
            }
        }

        return y;
    }

    private static double Labelled(XGraphics gfx, XFont label, XFont text, double y, string title, string value)
    {
        gfx.DrawString(title, label, XBrushes.Black, new XRect(Left, y, 90, 12), XStringFormats.TopLeft);
        foreach (var part in Wrap(gfx, text, value, Width - 95))
        {
            gfx.DrawString(part, text, XBrushes.Black, new XRect(Left + 95, y, Width - 95, 12), XStringFormats.TopLeft);
            y += 13;
        }

        return y + 4;
    }

    private static readonly double[] Columns = [0, 25, 300, 345, 380, 440];

    private static double Row(XGraphics gfx, XFont font, double y, string[] cells)
    {
        var height = 0.0;
        for (var i = 0; i < cells.Length; i++)
        {
            var width = (i + 1 < Columns.Length ? Columns[i + 1] : Width) - Columns[i] - 4;
            var lines = Wrap(gfx, font, cells[i], width);
            for (var l = 0; l < lines.Count; l++)
            {
                gfx.DrawString(lines[l], font, XBrushes.Black, new XRect(Left + Columns[i] + 2, y + 3 + (l * 12), width, 12), i >= 4 ? XStringFormats.TopRight : XStringFormats.TopLeft);
            }

            height = Math.Max(height, (lines.Count * 12) + 6);
        }

        gfx.DrawRectangle(XPens.Black, Left, y, Width, height);
        return y + height;
    }

    private static double Total(XGraphics gfx, XFont font, double y, string label, string value)
    {
        gfx.DrawString(label, font, XBrushes.Black, new XRect(Left, y, 430, 12), XStringFormats.TopRight);
        gfx.DrawString(value, font, XBrushes.Black, new XRect(Left + 440, y, Width - 442, 12), XStringFormats.TopRight);
        return y + 14;
    }

    private static List<string> Wrap(XGraphics gfx, XFont font, string text, double width)
    {
        var lines = new List<string>();
        var current = string.Empty;
        foreach (var word in text.Split(' '))
        {
            var candidate = current.Length == 0 ? word : current + " " + word;
            if (current.Length > 0 && gfx.MeasureString(candidate, font).Width > width)
            {
                lines.Add(current);
                current = word;
            }
            else
            {
                current = candidate;
            }
        }

        lines.Add(current);
        return lines;
    }

    /// <summary>PDFsharp on Linux finds no system fonts by itself: it is given DejaVu Sans from this assembly, once per process.</summary>
    internal static void UseEmbeddedFonts()
    {
        lock (Setup)
        {
            if (GlobalFontSettings.FontResolver is not EmbeddedFonts)
            {
                GlobalFontSettings.FontResolver = new EmbeddedFonts();
            }
        }
    }

    private sealed class EmbeddedFonts : IFontResolver
    {
        public FontResolverInfo? ResolveTypeface(string familyName, bool bold, bool italic) => new(bold ? "DejaVuSans-Bold" : "DejaVuSans");

        public byte[]? GetFont(string faceName)
        {
            using var stream = typeof(DocumentPdf).Assembly.GetManifestResourceStream($"fonts/{faceName}.ttf")
                ?? throw new InvalidOperationException($"Font {faceName} is not embedded in the billing module.");
            using var copy = new MemoryStream();
            stream.CopyTo(copy);
            return copy.ToArray();
        }
    }
}
