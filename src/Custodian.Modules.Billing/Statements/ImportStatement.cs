using System.Security.Cryptography;
using System.Text;
using Custodian.Modules.Billing.Documents;
using Custodian.Privacy.Abstractions.Audit;
using Custodian.Privacy.Abstractions.Events;
using Custodian.Privacy.Abstractions.Protection;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Custodian.Modules.Billing.Statements;

/// <summary>What an import did, in counts (no payer's data).</summary>
internal sealed record StatementImport(int Incoming, int New, int AlreadyImported, int Matched, int Unmatched, int Outgoing);

/// <summary>
/// Imports a bank statement of the supplier's account: each incoming transfer is stored once (by its
/// <see cref="StatementPaymentRecord.LineKey"/>) and matched to the open invoice its purpose names when the amount and
/// the payer's INN agree; that invoice is settled (<see cref="InvoiceSettlement"/>) in the same transaction. Anything
/// else waits for a person on the statements page. A file that does not parse stores nothing.
/// </summary>
internal sealed partial class ImportStatement(
    BillingDb db, IssueDocuments documents, IPersonalDataVault vault, IEventOutbox outbox, IAuditLog audit, IOptions<SupplierOptions> supplier, TimeProvider clock, ILogger<ImportStatement> log)
{
    public async Task<(StatementImport? Result, StatementProblem? Problem)> ImportAsync(ReadOnlyMemory<byte> file, string actor, CancellationToken cancellationToken)
    {
        var (statement, problem) = BankStatementFormat.Parse(file.Span);
        if (statement is null)
        {
            return (null, problem);
        }

        var ours = supplier.Value.Account;
        if (statement.Account is { } account && account != ours)
        {
            return (null, new StatementProblem("This is a statement of account {0}, not of the supplier's account {1}.", account, ours));
        }

        var incoming = statement.Entries.Where(e => e.PayeeAccount == ours || (e.PayeeAccount is null && e.PayeeInn == supplier.Value.Inn)).ToList();
        int fresh = 0, known = 0, matched = 0;
        foreach (var entry in incoming)
        {
            switch (await StoreAsync(entry, cancellationToken))
            {
                case Stored.AlreadyImported:
                    known++;
                    break;
                case Stored.Matched:
                    fresh++;
                    matched++;
                    break;
                default:
                    fresh++;
                    break;
            }
        }

        var result = new StatementImport(incoming.Count, fresh, known, matched, fresh - matched, statement.Entries.Count - incoming.Count);
        await audit.AppendAsync(new AuditEvent(actor, $"billing import statement ({result.New} new, {result.Matched} matched)", Register: "billing", Purpose: "invoicing"), cancellationToken);
        LogImported(log, result.Incoming, result.New, result.AlreadyImported, result.Matched);
        return (result, null);
    }

    private enum Stored
    {
        AlreadyImported,
        Matched,
        Unmatched,
    }

    private async Task<Stored> StoreAsync(StatementEntry entry, CancellationToken cancellationToken)
    {
        var key = LineKey(entry);
        if (await db.StatementPayments.AnyAsync(p => p.LineKey == key, cancellationToken))
        {
            return Stored.AlreadyImported;
        }

        var id = Guid.CreateVersion7(clock.GetUtcNow());
        var scope = KeyScope.Purpose("billing", "invoicing");
        var transfer = new StatementPaymentRecord
        {
            Id = id,
            LineKey = key,
            PaidOn = entry.Received ?? entry.Date,
            DocumentNumber = entry.Number,
            Amount = entry.Amount,
            PayerName = entry.PayerName is null ? null : await vault.SealAsync(scope, Address(id, "payer_name"), entry.PayerName, cancellationToken),
            PayerInn = entry.PayerInn is null ? null : await vault.SealAsync(scope, Address(id, "payer_inn"), entry.PayerInn, cancellationToken),
            InnIndex = entry.PayerInn is null ? null : vault.BlindIndex("inn", entry.PayerInn),
            PayerAccount = entry.PayerAccount is null ? null : await vault.SealAsync(scope, Address(id, "payer_account"), entry.PayerAccount, cancellationToken),
            PaymentReference = await vault.SealAsync(scope, Address(id, "payment_reference"), entry.Purpose, cancellationToken),
            ImportedAtUtc = clock.GetUtcNow().UtcDateTime,
        };
        var invoice = await FindInvoiceAsync(entry, cancellationToken);
        try
        {
            var strategy = db.Database.CreateExecutionStrategy();
            return await strategy.ExecuteAsync(async () =>
            {
                db.ChangeTracker.Clear();
                await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
                // Checked again inside the transaction: an online payment may have settled it since.
                var settle = invoice is not null && !await InvoiceSettlement.IsPaidAsync(db, invoice.Id, cancellationToken);
                if (settle)
                {
                    transfer.InvoiceId = invoice!.Id;
                    transfer.MatchedBy = "statement";
                    transfer.MatchedAtUtc = transfer.ImportedAtUtc;
                }

                db.StatementPayments.Add(transfer);
                await db.SaveChangesAsync(cancellationToken);
                if (settle)
                {
                    await InvoiceSettlement.SettleAsync(db, outbox, transaction.GetDbTransaction(), transfer, invoice!, transfer.ImportedAtUtc, cancellationToken);
                }

                await transaction.CommitAsync(cancellationToken);
                return settle ? Stored.Matched : Stored.Unmatched;
            });
        }
        catch (DbUpdateException)
        {
            db.ChangeTracker.Clear();
            if (await db.StatementPayments.AsNoTracking().AnyAsync(p => p.LineKey == key, cancellationToken))
            {
                return Stored.AlreadyImported; // a parallel import of the same statement stored it first
            }

            throw;
        }
    }

    /// <summary>The one open invoice the purpose names whose amount and payer INN are the transfer's; else none.</summary>
    private async Task<DocumentRecord?> FindInvoiceAsync(StatementEntry entry, CancellationToken cancellationToken)
    {
        if (entry.PayerInn is null)
        {
            return null;
        }

        var candidates = new List<DocumentRecord>();
        foreach (var (number, year) in InvoiceReferences.Find(entry.Purpose))
        {
            // Without a date the invoice is of the payment's year, or of the year before when paid in January.
            int[] years = year is { } y ? [y] : [entry.Date.Year, entry.Date.Year - 1];
            var found = await db.Documents.AsNoTracking()
                .Where(d => d.Kind == DocumentKind.Invoice && d.Number == number && years.Contains(d.Year) && d.Amount == entry.Amount)
                .ToListAsync(cancellationToken);
            foreach (var invoice in found)
            {
                if ((await documents.OpenPayerAsync(invoice, cancellationToken)).Inn == entry.PayerInn && !await InvoiceSettlement.IsPaidAsync(db, invoice.Id, cancellationToken)
                    && candidates.All(c => c.Id != invoice.Id))
                {
                    candidates.Add(invoice);
                }
            }
        }

        return candidates.Count == 1 ? candidates[0] : null;
    }

    /// <summary>The same payment order in any statement: date, number, amount, payer's INN and account.</summary>
    internal static string LineKey(StatementEntry entry) =>
        Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(string.Join('\u001f',
            entry.Date.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture), entry.Number,
            entry.Amount.ToString("0.00", System.Globalization.CultureInfo.InvariantCulture), entry.PayerInn ?? string.Empty, entry.PayerAccount ?? string.Empty))));

    internal static FieldAddress Address(Guid id, string column) => new("billing_statement_payments", column, id.ToString("D"));

    [LoggerMessage(Level = LogLevel.Information, Message = "Bank statement imported: {Incoming} incoming transfers, {New} new, {Known} imported before, {Matched} matched to invoices")]
    private static partial void LogImported(ILogger logger, int incoming, int @new, int known, int matched);
}
