namespace Custodian.Privacy.Declarations;

public enum Law
{
    Gdpr,
    Fz152,
}

/// <summary>Whether the service decides on the processing (controller) or processes for someone who does.</summary>
public enum ProcessingRole
{
    Controller,
    Processor,
}

public enum Sensitivity
{
    /// <summary>Ordinary personal data.</summary>
    Normal,

    /// <summary>National identification numbers (HETU, INN of a person): stricter handling, blind index only.</summary>
    Identifier,

    /// <summary>GDPR art. 9 / 152-FZ art. 10 special categories (health, ...): needs an art. 9 basis.</summary>
    Special,
}

public enum RetentionTrigger
{
    Collected,
    LastActivity,
    AccountClosed,
    ContractEnded,
    ConsentWithdrawn,
    ExamDate,
    CertificateExpired,

    /// <summary>The end of a course the person was enrolled in but did not attend (or cancelled).</summary>
    CourseNotAttended,
    CaseClosed,
    EndOfAccountingYear,
    ControllerInstruction,
}

public enum RetentionAction
{
    Delete,
    Anonymise,
    Review,
}

/// <summary>How erasure of a category is done: a plain delete, or destroying the subject's key so backups go too.</summary>
public enum ErasureMethod
{
    Delete,
    CryptoShred,
}

/// <summary>
/// Text in en and the register's own language (both required, see <see cref="DeclarationNames.OwnLanguage"/>), and
/// optionally the third; <see cref="In"/> falls back to English, <see cref="Has"/> tells whether it had to.
/// </summary>
public sealed record LocalisedText(IReadOnlyDictionary<string, string> Texts)
{
    public string In(string language) => Texts.TryGetValue(language, out var text) ? text : Texts["en"];

    /// <summary>Whether the text is written in <paramref name="language"/> (no fallback to English needed).</summary>
    public bool Has(string language) => Texts.ContainsKey(language);

    /// <summary>A value that reads the same in every language (an e-mail or web address).</summary>
    public static LocalisedText Same(string value) => new(new Dictionary<string, string>(StringComparer.Ordinal) { ["en"] = value, ["fi"] = value, ["ru"] = value });

    public override string ToString() => In("en");
}

/// <summary>
/// A controller or processor as notices name it; contact and protection officer may be addresses (the same in every
/// language). A Russian operator also gives its <see cref="Requisites"/>, which its processing policy states.
/// </summary>
public sealed record Party(LocalisedText Name, LocalisedText? RegistrationId, LocalisedText Address, LocalisedText Contact, LocalisedText? ProtectionOfficer, RussianRequisites? Requisites = null);

/// <summary>
/// A Russian organisation's or entrepreneur's state numbers, checked by the kernel's identifier validators: INN (10 digits
/// for an organisation, 12 for an entrepreneur), KPP (organisations only) and OGRN (OGRNIP for an entrepreneur).
/// </summary>
public sealed record RussianRequisites(string Inn, string? Kpp, string Ogrn)
{
    /// <summary>Whether these are an individual entrepreneur's (12-digit INN, OGRNIP, no KPP).</summary>
    public bool Entrepreneur => Inn.Length == 12;

    /// <summary>"ИНН …, КПП …, ОГРН …" in Russian and English: the party's registration line in notices, acts and drafts.</summary>
    public LocalisedText AsText()
    {
        string Line(string inn, string kpp, string ogrn, string ogrnip) =>
            string.Join(", ", new[] { $"{inn} {Inn}", Kpp is null ? null : $"{kpp} {Kpp}", $"{(Entrepreneur ? ogrnip : ogrn)} {Ogrn}" }.OfType<string>());
        return new(new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["en"] = Line("INN", "KPP", "OGRN", "OGRNIP"),
            ["ru"] = Line("ИНН", "КПП", "ОГРН", "ОГРНИП"),
        });
    }
}

public sealed record RetentionRule(RetentionTrigger Trigger, Period Period, RetentionAction Action, LocalisedText? Note);

/// <summary>A retention period as years, months and days (ISO 8601 P3Y, P6M, P30D, P1Y6M).</summary>
public sealed record Period(int Years, int Months, int Days)
{
    public DateTimeOffset After(DateTimeOffset start) => start.AddYears(Years).AddMonths(Months).AddDays(Days);

    public override string ToString() =>
        "P" + (Years > 0 ? $"{Years}Y" : "") + (Months > 0 ? $"{Months}M" : "") + (Days > 0 || (Years == 0 && Months == 0) ? $"{Days}D" : "");
}

public sealed record DataCategory(
    string Id,
    LocalisedText Description,
    Sensitivity Sensitivity,
    IReadOnlyList<string> Fields,
    RetentionRule Retention,
    ErasureMethod Erasure);

public sealed record Purpose(
    string Id,
    LocalisedText Description,
    LegalBasis LegalBasis,
    LegalBasis? SpecialCategoryBasis,
    IReadOnlyList<string> Categories);

public sealed record Recipient(LocalisedText Name, LocalisedText Role, LocalisedText Purpose, LocalisedText Location, IReadOnlyList<string> Categories);

public sealed record DataSource(string Id, LocalisedText Description);

/// <summary>Transfers outside the territory the law protects (RF for 152-FZ, EU/EEA for GDPR).</summary>
public sealed record Transfers(IReadOnlyList<string> OutsideTerritory, LocalisedText Statement);

public sealed record RegisterDeclaration(
    string Id,
    string SourceFile,
    LocalisedText Title,
    Law Law,
    ProcessingRole Role,
    Party Controller,
    Party? Processor,
    IReadOnlyList<LocalisedText> Subjects,
    IReadOnlyList<Purpose> Purposes,
    IReadOnlyList<DataCategory> Categories,
    IReadOnlyList<DataSource> Sources,
    IReadOnlyList<Recipient> Recipients,
    Transfers Transfers,
    IReadOnlyList<LocalisedText> SecurityMeasures,
    IReadOnlyList<string> Rights,
    DateOnly? Effective = null,
    IReadOnlyList<LocalisedText>? RequestChannels = null)
{
    /// <summary>
    /// The organisation this service is under the register: the controller (152-FZ "operator"), or the processor when the
    /// register is kept on someone else's behalf. Its requisites group a Russian operator's registers into one policy.
    /// </summary>
    public Party Organisation => Role == ProcessingRole.Processor && Processor is { } processor ? processor : Controller;

    /// <summary>Line of <see cref="Organisation"/>'s mapping in <see cref="SourceFile"/>, for problems found across registers.</summary>
    internal long OrganisationLine { get; init; }

    public DataCategory Category(string id) => Categories.First(c => c.Id == id);

    /// <summary>The declared category holding <paramref name="field"/>, if any.</summary>
    public DataCategory? CategoryOfField(string field) => Categories.FirstOrDefault(c => c.Fields.Contains(field));
}
