using System.Globalization;
using System.Text.Json;
using Custodian.Privacy.Abstractions.Events;

namespace Custodian.Modules.Billing.Documents;

/// <summary>One line of a Finnish invoice as stored (<c>billing_documents.lines</c>, JSON): unit price without VAT, VAT in percent.</summary>
internal sealed record InvoiceLine(string Description, decimal Quantity, decimal UnitPrice, decimal VatRate)
{
    /// <summary>Quantity × unit price, to the cent.</summary>
    public decimal Net => decimal.Round(Quantity * UnitPrice, 2, MidpointRounding.AwayFromZero);

    /// <summary>The line's VAT, to the cent; the invoice's VAT is the sum of its lines', so every total adds up as printed.</summary>
    public decimal Vat => decimal.Round(Net * VatRate / 100m, 2, MidpointRounding.AwayFromZero);

    public decimal Total => Net + Vat;
}

/// <summary>The lines of a Finnish invoice: checked, stored, read back, and summed per VAT rate.</summary>
internal static class InvoiceLines
{
    public const int MaximumLines = 20; // what fits on the one-page PDF

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    /// <summary>The stored lines; an invoice issued before lines were stored has one, made of its description and amounts.</summary>
    public static IReadOnlyList<InvoiceLine> Of(DocumentRecord invoice)
    {
        ArgumentNullException.ThrowIfNull(invoice);
        return invoice.Lines is { Length: > 0 } json
            ? JsonSerializer.Deserialize<List<InvoiceLine>>(json, Json)!
            : [new InvoiceLine(invoice.Description, 1, invoice.Amount - invoice.VatAmount, invoice.VatRate ?? 0)];
    }

    public static string Serialise(IReadOnlyList<InvoiceLine> lines) => JsonSerializer.Serialize(lines, Json);

    /// <summary>VAT base and VAT per rate, highest rate first (the VAT breakdown an invoice must show).</summary>
    public static IReadOnlyList<(decimal Rate, decimal Base, decimal Vat)> ByRate(IReadOnlyList<InvoiceLine> lines) =>
        [.. lines.GroupBy(l => l.VatRate).OrderByDescending(g => g.Key).Select(g => (g.Key, g.Sum(l => l.Net), g.Sum(l => l.Vat)))];

    /// <summary>
    /// Every problem with the lines at once, by field (<c>lines[0].quantity</c>): 1 to 50 lines, a description of at most
    /// 100 characters (Finvoice's article name), a quantity above zero with at most two decimals, a unit price of zero
    /// or more in cents, a VAT rate 0–100 with at most two decimals, and a total above zero.
    /// </summary>
    public static List<FinnishInvoiceProblem> Problems(IReadOnlyList<FinnishInvoiceLine>? lines)
    {
        var problems = new List<FinnishInvoiceProblem>();
        if (lines is not { Count: > 0 and <= MaximumLines })
        {
            problems.Add(new("lines", $"An invoice has 1 to {MaximumLines} lines."));
            return problems;
        }

        for (var i = 0; i < lines.Count; i++)
        {
            var line = lines[i];
            var at = "lines[" + i.ToString(CultureInfo.InvariantCulture) + "]";
            if (line is null)
            {
                problems.Add(new(at, "The line is empty."));
                continue;
            }

            if (string.IsNullOrWhiteSpace(line.Description) || line.Description.Trim().Length > 100)
            {
                problems.Add(new(at + ".description", "The description is required (at most 100 characters)."));
            }

            if (line.Quantity <= 0 || line.Quantity > 99_999m || decimal.Round(line.Quantity, 2) != line.Quantity)
            {
                problems.Add(new(at + ".quantity", "The quantity must be above zero (at most 99 999) with at most two decimals."));
            }

            if (line.UnitPrice < 0 || line.UnitPrice > 9_999_999m || decimal.Round(line.UnitPrice, 2) != line.UnitPrice)
            {
                problems.Add(new(at + ".unit-price", "The unit price must be zero or more (at most 9 999 999) in euros and cents."));
            }

            if (line.VatRate is < 0 or > 100 || decimal.Round(line.VatRate, 2) != line.VatRate)
            {
                problems.Add(new(at + ".vat-rate", "The VAT rate is a percentage from 0 to 100 with at most two decimals."));
            }
        }

        if (problems.Count == 0)
        {
            var total = Normalise(lines).Sum(l => l.Total);
            if (total <= 0 || total > 99_999_999m)
            {
                problems.Add(new("lines", "The invoice's total must be above zero and at most 99 999 999 euros."));
            }
        }

        return problems;
    }

    /// <summary>The lines as stored (descriptions trimmed); call after <see cref="Problems"/> found none.</summary>
    public static List<InvoiceLine> Normalise(IReadOnlyList<FinnishInvoiceLine> lines) =>
        [.. lines.Select(l => new InvoiceLine(l.Description.Trim(), l.Quantity, l.UnitPrice, l.VatRate))];
}
