using Custodian.Modules.Guidance.Clients;
using Custodian.Privacy.Abstractions.Protection;

namespace Custodian.Modules.Guidance.Statements;

/// <summary>Where a statement is on its way from the coach's draft to the sending organisation.</summary>
internal enum StatementState
{
    Draft,
    InReview,
    Returned,
    Approved,
    Issued,
}

/// <summary>
/// A statement (lausunto) written for the client's sending organisation (<c>guidance_statements</c>): its consent area,
/// state, current text version, the review decision and, once issued, the disclosure (recipient, basis, when, who).
/// <see cref="Revision"/> counts every change and is the concurrency token, so two people acting on the same state
/// cannot both succeed; an issued statement is never changed again.
/// </summary>
internal sealed class StatementRecord
{
    public Guid Id { get; set; }

    public Guid ClientId { get; set; }

    public ConsentArea Area { get; set; }

    public StatementState State { get; set; }

    /// <summary>The newest text version.</summary>
    public int Version { get; set; }

    public int Revision { get; set; }

    public DateTime CreatedAtUtc { get; set; }

    public string CreatedBy { get; set; } = string.Empty;

    public DateTime? ReviewedAtUtc { get; set; }

    public string? ReviewedBy { get; set; }

    /// <summary>The reviewer's comment when returning the draft (it may speak of the client: under the client's key).</summary>
    public Encrypted<string>? ReviewComment { get; set; }

    public DateTime? IssuedAtUtc { get; set; }

    public string? IssuedBy { get; set; }

    /// <summary>The organisation the statement was disclosed to.</summary>
    public string? Recipient { get; set; }

    /// <summary>The legal basis of the disclosure (a key of <see cref="StatementDisclosure"/>).</summary>
    public string? DisclosureBasis { get; set; }

    public const string Table = "guidance_statements";
}

/// <summary>One version of a statement's text (<c>guidance_statement_versions</c>, field <c>statement_text</c>), under the client's key.</summary>
internal sealed class StatementVersionRecord
{
    public Guid StatementId { get; set; }

    public int Version { get; set; }

    public Encrypted<string> Text { get; set; } = null!;

    public DateTime WrittenAtUtc { get; set; }

    public string WrittenBy { get; set; } = string.Empty;

    public const string Table = "guidance_statement_versions";
}

/// <summary>The legal bases a statement is disclosed on, by register variant, and how the page names them.</summary>
internal static class StatementDisclosure
{
    /// <summary>Provider as controller: the client's explicit written consent to share the area with the sending organisation.</summary>
    public const string ClientConsent = "gdpr-6-1-a+9-2-a";

    /// <summary>City as controller: the city's decision in its public task, within what the client's written consent shares.</summary>
    public const string CityDecision = "gdpr-6-1-e+9-2-h";

    public static string Basis(string register) => register == Programmes.GuidanceRegisters.City ? CityDecision : ClientConsent;

    public static string Label(string? basis) => basis switch
    {
        ClientConsent => "The client's written consent to share it with the sending organisation (GDPR art. 6(1)(a) and 9(2)(a))",
        CityDecision => "The city's decision as controller, within the client's written consent to share (GDPR art. 6(1)(e) and 9(2)(h))",
        _ => "—",
    };

    public static FieldAddress Text(Guid statementId, int version) => new(StatementVersionRecord.Table, "statement_text", statementId.ToString("N") + "/" + version.ToString(System.Globalization.CultureInfo.InvariantCulture));

    public static FieldAddress Comment(Guid statementId) => new(StatementRecord.Table, "statement_review_comment", statementId.ToString("N"));
}
