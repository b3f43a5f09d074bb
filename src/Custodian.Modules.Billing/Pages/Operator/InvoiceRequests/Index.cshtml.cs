using System.Globalization;
using System.Text.Json;
using Custodian.Modules.Billing.Documents;
using Custodian.Modules.Billing.Invoicing;
using Custodian.Modules.Billing.Payers;
using Custodian.Privacy.Abstractions.Events;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace Custodian.Modules.Billing.Pages.Operator.InvoiceRequests;

/// <summary>
/// Staff see what other modules asked billing to invoice (<c>billing.finnish-invoice-requested.v1</c>): the newest
/// requests first, each issued (with the invoice's number and total) or rejected with every reason, so bad data sent by
/// a module is noticed and corrected at its source instead of being retried for ever.
/// </summary>
internal sealed class IndexModel(BillingDb db, IStringLocalizer<BillingText> t) : PageModel
{
    public const int Shown = 200;

    public IReadOnlyList<RequestRow> Requests { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken cancellationToken)
    {
        var requests = await db.InvoiceRequests.AsNoTracking().OrderByDescending(r => r.ReceivedAtUtc).Take(Shown).ToListAsync(cancellationToken);
        var invoiceIds = requests.Where(r => r.InvoiceId is not null).Select(r => r.InvoiceId!.Value).ToList();
        var invoices = await db.Documents.AsNoTracking().Where(d => invoiceIds.Contains(d.Id)).ToDictionaryAsync(d => d.Id, cancellationToken);
        Requests = [.. requests.Select(r => new RequestRow(
            r.ReceivedAtUtc, r.Source, r.SourceReference, r.Status == InvoiceRequestRecord.Issued,
            r.InvoiceId is { } id && invoices.TryGetValue(id, out var invoice) ? invoice : null,
            Problems(r.Problems)))];
    }

    private List<string> Problems(string? json) =>
        json is null ? [] : [.. (JsonSerializer.Deserialize<List<RequestProblem>>(json, EventJson.Options) ?? []).Select(p =>
            $"{p.Field}: {(p.Reason is null ? t[p.Message].Value : t[p.Message, IdentifierReasons.Translate(p.Reason, t)].Value)}")];

    private static readonly TimeZoneInfo Helsinki = TimeZoneInfo.FindSystemTimeZoneById("Europe/Helsinki");

    /// <summary>Finnish invoices' requests in Finnish time, as their invoices are dated.</summary>
    public static string When(DateTime utc) =>
        TimeZoneInfo.ConvertTimeFromUtc(DateTime.SpecifyKind(utc, DateTimeKind.Utc), Helsinki).ToString("g", CultureInfo.CurrentCulture);

    public static string Money(decimal amount) => amount.ToString("N2", CultureInfo.CurrentCulture);
}

/// <summary>One request as the page lists it.</summary>
internal sealed record RequestRow(DateTime ReceivedAtUtc, string Source, string SourceReference, bool Issued, DocumentRecord? Invoice, IReadOnlyList<string> Problems);
