using Custodian.Privacy.Abstractions.Protection;

namespace Custodian.Modules.Billing.Documents;

internal enum DocumentKind
{
    /// <summary>Счёт на оплату.</summary>
    Invoice,

    /// <summary>Акт оказанных услуг.</summary>
    Act,

    /// <summary>A Finnish invoice (lasku) in euros, with a reference, a due date and the virtual barcode.</summary>
    FinnishInvoice,
}

/// <summary>
/// An issued accounting document (table <c>billing_documents</c>). Immutable once issued: it keeps the supplier's and
/// the payer's requisites as they were that day (the payer's sealed, <c>payer_details</c>), so a later change of
/// requisites never alters it; a correction is a new document. <see cref="BillingDb"/> refuses updates and deletes.
/// </summary>
internal sealed class DocumentRecord
{
    public Guid Id { get; set; }

    public DocumentKind Kind { get; set; }

    public int Year { get; set; }

    /// <summary>Per kind and year, from 1, without gaps.</summary>
    public int Number { get; set; }

    public DateOnly IssuedOn { get; set; }

    public DateTime IssuedAtUtc { get; set; }

    public Guid PayerId { get; set; }

    /// <summary>The invoice an act closes.</summary>
    public Guid? InvoiceId { get; set; }

    public string Description { get; set; } = string.Empty;

    public decimal Amount { get; set; }

    /// <summary>Null: without VAT (simplified system); otherwise the rate in percent, included in <see cref="Amount"/>.</summary>
    public decimal? VatRate { get; set; }

    public decimal VatAmount { get; set; }

    /// <summary>The supplier's requisites that day (JSON; an organisation's, not personal data).</summary>
    public string SupplierDetails { get; set; } = string.Empty;

    /// <summary>The payer's requisites that day (JSON), sealed like the payer's record.</summary>
    public Encrypted<string> PayerDetails { get; set; } = null!;

    /// <summary>The key scope <see cref="PayerDetails"/> is sealed under (the payer's subject key or the invoicing key).</summary>
    public string PayerScope { get; set; } = string.Empty;

    /// <summary>A Finnish invoice's due date (eräpäivä).</summary>
    public DateOnly? DueOn { get; set; }

    /// <summary>A Finnish invoice's reference: a viitenumero, or an RF reference.</summary>
    public string? Reference { get; set; }

    /// <summary>A Finnish invoice's lines (JSON of <see cref="InvoiceLine"/>); null on invoices issued before lines were stored.</summary>
    public string? Lines { get; set; }

    /// <summary>Russian documents are in rubles, Finnish invoices in euros.</summary>
    public string Currency => Kind == DocumentKind.FinnishInvoice ? "EUR" : "RUB";
}

/// <summary>The last number issued per kind and year (table <c>billing_document_counters</c>).</summary>
internal sealed class DocumentCounterRecord
{
    public string Kind { get; set; } = string.Empty;

    public int Year { get; set; }

    public int LastNumber { get; set; }
}
