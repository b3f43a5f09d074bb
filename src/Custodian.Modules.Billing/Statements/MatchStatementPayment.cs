using Custodian.Modules.Billing.Documents;
using Custodian.Privacy.Abstractions.Audit;
using Custodian.Privacy.Abstractions.Events;
using Custodian.Privacy.Abstractions.Protection;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;

namespace Custodian.Modules.Billing.Statements;

/// <summary>A transfer waiting for a person, opened for the statements page.</summary>
internal sealed record UnmatchedTransfer(Guid Id, DateOnly PaidOn, string DocumentNumber, decimal Amount, string? PayerName, string? PayerInn, string Purpose);

/// <summary>
/// The accountant's side of bank transfers: lists the ones no invoice was found for and matches one to an invoice
/// chosen by its number and year. The invoice must be unpaid and of the same amount; matching settles it exactly as an
/// automatic match does, once (a second person matching the same transfer finds it matched).
/// </summary>
internal sealed class MatchStatementPayment(BillingDb db, IPersonalDataVault vault, IEventOutbox outbox, IAuditLog audit, TimeProvider clock)
{
    public async Task<IReadOnlyList<UnmatchedTransfer>> UnmatchedAsync(CancellationToken cancellationToken)
    {
        var waiting = await db.StatementPayments.AsNoTracking().Where(p => p.InvoiceId == null)
            .OrderBy(p => p.PaidOn).ThenBy(p => p.Id).Take(500).ToListAsync(cancellationToken);
        var list = new List<UnmatchedTransfer>(waiting.Count);
        foreach (var p in waiting)
        {
            list.Add(new UnmatchedTransfer(p.Id, p.PaidOn, p.DocumentNumber, p.Amount,
                p.PayerName is null ? null : (await vault.OpenAsync(p.PayerName, ImportStatement.Address(p.Id, "payer_name"), cancellationToken)).ValueOr("[erased]"),
                p.PayerInn is null ? null : (await vault.OpenAsync(p.PayerInn, ImportStatement.Address(p.Id, "payer_inn"), cancellationToken)).ValueOr("[erased]"),
                (await vault.OpenAsync(p.PaymentReference, ImportStatement.Address(p.Id, "payment_reference"), cancellationToken)).ValueOr("[erased]")));
        }

        return list;
    }

    /// <summary>Null when matched; else why not (an English text, the key of its translation).</summary>
    public async Task<string?> MatchAsync(Guid transferId, int invoiceYear, int invoiceNumber, string actor, CancellationToken cancellationToken)
    {
        var transfer = await db.StatementPayments.AsNoTracking().SingleOrDefaultAsync(p => p.Id == transferId, cancellationToken);
        if (transfer is null)
        {
            return "No such transfer.";
        }

        if (transfer.InvoiceId is not null)
        {
            return "This transfer is matched to an invoice already.";
        }

        var invoice = await db.Documents.AsNoTracking().SingleOrDefaultAsync(d => d.Kind == DocumentKind.Invoice && d.Year == invoiceYear && d.Number == invoiceNumber, cancellationToken);
        if (invoice is null)
        {
            return "There is no invoice with this number in this year.";
        }

        if (invoice.Amount != transfer.Amount)
        {
            return "The invoice's amount differs from the transfer's: match a transfer to the invoice it pays in full.";
        }

        var strategy = db.Database.CreateExecutionStrategy();
        var problem = await strategy.ExecuteAsync(async () =>
        {
            db.ChangeTracker.Clear();
            await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
            if (await InvoiceSettlement.IsPaidAsync(db, invoice.Id, cancellationToken))
            {
                return "This invoice is paid already.";
            }

            var now = clock.GetUtcNow().UtcDateTime;
            // Only one person matches it: a concurrent match finds invoice_id set and updates no row.
            var moved = await db.StatementPayments.Where(p => p.Id == transferId && p.InvoiceId == null)
                .ExecuteUpdateAsync(u => u.SetProperty(p => p.InvoiceId, invoice.Id).SetProperty(p => p.MatchedBy, actor).SetProperty(p => p.MatchedAtUtc, now), cancellationToken);
            if (moved == 0)
            {
                return "This transfer is matched to an invoice already.";
            }

            await InvoiceSettlement.SettleAsync(db, outbox, transaction.GetDbTransaction(), transfer, invoice, now, cancellationToken);
            await transaction.CommitAsync(cancellationToken);
            return null;
        });
        if (problem is null)
        {
            await audit.AppendAsync(new AuditEvent(actor, "billing match bank transfer to invoice", Register: "billing", Purpose: "invoicing"), cancellationToken);
        }

        return problem;
    }
}
