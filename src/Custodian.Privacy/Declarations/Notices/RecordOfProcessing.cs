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
        string L(LocalisedText text) => NoticeWords.Text(language, text);
        return [.. catalog.Registers.OrderBy(r => r.Id, StringComparer.Ordinal).Select(r => new ProcessingActivity(
            r.Id,
            L(r.Title),
            DeclarationNames.Of(r.Law),
            W(r.Role == ProcessingRole.Controller ? "controller" : "processor"),
            $"{L(r.Controller.Name)}, {L(r.Controller.Address)}, {L(r.Controller.Contact)}",
            r.Processor is { } p ? $"{L(p.Name)}, {L(p.Address)}, {L(p.Contact)}" : null,
            r.Controller.ProtectionOfficer is { } officer ? L(officer) : null,
            [.. r.Purposes.Select(p => $"{L(p.Description)} — {NoticeWords.Basis(language, p.LegalBasis)}{(p.SpecialCategoryBasis is { } s ? "; " + NoticeWords.Basis(language, s) : "")}")],
            [.. r.Subjects.Select(L)],
            [.. r.Categories.Select(c => $"{c.Id}: {L(c.Description)} ({string.Join(", ", c.Fields)})")],
            [.. r.Recipients.Select(x => $"{L(x.Name)} ({L(x.Role)}, {L(x.Location)})")],
            L(r.Transfers.Statement),
            [.. r.Categories.Select(c => $"{c.Id}: {NoticeWords.Retention(language, c.Retention)}")],
            [.. r.SecurityMeasures.Select(L)]))];
    }
}
