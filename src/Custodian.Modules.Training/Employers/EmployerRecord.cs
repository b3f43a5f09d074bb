using Custodian.Privacy.Abstractions.Protection;

namespace Custodian.Modules.Training.Employers;

/// <summary>
/// A company that enrols and pays for its employees (<c>training_employers</c>): its business and billing details (not
/// personal data), and its contact person, whose name and e-mail are personal data sealed under the contact's own key.
/// </summary>
internal sealed class EmployerRecord
{
    public Guid Id { get; set; }

    public string Name { get; set; } = string.Empty;

    /// <summary>Y-tunnus, checked by the kernel's validator; one employer per business id.</summary>
    public string BusinessId { get; set; } = string.Empty;

    /// <summary>The contact person's subject id (their key scope; erasure of the contact shreds it).</summary>
    public SubjectId ContactSubjectId { get; set; }

    public Encrypted<string> EmployerContactName { get; set; } = null!;

    public Encrypted<string> EmployerContactEmail { get; set; } = null!;

    public byte[] ContactEmailIndex { get; set; } = [];

    /// <summary>The contact person asked to restrict processing of their data: kept, used for nothing else.</summary>
    public bool ContactRestricted { get; set; }

    /// <summary>E-invoice (verkkolasku) address, e.g. OVT 003731415938, and its operator's code; or a postal address instead.</summary>
    public string? EInvoiceAddress { get; set; }

    public string? EInvoiceOperator { get; set; }

    public string? PostalAddress { get; set; }

    /// <summary>The buyer's reference the company wants on its invoices (tilaajan viite).</summary>
    public string? InvoiceReference { get; set; }

    public DateTime CreatedAtUtc { get; set; }

    /// <summary>When the company stopped ordering: the retention trigger of the contact's data (contract-ended).</summary>
    public DateTime? ContractEndedAtUtc { get; set; }

    public const string Table = "training_employers";
}
