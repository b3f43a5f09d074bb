using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Custodian.Privacy.Requests.Deadlines;

namespace Custodian.Privacy.Declarations.Notices;

/// <summary>
/// A Russian operator's one personal-data processing policy (152-FZ art. 18.1 part 2): every register in which the
/// service is that organisation (as controller, and as processor for others) combined into one document, in Russian (the
/// state language it is published in) and English. Everything register-specific comes from the declarations; the
/// statutory wording from <see cref="PolicyWords"/> and <see cref="NoticeWords"/>, the answer periods from
/// <see cref="StatutoryDeadlines"/>. Published at <see cref="Path"/>.
/// </summary>
public static class OperatorPolicy
{
    /// <summary>The stable address of the policy page (Russian; <c>?lang=en</c> for English).</summary>
    public const string Path = "/privacy/policy";

    public static readonly IReadOnlyList<string> Languages = ["ru", "en"];

    /// <summary>The policy of <paramref name="russianOperator"/>; <paramref name="link"/> makes site paths absolute (identity when omitted).</summary>
    /// <exception cref="ArgumentException">The language is not ru or en, or a register lacks what the policy states.</exception>
    public static NoticeDocument Build(RussianOperator russianOperator, string language, Func<string, string>? link = null)
    {
        ArgumentNullException.ThrowIfNull(russianOperator);
        if (!Languages.Contains(language))
        {
            throw new ArgumentException($"'{language}' is not a policy language; use ru or en.", nameof(language));
        }

        foreach (var register in russianOperator.Registers.Where(r => r.Effective is null))
        {
            throw new ArgumentException($"{register.SourceFile}: effective: is missing: the policy states the date it takes effect.", nameof(russianOperator));
        }

        link ??= path => path;
        string W(string english) => PolicyWords.Phrase(language, english);
        string N(string english) => NoticeWords.Phrase(language, english);
        string L(LocalisedText text) => NoticeWords.Text(language, text);
        var party = russianOperator.Party;
        var requisites = russianOperator.Requisites;
        var registers = russianOperator.Registers;
        var own = registers.Where(r => r.Role == ProcessingRole.Controller).ToList();
        var onBehalf = registers.Where(r => r.Role == ProcessingRole.Processor).ToList();
        var culture = CultureInfo.GetCultureInfo(language == "ru" ? "ru-RU" : "en-GB");
        var effective = russianOperator.Effective.ToString(language == "ru" ? "dd.MM.yyyy" : "d MMMM yyyy", culture);
        var version = Version(russianOperator);

        var sections = new List<NoticeSection>
        {
            new("general", W("General provisions"),
                [string.Format(culture, W("This policy sets out how {0} (the operator) processes personal data and protects it, as Federal Law No. 152-FZ of 27 July 2006 \"On Personal Data\" (art. 18.1) requires. It covers all processing of personal data by the operator in this service: {1}."),
                     L(party.Name), string.Join("; ", registers.Select(r => L(r.Title)))),
                 string.Format(culture, W("This version takes effect on {0} (version {1}). The policy is published at {2}; each change is published there before it takes effect."), effective, version, link(Path))],
                []),
            new("operator", W("Operator"), [],
                [L(party.Name),
                 $"{(requisites.Entrepreneur ? W("INN of the entrepreneur") : W("INN"))}: {requisites.Inn}",
                 .. requisites.Kpp is { } kpp ? [$"{W("KPP")}: {kpp}"] : Array.Empty<string>(),
                 $"{(requisites.Entrepreneur ? W("OGRNIP") : W("OGRN"))}: {requisites.Ogrn}",
                 $"{N("Address")}: {L(party.Address)}",
                 .. Distinct(registers.Select(r => $"{N("Contact")} ({L(r.Title)}): {L(r.Organisation.Contact)}")),
                 .. Distinct(registers.Where(r => r.Organisation.ProtectionOfficer is not null).Select(r => $"{NoticeWords.ProtectionOfficer(language, Law.Fz152)}: {L(r.Organisation.ProtectionOfficer!)}"))]),
            new("legal-grounds", W("Legal grounds for processing"),
                [W("The operator processes personal data only on the grounds listed in 152-FZ art. 6 part 1; for each purpose below the ground is named. Those the operator relies on:")],
                [.. Distinct(registers.SelectMany(r => r.Purposes).SelectMany(p => p.SpecialCategoryBasis is { } s ? [p.LegalBasis, s] : new[] { p.LegalBasis }).Select(b => NoticeWords.Basis(language, b)))]),
            new("purposes", N("Purposes and legal bases"), [],
                [.. Distinct(own.SelectMany(r => r.Purposes.Select(p => PurposeLine(r, p, language))))]),
        };
        if (onBehalf.Count > 0)
        {
            sections.Add(new("on-behalf", W("Processing on behalf of other operators"),
                [W("In these registers the operator processes personal data on another operator's instruction (152-FZ art. 6 part 3) and only for the purposes that operator set. Requests of the persons concerned are forwarded to that operator, who decides on them.")],
                [.. Distinct(onBehalf.SelectMany(r => r.Purposes.Select(p => $"{L(r.Title)} — {W("on behalf of")} {L(r.Controller.Name)}: {PurposeLine(r, p, language)}")))]));
        }

        sections.Add(new("subjects", N("Data subjects"), [], [.. Distinct(registers.SelectMany(r => r.Subjects).Select(L))]));
        sections.Add(new("categories", N("Personal data processed"), [],
            [.. Distinct(registers.SelectMany(r => r.Categories).Select(c => $"{L(c.Description)}{PrivacyNotice.Sensitivity(c.Sensitivity, N)}"))]));
        sections.Add(new("sources", N("Sources of the data"), [], [.. Distinct(registers.SelectMany(r => r.Sources).Select(s => L(s.Description)))]));
        sections.Add(new("actions", N("Actions and methods of processing"),
            [N("Collection, recording, organisation, accumulation, storage, adaptation (updating, correction), retrieval, use, transfer (provision, access), restriction, erasure and destruction."),
             N("Automated processing with transfer over internal networks; personal fields are encrypted in the database.")], []));
        sections.Add(new("retention", N("Retention"), [W("For each purpose, how long each kind of data is kept and what happens to it then:")],
            [.. Distinct(registers.SelectMany(r => r.Purposes.SelectMany(p => p.Categories.Select(r.Category).Select(c =>
                $"{L(p.Description).TrimEnd('.')} — {L(c.Description).TrimEnd('.')}: {NoticeWords.Retention(language, c.Retention)}{(c.Retention.Note is { } note ? " — " + L(note) : "")}"))))]));
        sections.Add(new("destruction", N("Erasure and destruction"), [N("When a retention period ends, the data is deleted, or anonymised irreversibly (direct identifiers removed, aggregates kept), or reviewed, as stated above. Data of a subject who asks for erasure is erased unless the law requires keeping it; such records are restricted and the subject is told why. Each subject's data is encrypted with their own key; destroying the key makes every copy, including backups, unreadable.")], []));
        sections.Add(new("recipients", N("Recipients"), [],
            [.. Distinct(registers.SelectMany(r => r.Recipients).Select(x => $"{L(x.Name)} ({L(x.Role)}; {N("Location")}: {L(x.Location)}): {L(x.Purpose)}"))]));
        var statements = Distinct(registers.Select(r => L(r.Transfers.Statement))).ToList();
        var transfers = registers.All(r => r.Transfers.OutsideTerritory.Count == 0) ? [N("Nothing is sent to a recipient outside the territory.")] : Distinct(registers.SelectMany(r => r.Transfers.OutsideTerritory)).ToList();
        sections.Add(new("transfers", N("Transfers outside the territory"), statements, [.. transfers.Except(statements, StringComparer.Ordinal)]));
        sections.Add(new("security", N("Security measures"), [W("The operator takes the legal, organisational and technical measures of 152-FZ art. 18.1 and 19, among them:")],
            [.. Distinct(registers.SelectMany(r => r.SecurityMeasures).Select(L))]));
        sections.Add(new("rights", N("Your rights and how to use them"),
            [string.Format(culture, W("We answer a request within {0} working days of receipt; the period can be extended by {1} working days with a reasoned notice (152-FZ art. 14 part 3, art. 20). Inaccurate data is corrected within {2} working days of the proof (art. 20 part 3); after consent is withdrawn, processing stops and the data is destroyed within {3} days unless another legal ground allows keeping it (art. 21 part 5)."),
                 StatutoryDeadlines.Ru152FzWorkingDays, StatutoryDeadlines.Ru152FzExtensionWorkingDays, StatutoryDeadlines.Ru152FzRectificationWorkingDays, StatutoryDeadlines.Ru152FzConsentWithdrawalDays)],
            [.. RegisterReader.KnownRights.Where(right => registers.Any(r => r.Rights.Contains(right))).Select(right => NoticeWords.Right(language, right))]));
        sections.Add(new("requests", W("How to make a request"), [W("A request names the person and what they ask for; we may ask the person to confirm their identity before answering.")],
            [.. registers.Select(r => $"{L(r.Title)}: {W("the form at")} {link($"/privacy/{r.Id}/request")}; {W("e-mail")} {L(r.Organisation.Contact)}"
                + (r.Role == ProcessingRole.Processor ? $" ({W("forwarded to the operator who decides")})" : string.Empty)),
             .. Distinct(registers.SelectMany(r => r.RequestChannels ?? []).Select(L))]));

        var title = $"{W("Personal data processing policy")}: {L(party.Name)}";
        var footer = $"{W("Generated from the register declarations")} {string.Join(", ", registers.Select(r => r.Id))} · {N("Version")} {version} · {W("Effective from")} {effective}";
        return new NoticeDocument(string.Join(",", registers.Select(r => r.Id)), language, title, DeclarationNames.Of(Law.Fz152), version, sections, footer);
    }

    /// <summary>
    /// The operator whose policy is asked for: the one Russian operator of the deployment when no INN is given, else
    /// the operator with that INN. Null with a reason when there is none, or several and no INN says which.
    /// </summary>
    public static (RussianOperator? Operator, string? Problem) Choose(RegisterCatalog catalog, string? inn)
    {
        ArgumentNullException.ThrowIfNull(catalog);
        var operators = catalog.RussianOperators;
        if (string.IsNullOrWhiteSpace(inn))
        {
            return operators.Count switch
            {
                1 => (operators[0], null),
                0 => (null, "No register of this service is kept by a Russian operator (152-FZ), so there is no processing policy."),
                _ => (null, $"This service keeps registers of several Russian operators; name one with operator=INN ({string.Join(", ", operators.Select(o => o.Requisites.Inn))})."),
            };
        }

        return operators.FirstOrDefault(o => o.Requisites.Inn == inn.Trim()) is { } found
            ? (found, null)
            : (null, $"No register of this service names an operator with INN {inn.Trim()}; known: {string.Join(", ", operators.Select(o => o.Requisites.Inn))}.");
    }

    /// <summary>A short hash of every register the policy combines: it changes whenever any of them does.</summary>
    public static string Version(RussianOperator russianOperator)
    {
        ArgumentNullException.ThrowIfNull(russianOperator);
        var versions = string.Join("\n", russianOperator.Registers.Select(r => $"{r.Id}:{PrivacyNotice.Version(r)}"));
        return Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(versions)))[..12];
    }

    private static string PurposeLine(RegisterDeclaration register, Purpose purpose, string language)
    {
        string L(LocalisedText text) => NoticeWords.Text(language, text);
        var basis = NoticeWords.Basis(language, purpose.LegalBasis) + (purpose.SpecialCategoryBasis is { } special ? "; " + NoticeWords.Basis(language, special) : "");
        var data = string.Join("; ", purpose.Categories.Select(c => L(register.Category(c).Description).TrimEnd('.')));
        return $"{L(purpose.Description).TrimEnd('.')}. {NoticeWords.Phrase(language, "Legal basis")}: {basis}. {NoticeWords.Phrase(language, "Data")}: {data}.";
    }

    private static IEnumerable<string> Distinct(IEnumerable<string> texts) => texts.Distinct(StringComparer.Ordinal);
}
