using System.Text.Json;
using Custodian.Modules.Billing.Documents;
using Custodian.Modules.Billing.Payers;
using Custodian.Privacy.Abstractions.Events;
using Custodian.Privacy.Abstractions.Identifiers;
using Custodian.Privacy.Abstractions.Time;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;

namespace Custodian.Modules.Billing.Invoicing;

/// <summary>What became of a request: the invoice issued now, the one issued before under the same key, or why none was.</summary>
internal sealed record EmployerInvoiceOutcome(DocumentRecord? Issued, Guid? IssuedBefore, IReadOnlyList<RequestProblem> Problems)
{
    public Guid? InvoiceId => Issued?.Id ?? IssuedBefore;
}

/// <summary>
/// Invoices a Finnish employer for a request keyed by (source, source reference) — from another module's event
/// (<see cref="InvoiceEmployerOnRequest"/>), an accountant's form or the CLI — once per key (ADR 0029). The key is
/// claimed in <c>billing_invoice_requests</c> with <c>INSERT … ON CONFLICT DO NOTHING</c> in the transaction that numbers
/// and stores the invoice and publishes <c>billing.finnish-invoice-issued.v1</c>, so repeats and concurrent attempts
/// (on PostgreSQL the second waits for the first's row, then finds it taken) change nothing.
/// </summary>
internal sealed class IssueEmployerInvoice(BillingDb db, SavePayer payers, IssueFinnishInvoice finnish, IEventOutbox outbox, TimeProvider clock)
{
    /// <summary>The source of requests made by billing's own staff (page and CLI).</summary>
    public const string Staff = "billing";

    /// <summary>Every problem with the request (key, payer, lines, due date), through the kernel's validators.</summary>
    public List<RequestProblem> Problems(FinnishInvoiceRequested? request, DateOnly? dueOn = null)
    {
        var problems = new List<RequestProblem>();
        if (request is null)
        {
            problems.Add(new("request", "The request is not a readable billing.finnish-invoice-requested.v1 event."));
            return problems;
        }

        if (KeyProblem(request) is { } key)
        {
            problems.Add(key);
        }

        if (request.Payer is not { } payer)
        {
            problems.Add(new("payer", "The payer is missing."));
        }
        else
        {
            var form = new FinnishPayerForm(payer.Name, payer.BusinessId, payer.EInvoiceAddress, payer.EInvoiceOperator, payer.PostalAddress, payer.ContactName, payer.ContactEmail, payer.ContactPhone);
            problems.AddRange(form.Problems().Select(p => new RequestProblem("payer." + p.Field, p.Message, p.Reason)));
            if (payer.BuyerReference is { } buyerReference && buyerReference.Trim().Length > 70)
            {
                problems.Add(new("payer.buyer-reference", "The buyer's reference is at most 70 characters."));
            }
        }

        problems.AddRange(InvoiceLines.Problems(request.Lines).Select(p => new RequestProblem(p.Field, p.Message)));
        var today = LocalDays.Helsinki(clock.GetUtcNow());
        if (dueOn is { } due && (due < today || due > today.AddDays(365)))
        {
            problems.Add(new("due-date", "The due date is today or later, within a year."));
        }

        return problems;
    }

    /// <summary>Without a usable key the request cannot be told apart from its repeats.</summary>
    public static RequestProblem? KeyProblem(FinnishInvoiceRequested request) =>
        request.Source is not { Length: > 0 and <= 40 } source || !source.All(c => char.IsAsciiLetterLower(c) || c == '-') ? new("source", "The source is the requesting module's name: 1 to 40 lower-case letters and hyphens.")
        : string.IsNullOrWhiteSpace(request.SourceReference) || request.SourceReference.Trim().Length > 100 || request.SourceReference.Any(char.IsControl) ? new("source-reference", "The source reference is required: at most 100 characters, no control characters.")
        : null;

    /// <summary>
    /// Issues the invoice of a request, or finds the one issued before under its key; <paramref name="eventId"/> is the
    /// event handled (a new id for a form or a CLI run). Problems are returned, never stored: see <see cref="RejectAsync"/>.
    /// </summary>
    public async Task<EmployerInvoiceOutcome> IssueAsync(FinnishInvoiceRequested request, Guid eventId, DateOnly? dueOn, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var problems = Problems(request, dueOn);
        if (problems.Count > 0)
        {
            return new(null, null, problems);
        }

        var (source, reference) = (request.Source, request.SourceReference.Trim());
        if (await IssuedBeforeAsync(source, reference, cancellationToken) is { } before)
        {
            return new(null, before, []);
        }

        var payer = request.Payer;
        var account = Account(source, payer.BusinessId);
        if (await Payers.PayerRestriction.IsRestrictedAsync(db, account, cancellationToken))
        {
            // Restricted at a person's request: the stored requisites are neither updated nor used for a new invoice.
            return new(null, null, [new("payer", Payers.PayerRestriction.Message)]);
        }

        var saved = await payers.FinnishAsync(account, new FinnishPayerForm(payer.Name, payer.BusinessId, payer.EInvoiceAddress, payer.EInvoiceOperator, payer.PostalAddress, payer.ContactName, payer.ContactEmail, payer.ContactPhone), cancellationToken);
        if (saved.Count > 0)
        {
            throw new InvalidOperationException("The payer was checked but not saved.");
        }

        var invoice = await finnish.PrepareAsync(account, InvoiceLines.Normalise(request.Lines), payer.BuyerReference, dueOn, cancellationToken)
            ?? throw new InvalidOperationException("The payer just saved was not found.");
        var issued = false;
        var strategy = db.Database.CreateExecutionStrategy();
        await strategy.ExecuteAsync(async () =>
        {
            db.ChangeTracker.Clear();
            issued = false;
            await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
            if (!await ClaimAsync(source, reference, eventId, InvoiceRequestRecord.Issued, invoice.Id, null, cancellationToken))
            {
                return; // issued by another delivery or attempt in the meantime
            }

            await finnish.StoreAsync(transaction, invoice, cancellationToken);
            await outbox.AddAsync(transaction.GetDbTransaction(), new FinnishInvoiceIssued(
                source, reference, invoice.Id, FinvoiceMessage.Number(invoice), invoice.Reference!, invoice.IssuedOn, invoice.DueOn!.Value, invoice.Amount, "EUR"), cancellationToken);
            await transaction.CommitAsync(cancellationToken);
            issued = true;
        });
        return issued ? new(invoice, null, []) : new(null, await IssuedBeforeAsync(source, reference, cancellationToken), []);
    }

    /// <summary>
    /// Stores the rejection of an event's request under its key (the event id under the source <c>invalid</c> when the
    /// key itself is unusable) and answers with <c>billing.finnish-invoice-rejected.v1</c>. False when this event was
    /// handled before or the key is issued already.
    /// </summary>
    public async Task<bool> RejectAsync(FinnishInvoiceRequested? request, Guid eventId, IReadOnlyList<RequestProblem> problems, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(problems);
        var usable = request is not null && KeyProblem(request) is null;
        var (source, reference) = usable ? (request!.Source, request.SourceReference.Trim()) : ("invalid", eventId.ToString("D"));
        var json = JsonSerializer.Serialize(problems, EventJson.Options);
        var rejected = false;
        var strategy = db.Database.CreateExecutionStrategy();
        await strategy.ExecuteAsync(async () =>
        {
            db.ChangeTracker.Clear();
            rejected = false;
            await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
            if (!await ClaimAsync(source, reference, eventId, InvoiceRequestRecord.Rejected, null, json, cancellationToken))
            {
                return;
            }

            await outbox.AddAsync(transaction.GetDbTransaction(), new FinnishInvoiceRejected(
                request?.Source ?? string.Empty, request?.SourceReference ?? string.Empty, [.. problems.Select(p => new FinnishInvoiceProblem(p.Field, p.English))]), cancellationToken);
            await transaction.CommitAsync(cancellationToken);
            rejected = true;
        });
        return rejected;
    }

    /// <summary>Whether this very event was handled under its key already (its rejection delivered again).</summary>
    public async Task<bool> HandledAsync(string source, string reference, Guid eventId, CancellationToken cancellationToken) =>
        await db.InvoiceRequests.AsNoTracking().AnyAsync(r => r.Source == source && r.SourceReference == reference.Trim() && r.EventId == eventId, cancellationToken);

    /// <summary>The payer account an employer is invoiced under: per requesting source and Y-tunnus.</summary>
    internal static string Account(string source, string businessId) => $"{source}:{YTunnus.Check(businessId).Normalised ?? businessId.Trim()}";

    private async Task<Guid?> IssuedBeforeAsync(string source, string reference, CancellationToken cancellationToken) =>
        await db.InvoiceRequests.AsNoTracking()
            .Where(r => r.Source == source && r.SourceReference == reference && r.Status == InvoiceRequestRecord.Issued)
            .Select(r => r.InvoiceId).SingleOrDefaultAsync(cancellationToken);

    /// <summary>
    /// Takes the key: a new key, or one whose last request was rejected by another event. False when the key is issued
    /// already or this event was handled: the caller changes nothing.
    /// </summary>
    private async Task<bool> ClaimAsync(string source, string reference, Guid eventId, string status, Guid? invoiceId, string? problems, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        var inserted = await db.Database.ExecuteSqlAsync(
            $"INSERT INTO billing_invoice_requests (source, source_reference, event_id, status, received_at_utc) VALUES ({source}, {reference}, {eventId}, {status}, {now}) ON CONFLICT (source, source_reference) DO NOTHING",
            cancellationToken);
        var claimed = inserted == 1 || await db.Database.ExecuteSqlAsync(
            $"UPDATE billing_invoice_requests SET event_id = {eventId}, status = {status}, received_at_utc = {now} WHERE source = {source} AND source_reference = {reference} AND status = {InvoiceRequestRecord.Rejected} AND event_id <> {eventId}",
            cancellationToken) == 1;
        if (claimed)
        {
            var row = await db.InvoiceRequests.SingleAsync(r => r.Source == source && r.SourceReference == reference, cancellationToken);
            row.InvoiceId = invoiceId;
            row.Problems = problems;
            await db.SaveChangesAsync(cancellationToken);
        }

        return claimed;
    }
}
