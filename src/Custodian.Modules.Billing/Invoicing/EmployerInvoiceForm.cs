using System.Globalization;
using Custodian.Privacy.Abstractions.Events;

namespace Custodian.Modules.Billing.Invoicing;

/// <summary>
/// An accountant's Finnish invoice as typed on <c>/operator/invoices/new-fi</c> or given to <c>custodian billing
/// invoice-fi issue</c>: text as entered, numbers with a decimal comma or point, dates as 2026-12-21 or 21.12.2026.
/// <see cref="Read"/> turns it into the same request another module sends, with its problems by form field.
/// </summary>
internal sealed record EmployerInvoiceForm(
    string? Name, string? BusinessId, string? EInvoiceAddress, string? EInvoiceOperator, string? PostalAddress,
    string? ContactName, string? ContactEmail, string? ContactPhone, string? BuyerReference, string? DueDate,
    IReadOnlyList<EmployerInvoiceForm.Line> Lines)
{
    /// <summary>One line as typed; a line with neither description nor price is left out.</summary>
    internal sealed record Line(string? Description, string? Quantity, string? UnitPrice, string? VatRate);

    /// <summary>
    /// The request under <paramref name="reference"/> (the form's one-time key, so a form sent twice is one invoice),
    /// the due date, and the problems of reading it (a VAT rate left empty is <paramref name="defaultVatRate"/>); field names are the form's (<c>business-id</c>, <c>line-2-quantity</c>).
    /// </summary>
    public (FinnishInvoiceRequested Request, DateOnly? DueOn, List<RequestProblem> Problems) Read(string reference, decimal defaultVatRate)
    {
        var problems = new List<RequestProblem>();
        var lines = new List<FinnishInvoiceLine>();
        for (var i = 0; i < Lines.Count; i++)
        {
            var line = Lines[i];
            if (string.IsNullOrWhiteSpace(line.Description) && string.IsNullOrWhiteSpace(line.UnitPrice))
            {
                continue;
            }

            var at = "line-" + i.ToString(CultureInfo.InvariantCulture);
            var quantity = Number(line.Quantity, at + "-quantity", "Write the quantity as a number, e.g. 2 or 1,5.", problems);
            var price = Number(line.UnitPrice, at + "-unit-price", "Write the unit price in euros, e.g. 120 or 99,50.", problems);
            var rate = string.IsNullOrWhiteSpace(line.VatRate) ? defaultVatRate : Number(line.VatRate, at + "-vat-rate", "Write the VAT rate as a number, e.g. 25,5.", problems);
            lines.Add(new(line.Description ?? string.Empty, quantity ?? 1, price ?? 0, rate ?? 0));
        }

        DateOnly? due = null;
        if (!string.IsNullOrWhiteSpace(DueDate))
        {
            if (DateOnly.TryParseExact(DueDate.Trim(), ["yyyy-MM-dd", "d.M.yyyy"], CultureInfo.InvariantCulture, DateTimeStyles.None, out var day))
            {
                due = day;
            }
            else
            {
                problems.Add(new("due-date", "Write the due date as a date, e.g. 21.12.2026."));
            }
        }

        var request = new FinnishInvoiceRequested(IssueEmployerInvoice.Staff, reference,
            new FinnishInvoicePayer(Name ?? string.Empty, BusinessId ?? string.Empty, Blank(EInvoiceAddress), Blank(EInvoiceOperator), Blank(PostalAddress), ContactName ?? string.Empty, ContactEmail ?? string.Empty, Blank(ContactPhone), Blank(BuyerReference)),
            lines);
        return (request, due, problems);
    }

    /// <summary>A request problem's field as the form names it: <c>payer.business-id</c> → <c>business-id</c>, <c>lines[0].quantity</c> → <c>line-2-quantity</c>.</summary>
    public string FieldOf(string field)
    {
        ArgumentNullException.ThrowIfNull(field);
        if (field.StartsWith("payer.", StringComparison.Ordinal))
        {
            return field["payer.".Length..];
        }

        if (field.StartsWith("lines[", StringComparison.Ordinal) && field.IndexOf(']', StringComparison.Ordinal) is var close and > 6
            && int.TryParse(field.AsSpan(6, close - 6), NumberStyles.None, CultureInfo.InvariantCulture, out var kept))
        {
            var row = Lines.Select((l, i) => (l, i)).Where(x => !string.IsNullOrWhiteSpace(x.l.Description) || !string.IsNullOrWhiteSpace(x.l.UnitPrice)).Select(x => x.i).ElementAtOrDefault(kept);
            return "line-" + row.ToString(CultureInfo.InvariantCulture) + "-" + field[(close + 2)..];
        }

        return field;
    }

    private static decimal? Number(string? text, string field, string message, List<RequestProblem> problems)
    {
        var cleaned = (text ?? string.Empty).Replace(" ", string.Empty, StringComparison.Ordinal).Replace("\u00a0", string.Empty, StringComparison.Ordinal)
            .Replace("\u202f", string.Empty, StringComparison.Ordinal).Replace(',', '.').TrimEnd('€', '%');
        if (decimal.TryParse(cleaned, NumberStyles.AllowDecimalPoint | NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var value))
        {
            return value;
        }

        problems.Add(new(field, message));
        return null;
    }

    private static string? Blank(string? text) => string.IsNullOrWhiteSpace(text) ? null : text;
}
