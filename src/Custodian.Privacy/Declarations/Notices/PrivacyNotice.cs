using System.Security.Cryptography;
using System.Text;

namespace Custodian.Privacy.Declarations.Notices;

/// <summary>One section of a notice: a heading, paragraphs, and list items.</summary>
public sealed record NoticeSection(string Id, string Heading, IReadOnlyList<string> Paragraphs, IReadOnlyList<string> Items);

/// <summary>
/// A generated notice: the register, language, title, version (hash of the declaration's content) and sections; a
/// document built from several registers (the operator's policy) says so in its own <paramref name="Footer"/>.
/// </summary>
public sealed record NoticeDocument(string Register, string Language, string Title, string Law, string Version, IReadOnlyList<NoticeSection> Sections, string? Footer = null)
{
    /// <summary>The closing line: what the document was generated from, and its version.</summary>
    public string Closing => Footer ?? $"{NoticeWords.Phrase(Language, "Generated from the register declaration")} {Register}, {NoticeWords.Phrase(Language, "Version")} {Version}";
}

/// <summary>
/// The privacy notice of a register, rendered from its declaration so it never drifts from what runs: for a 152-FZ
/// register the sections of an operator's policy (art. 18.1: operator, purposes, bases, subjects, categories,
/// actions and methods, localisation and transfers, retention, destruction, rights, security, contacts); for a GDPR
/// register those of art. 13/14 information (controller and DPO, purposes and bases, data, sources, recipients,
/// transfers, retention, rights and complaint, automated decisions, security).
/// </summary>
public static class PrivacyNotice
{
    public static NoticeDocument Build(RegisterDeclaration register, string language)
    {
        ArgumentNullException.ThrowIfNull(register);
        if (!NoticeWords.Languages.Contains(language))
        {
            throw new ArgumentException($"'{language}' is not a notice language; use en, fi or ru.", nameof(language));
        }

        string W(string english) => NoticeWords.Phrase(language, english);
        string L(LocalisedText text) => NoticeWords.Text(language, text);
        var fz = register.Law == Law.Fz152;
        var sections = new List<NoticeSection>
        {
            new("controller", W("Controller"), register.Role == ProcessingRole.Processor ? [W("This register is kept on behalf of a controller. Requests are forwarded to the controller, who decides on them.")] : [],
                [.. Party(register.Controller, W, L, NoticeWords.ProtectionOfficer(language, register.Law)), .. register.Processor is { } processor ? [$"{W("Processor")}: {L(processor.Name)}, {L(processor.Contact)}" + (processor.ProtectionOfficer is { } processorOfficer ? $", {NoticeWords.ProtectionOfficer(language, register.Law)}: {L(processorOfficer)}" : string.Empty)] : Array.Empty<string>()]),
            new("purposes", W("Purposes and legal bases"), [],
                [.. register.Purposes.Select(p => $"{L(p.Description)} — {W("Legal basis")}: {NoticeWords.Basis(language, p.LegalBasis)}{(p.SpecialCategoryBasis is { } special ? "; " + NoticeWords.Basis(language, special) : "")}")]),
            new("subjects", W("Data subjects"), [], [.. register.Subjects.Select(L)]),
            new("categories", W("Personal data processed"), [],
                [.. register.Categories.Select(c => $"{L(c.Description)} ({string.Join(", ", c.Fields)}){Sensitivity(c.Sensitivity, W)}")]),
            new("sources", W("Sources of the data"), [], [.. register.Sources.Select(s => L(s.Description))]),
        };
        if (fz)
        {
            sections.Add(new("actions", W("Actions and methods of processing"),
                [W("Collection, recording, organisation, accumulation, storage, adaptation (updating, correction), retrieval, use, transfer (provision, access), restriction, erasure and destruction."),
                 W("Automated processing with transfer over internal networks; personal fields are encrypted in the database.")], []));
        }

        sections.Add(new("recipients", W("Recipients"), [], [.. register.Recipients.Select(r => $"{L(r.Name)} ({L(r.Role)}; {W("Location")}: {L(r.Location)}): {L(r.Purpose)}")]));
        sections.Add(new("transfers", W("Transfers outside the territory"), [L(register.Transfers.Statement)], register.Transfers.OutsideTerritory.Count == 0 ? [W("Nothing is sent to a recipient outside the territory.")] : [.. register.Transfers.OutsideTerritory]));
        sections.Add(new("retention", W("Retention"), [],
            [.. register.Categories.Select(c => $"{L(c.Description).TrimEnd('.')}: {NoticeWords.Retention(language, c.Retention)}{(c.Retention.Note is { } note ? " — " + L(note) : "")}")]));
        sections.Add(new("destruction", W("Erasure and destruction"), [W("When a retention period ends, the data is deleted, or anonymised irreversibly (direct identifiers removed, aggregates kept), or reviewed, as stated above. Data of a subject who asks for erasure is erased unless the law requires keeping it; such records are restricted and the subject is told why. Each subject's data is encrypted with their own key; destroying the key makes every copy, including backups, unreadable.")], []));
        sections.Add(new("rights", W("Your rights and how to use them"),
            [$"{W("Make a request through the form at")} /privacy/{register.Id}/request {W("or write to")} {L(register.Controller.Contact)}.",
             fz ? W("We answer within 10 working days of receipt; the period can be extended by 5 working days with a reasoned notice.") : W("We answer within one month of receipt; if the request is complex, the period can be extended by two further months, and you will be told why within the first month.")],
            [.. register.Rights.Select(r => NoticeWords.Right(language, r))]));
        if (!fz)
        {
            sections.Add(new("automated-decisions", W("Automated decisions"), [W("No decision with legal or similarly significant effects is made on you by automated means alone, and no profiling is done for such decisions.")], []));
        }

        sections.Add(new("security", W("Security measures"), [], [.. register.SecurityMeasures.Select(L)]));
        return new NoticeDocument(register.Id, language, $"{W(fz ? "Privacy policy" : "Privacy notice")}: {L(register.Title)}", DeclarationNames.Of(register.Law), Version(register), sections);
    }

    /// <summary>A short hash of the declaration as loaded: the version of the notice a consent refers to.</summary>
    public static string Version(RegisterDeclaration register)
    {
        ArgumentNullException.ThrowIfNull(register);
        var canonical = System.Text.Json.JsonSerializer.Serialize(register with { SourceFile = string.Empty }, RegisterJson.Options);
        return Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(canonical)))[..12];
    }

    private static IEnumerable<string> Party(Party party, Func<string, string> w, Func<LocalisedText, string> l, string officerLabel)
    {
        yield return l(party.Name);
        if (party.RegistrationId is { } registration)
        {
            yield return $"{w("Registration")}: {l(registration)}";
        }

        yield return $"{w("Address")}: {l(party.Address)}";
        yield return $"{w("Contact")}: {l(party.Contact)}";
        if (party.ProtectionOfficer is { } officer)
        {
            yield return $"{officerLabel}: {l(officer)}";
        }
    }

    /// <summary>What a category's sensitivity adds to its line (the policy of a Russian operator prints it the same way).</summary>
    internal static string Sensitivity(Sensitivity sensitivity, Func<string, string> w) => sensitivity switch
    {
        Declarations.Sensitivity.Special => " — " + w("Special category (GDPR art. 9 / 152-FZ art. 10)"),
        Declarations.Sensitivity.Identifier => " — " + w("Identification number: stored encrypted, searched only by a keyed hash"),
        _ => string.Empty,
    };
}
