namespace Custodian.Privacy.Abstractions.Events;

/// <summary>
/// Version 1 of the request a module (the training register) writes into the outbox, in the transaction of its own
/// change, to have billing invoice a Finnish employer (ADR 0021, 0029). Billing issues one invoice per
/// (<paramref name="Source"/>, <paramref name="SourceReference"/>) however often and however concurrently the request is
/// delivered, and answers with <see cref="FinnishInvoiceIssued"/> or, when the data is not valid (the kernel's
/// validators decide), <see cref="FinnishInvoiceRejected"/>; a rejection is listed for the operator on
/// <c>/operator/invoice-requests</c>, and the same key may then be requested again with corrected data.
/// A change that breaks readers of this shape gets a new name (<c>…-requested.v2</c>); billing keeps reading v1 while
/// such events can still be in the outbox.
/// </summary>
/// <param name="Source">The requesting module, lower-case letters and hyphens (e.g. <c>training</c>).</param>
/// <param name="SourceReference">The idempotency key within the source (e.g. the enrolment group's id), at most 100 characters; no personal data.</param>
/// <param name="Payer">Who is invoiced.</param>
/// <param name="Lines">What is invoiced, 1 to 20 lines; descriptions name courses, not people.</param>
public sealed record FinnishInvoiceRequested(string Source, string SourceReference, FinnishInvoicePayer Payer, IReadOnlyList<FinnishInvoiceLine> Lines) : IDomainEvent
{
    public static string EventName => "billing.finnish-invoice-requested.v1";
}

/// <summary>
/// The employer invoiced: name and Y-tunnus, where the invoice goes — an e-invoice address (OVT code or IBAN) with its
/// operator's code, or a postal address — the contact person and the buyer's own reference ("viitteenne"), printed on
/// the invoice and written to Finvoice's <c>BuyerReferenceIdentifier</c>.
/// </summary>
public sealed record FinnishInvoicePayer(
    string Name, string BusinessId, string? EInvoiceAddress, string? EInvoiceOperator, string? PostalAddress,
    string ContactName, string ContactEmail, string? ContactPhone = null, string? BuyerReference = null);

/// <summary>One invoice line: <paramref name="UnitPrice"/> in euros without VAT, <paramref name="VatRate"/> in percent (0–100).</summary>
public sealed record FinnishInvoiceLine(string Description, decimal Quantity, decimal UnitPrice, decimal VatRate);

/// <summary>
/// Version 1 of billing's answer: the invoice for the request (<paramref name="Source"/>, <paramref name="SourceReference"/>)
/// was issued. <paramref name="Number"/> is as printed (<c>2026-7</c>), <paramref name="Reference"/> the payment reference
/// (viitenumero or RF), <paramref name="Total"/> in euros with VAT.
/// </summary>
public sealed record FinnishInvoiceIssued(
    string Source, string SourceReference, Guid InvoiceId, string Number, string Reference, DateOnly IssuedOn, DateOnly DueOn, decimal Total, string Currency) : IDomainEvent
{
    public static string EventName => "billing.finnish-invoice-issued.v1";
}

/// <summary>Version 1 of billing's answer when a request cannot be invoiced: every problem, by field (<c>payer.business-id</c>, <c>lines[0].quantity</c>).</summary>
public sealed record FinnishInvoiceRejected(string Source, string SourceReference, IReadOnlyList<FinnishInvoiceProblem> Problems) : IDomainEvent
{
    public static string EventName => "billing.finnish-invoice-rejected.v1";
}

/// <summary>One reason a request was rejected (English; no personal data).</summary>
public sealed record FinnishInvoiceProblem(string Field, string Message);

/// <summary>
/// Version 1 of billing's word that an invoice issued for a request (<paramref name="Source"/>, <paramref name="SourceReference"/>)
/// is settled or went further (ADR 0044): <paramref name="State"/> is <see cref="Paid"/> when a payment was matched to it
/// (a bank statement line or an online payment) or <see cref="InCollection"/> when an operator sent it to debt collection.
/// Published once per state; a requester keeps "paid" once it has it, whatever order the states arrive in.
/// </summary>
public sealed record FinnishInvoiceSettled(string Source, string SourceReference, Guid InvoiceId, string State, DateOnly On) : IDomainEvent
{
    public const string Paid = "paid";

    public const string InCollection = "in-collection";

    public static string EventName => "billing.finnish-invoice-settled.v1";
}
