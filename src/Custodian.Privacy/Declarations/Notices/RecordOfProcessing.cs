namespace Custodian.Privacy.Declarations.Notices;

/// <summary>One register's entry in the record of processing activities (GDPR art. 30(1), or 30(2) as processor).</summary>
public sealed record ProcessingActivity(
    string Register,
    string Title,
    string Law,
    string Role,
    string Controller,
    string? Processor,
    string? ProtectionOfficer,
    IReadOnlyList<string> Purposes,
    IReadOnlyList<string> Subjects,
    IReadOnlyList<string> Categories,
    IReadOnlyList<string> Recipients,
    string Transfers,
    IReadOnlyList<string> Retention,
    IReadOnlyList<string> SecurityMeasures);

/// <summary>The record of processing activities of every register, generated from the declarations.</summary>
public static class RecordOfProcessing
{
    public static IReadOnlyList<ProcessingActivity> Build(RegisterCatalog catalog, string language)
    {
        ArgumentNullException.ThrowIfNull(catalog);
        string W(string english) => NoticeWords.Phrase(language, english);
        return [.. catalog.Registers.OrderBy(r => r.Id, StringComparer.Ordinal).Select(r => new ProcessingActivity(
            r.Id,
            r.Title.In(language),
            DeclarationNames.Of(r.Law),
            W(r.Role == ProcessingRole.Controller ? "controller" : "processor"),
            $"{r.Controller.Name}, {r.Controller.Address}, {r.Controller.Contact}",
            r.Processor is { } p ? $"{p.Name}, {p.Address}, {p.Contact}" : null,
            r.Controller.ProtectionOfficer,
            [.. r.Purposes.Select(p => $"{p.Description.In(language)} — {NoticeWords.Basis(language, p.LegalBasis)}{(p.SpecialCategoryBasis is { } s ? "; " + NoticeWords.Basis(language, s) : "")}")],
            [.. r.Subjects.Select(s => s.In(language))],
            [.. r.Categories.Select(c => $"{c.Id}: {c.Description.In(language)} ({string.Join(", ", c.Fields)})")],
            [.. r.Recipients.Select(x => $"{x.Name} ({x.Role}, {x.Location})")],
            r.Transfers.Statement.In(language),
            [.. r.Categories.Select(c => $"{c.Id}: {NoticeWords.Retention(language, c.Retention)}")],
            [.. r.SecurityMeasures.Select(m => m.In(language))]))];
    }
}
