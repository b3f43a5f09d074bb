using System.Globalization;
using Custodian.Modules.Training.Catalogue;
using Custodian.Modules.Training.Export;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Options;

namespace Custodian.Modules.Training.Pages.Training.Staff.Registrar;

/// <summary>The export of completions of one card type for the card authority's register (CSV or XLSX); every download is audited as a disclosure.</summary>
internal sealed class ExportModel(CatalogueOverview overview, IOptions<ExportOptions> options) : StaffPage
{
    public IReadOnlyList<CardTypeRecord> CardTypes { get; private set; } = [];

    public IReadOnlyList<string> Columns => options.Value.Effective;

    public async Task OnGetAsync(CancellationToken cancellationToken) => CardTypes = (await overview.ReadAsync(cancellationToken)).CardTypes;

    public async Task<IActionResult> OnPostAsync(string? cardType, string? format, string? from, string? to, [FromServices] ExportCompletions export, CancellationToken cancellationToken)
    {
        try
        {
            var file = await export.ExportAsync(Staff, cardType, format, Day(from, "issuedFrom"), Day(to, "issuedTo"), cancellationToken);
            return File(file.Content, file.ContentType, file.FileName);
        }
        catch (TrainingInputException e)
        {
            Refused(e.Message);
        }

        CardTypes = (await overview.ReadAsync(cancellationToken)).CardTypes;
        return Page();
    }

    private static DateOnly? Day(string? text, string field) =>
        string.IsNullOrWhiteSpace(text) ? null
        : DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var day) ? day
        : throw new TrainingInputException(field, "Enter the day as a date.");
}
