using Custodian.Privacy.Abstractions.Protection;

namespace Custodian.Modules.Billing.Payers;

internal enum PayerKind
{
    Organisation,
    SoleProprietor,
}

/// <summary>
/// Who pays, with the requisites invoices carry (table <c>billing_payers</c>), one per signed-in account. Name, INN,
/// OGRNIP, address, settlement account and contact are encrypted for every payer: under the subject's own key for a
/// sole proprietor (personal data, crypto-shredded on erasure), under the invoicing purpose key for an organisation.
/// </summary>
internal sealed class PayerRecord
{
    public Guid Id { get; set; }

    /// <summary>The signed-in account the payer belongs to (e.g. <c>seller-…</c>).</summary>
    public string Account { get; set; } = string.Empty;

    /// <summary>RU or FI: which register (billing or billing-fi) the payer's data belongs to.</summary>
    public string Country { get; set; } = "RU";

    public PayerKind Kind { get; set; }

    public Guid SubjectId { get; set; }

    public Encrypted<string> PayerName { get; set; } = null!;

    public Encrypted<string>? PayerInn { get; set; }

    /// <summary>Blind index of the INN: a bank statement's payer INN finds the payer without decrypting every row.</summary>
    public byte[]? InnIndex { get; set; }

    public string? Kpp { get; set; }

    /// <summary>An organisation's OGRN (not personal data); a sole proprietor's OGRNIP is <see cref="PayerOgrnip"/>.</summary>
    public string? Ogrn { get; set; }

    public Encrypted<string>? PayerOgrnip { get; set; }

    public Encrypted<string>? PayerAddress { get; set; }

    public Encrypted<string>? PayerAccount { get; set; }

    public string? Bic { get; set; }

    public string? CorrespondentAccount { get; set; }

    /// <summary>A Finnish payer's Y-tunnus.</summary>
    public string? BusinessId { get; set; }

    public string? EInvoiceAddress { get; set; }

    public string? EInvoiceOperator { get; set; }

    public Encrypted<string>? ContactName { get; set; }

    public Encrypted<string>? ContactEmail { get; set; }

    public Encrypted<string>? ContactPhone { get; set; }

    /// <summary>Blind index of the contact e-mail: a data-subject request by e-mail finds the payer.</summary>
    public byte[]? EmailIndex { get; set; }

    /// <summary>Processing restricted (a subject's request, or erasure held by accounting law): the payer and its documents are only stored.</summary>
    public bool Restricted { get; set; }

    public DateTime UpdatedAtUtc { get; set; }
}
