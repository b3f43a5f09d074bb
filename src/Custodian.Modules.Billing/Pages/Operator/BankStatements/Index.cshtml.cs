using System.Globalization;
using Custodian.Modules.Billing.Statements;
using Custodian.Privacy.Abstractions.Audit;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;

namespace Custodian.Modules.Billing.Pages.Operator.BankStatements;

/// <summary>
/// Staff import the bank's statement (1CClientBankExchange) and match by hand the transfers no invoice was found for.
/// </summary>
internal sealed class IndexModel(ImportStatement import, MatchStatementPayment match, ICurrentActor actor, IStringLocalizer<BillingText> t) : PageModel
{
    public IReadOnlyList<UnmatchedTransfer> Unmatched { get; private set; } = [];

    public StatementImport? Imported { get; private set; }

    public string? Problem { get; private set; }

    public string? Notice { get; private set; }

    /// <summary>The transfer whose match was refused, and the invoice typed, so the form keeps it.</summary>
    public Guid? RefusedTransfer { get; private set; }

    public string? TypedInvoice { get; private set; }

    public async Task OnGetAsync(CancellationToken cancellationToken) => Unmatched = await match.UnmatchedAsync(cancellationToken);

    public async Task<IActionResult> OnPostImportAsync(IFormFile? statement, CancellationToken cancellationToken)
    {
        if (statement is null || statement.Length == 0)
        {
            Problem = t["Choose the statement file to import."].Value;
        }
        else if (statement.Length > BankStatementFormat.MaximumBytes)
        {
            Problem = t["The file is larger than {0} MB: not a statement of one account.", BankStatementFormat.MaximumBytes / 1024 / 1024].Value;
        }
        else
        {
            using var buffer = new MemoryStream((int)statement.Length);
            await statement.CopyToAsync(buffer, cancellationToken);
            var (result, problem) = await import.ImportAsync(buffer.GetBuffer().AsMemory(0, (int)buffer.Length), actor.Actor, cancellationToken);
            Imported = result;
            Problem = problem is null ? null : t[problem.Text, problem.Arguments].Value;
        }

        if (Problem is not null)
        {
            Response.StatusCode = StatusCodes.Status400BadRequest;
        }

        Unmatched = await match.UnmatchedAsync(cancellationToken);
        return Page();
    }

    public async Task<IActionResult> OnPostMatchAsync(Guid transfer, string? invoice, CancellationToken cancellationToken)
    {
        var problem = ParseInvoice(invoice) is { } chosen
            ? await match.MatchAsync(transfer, chosen.Year, chosen.Number, actor.Actor, cancellationToken)
            : "Write the invoice as year-number, e.g. 2026-7.";
        if (problem is null)
        {
            Notice = t["The transfer was matched and the invoice is paid."].Value;
        }
        else
        {
            Problem = t[problem].Value;
            RefusedTransfer = transfer;
            TypedInvoice = invoice;
            Response.StatusCode = StatusCodes.Status400BadRequest;
        }

        Unmatched = await match.UnmatchedAsync(cancellationToken);
        return Page();
    }

    /// <summary><c>2026-7</c> (year, number) as the documents are numbered; <c>№</c> and spaces are forgiven.</summary>
    internal static (int Year, int Number)? ParseInvoice(string? text)
    {
        var parts = (text ?? string.Empty).Replace("№", string.Empty, StringComparison.Ordinal).Trim().Split('-', '/');
        return parts.Length == 2
            && int.TryParse(parts[0].Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out var year) && year is >= 2000 and <= 9999
            && int.TryParse(parts[1].Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out var number) && number > 0
            ? (year, number)
            : null;
    }

    public static string Money(decimal amount) => amount.ToString("N2", CultureInfo.CurrentCulture);
}
