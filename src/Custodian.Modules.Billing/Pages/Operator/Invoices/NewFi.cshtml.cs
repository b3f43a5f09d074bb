using System.Globalization;
using Custodian.Modules.Billing.Documents;
using Custodian.Modules.Billing.Invoicing;
using Custodian.Privacy.Abstractions.Audit;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Options;

namespace Custodian.Modules.Billing.Pages.Operator.Invoices;

/// <summary>
/// An accountant issues a Finnish invoice to an employer: the company and where the invoice goes, the contact, the
/// buyer's reference, lines and (optionally) the due date. Every mistake is named at its field and nothing is stored
/// until all are right; the form carries a one-time key, so sending it twice issues one invoice.
/// </summary>
internal sealed class NewFiModel(IssueEmployerInvoice issue, IOptions<FinnishSupplierOptions> supplier, ICurrentActor actor, IAuditLog audit) : PageModel
{
    public const int LineRows = 4;

    [BindProperty]
    public Guid Key { get; set; }

    [BindProperty]
    public string? Name { get; set; }

    [BindProperty]
    public string? BusinessId { get; set; }

    [BindProperty]
    public string? EInvoiceAddress { get; set; }

    [BindProperty]
    public string? EInvoiceOperator { get; set; }

    [BindProperty]
    public string? PostalAddress { get; set; }

    [BindProperty]
    public string? ContactName { get; set; }

    [BindProperty]
    public string? ContactEmail { get; set; }

    [BindProperty]
    public string? ContactPhone { get; set; }

    [BindProperty]
    public string? BuyerReference { get; set; }

    [BindProperty]
    public string? DueDate { get; set; }

    [BindProperty]
    public List<LineInput> Lines { get; set; } = [];

    public IReadOnlyList<RequestProblem> Problems { get; private set; } = [];

    public RequestProblem? ProblemOf(string field) => Problems.FirstOrDefault(p => p.Field == field);

    public void OnGet()
    {
        Key = Guid.NewGuid();
        var rate = supplier.Value.VatRate.ToString("0.##", CultureInfo.CurrentCulture);
        Lines = [.. Enumerable.Range(0, LineRows).Select(_ => new LineInput { Quantity = "1", VatRate = rate })];
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken cancellationToken)
    {
        while (Lines.Count < LineRows)
        {
            Lines.Add(new LineInput());
        }

        var form = new EmployerInvoiceForm(Name, BusinessId, EInvoiceAddress, EInvoiceOperator, PostalAddress, ContactName, ContactEmail, ContactPhone, BuyerReference, DueDate,
            [.. Lines.Take(LineRows).Select(l => new EmployerInvoiceForm.Line(l.Description, l.Quantity, l.UnitPrice, l.VatRate))]);
        var key = Key == Guid.Empty ? Guid.NewGuid() : Key;
        var (request, dueOn, problems) = form.Read(key.ToString("N"), supplier.Value.VatRate);
        if (problems.Count > 0)
        {
            // Everything else is checked too, so the form shows every mistake at once; the total of lines that
            // could not be read means nothing yet.
            problems.AddRange(issue.Problems(request, dueOn).Where(p => p.Field != "lines" && !problems.Any(q => q.Field == p.Field)));
        }

        var outcome = problems.Count == 0 ? await issue.IssueAsync(request, Guid.NewGuid(), dueOn, cancellationToken) : null;
        if (outcome is not { InvoiceId: { } invoiceId })
        {
            Problems = [.. problems.Concat(outcome?.Problems ?? []).Select(p => p with { Field = form.FieldOf(p.Field) })];
            Response.StatusCode = StatusCodes.Status400BadRequest;
            return Page();
        }

        if (outcome.Issued is { } invoice)
        {
            await audit.AppendAsync(new AuditEvent(actor.Actor, $"billing issue Finnish invoice {FinvoiceMessage.Number(invoice)}", Register: "billing-fi", Purpose: "invoicing"), cancellationToken);
        }

        return Redirect($"/operator/invoices/{invoiceId}?issued=true");
    }

    /// <summary>One line as typed.</summary>
    internal sealed class LineInput
    {
        public string? Description { get; set; }

        public string? Quantity { get; set; }

        public string? UnitPrice { get; set; }

        public string? VatRate { get; set; }
    }
}
