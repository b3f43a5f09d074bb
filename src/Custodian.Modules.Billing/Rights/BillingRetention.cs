using Custodian.Privacy.Abstractions.Protection;
using Custodian.Privacy.Abstractions.Requests;
using Custodian.Privacy.Abstractions.Retention;
using Microsoft.EntityFrameworkCore;

namespace Custodian.Modules.Billing.Rights;

/// <summary>
/// The declared retention of <c>billing</c> and <c>billing-fi</c>. <c>payer</c> (end of the accounting year): a document
/// is due from the end of its year of issue, a payer record from the end of the year of its last document (or of its
/// last change when it has none) — so requisites go with the last document that carries them. <c>contact-person</c>
/// (contract ended): billing does not see a contract end, so the last activity stands for it (the requisites saved or
/// a document issued); the contact fields are then deleted and the payer record stays for its documents.
/// </summary>
internal sealed class BillingRetention(BillingDb db) : IRetentionTarget
{
    public string Name => "billing";

    public IReadOnlyCollection<string> Registers => AccountingPeriod.Registers;

    public IReadOnlyCollection<string> Categories(string registerId) => ["payer", "contact-person"];

    public async Task<IReadOnlyList<DueRecord>> FindDueAsync(string registerId, string category, DateTimeOffset cutoff, string? after, int batchSize, CancellationToken cancellationToken)
    {
        var country = AccountingPeriod.CountryOf(registerId);
        var payers = await db.Payers.AsNoTracking().Where(p => p.Country == country)
            .Select(p => new { p.Id, p.SubjectId, p.UpdatedAtUtc, p.ContactName, p.ContactEmail, p.ContactPhone, LastYear = db.Documents.Where(d => d.PayerId == p.Id).Max(d => (int?)d.IssuedOn.Year), LastIssued = db.Documents.Where(d => d.PayerId == p.Id).Max(d => (DateTime?)d.IssuedAtUtc) })
            .ToListAsync(cancellationToken);
        var due = new List<DueRecord>();
        if (category == "contact-person")
        {
            foreach (var p in payers.Where(p => p.ContactName is not null || p.ContactEmail is not null || p.ContactPhone is not null))
            {
                var last = new DateTimeOffset(DateTime.SpecifyKind(p.LastIssued is { } issued && issued > p.UpdatedAtUtc ? issued : p.UpdatedAtUtc, DateTimeKind.Utc));
                if (last <= cutoff)
                {
                    due.Add(new DueRecord(new RecordRef(registerId, "payer", p.Id.ToString("D")), new SubjectId(p.SubjectId), last));
                }
            }
        }
        else if (category == "payer")
        {
            foreach (var p in payers)
            {
                var end = AccountingPeriod.EndOfYear(p.LastYear ?? p.UpdatedAtUtc.Year);
                if (end <= cutoff)
                {
                    due.Add(new DueRecord(new RecordRef(registerId, "payer", p.Id.ToString("D")), new SubjectId(p.SubjectId), end));
                }
            }

            var subjects = payers.ToDictionary(p => p.Id, p => p.SubjectId);
            var lastDueYear = cutoff.UtcDateTime.Year - 1;
            var documents = await db.Documents.AsNoTracking().Where(d => d.IssuedOn.Year <= lastDueYear && db.Payers.Any(p => p.Id == d.PayerId && p.Country == country))
                .Select(d => new { d.Id, d.PayerId, d.IssuedOn }).ToListAsync(cancellationToken);
            due.AddRange(documents.Where(d => AccountingPeriod.EndOfYear(d.IssuedOn.Year) <= cutoff)
                .Select(d => new DueRecord(new RecordRef(registerId, "document", d.Id.ToString("D")), subjects.TryGetValue(d.PayerId, out var s) ? new SubjectId(s) : null, AccountingPeriod.EndOfYear(d.IssuedOn.Year))));
            if (country == "RU")
            {
                // Bank-statement transfers are accounting records too; their subject is the sole proprietor with that INN, if any.
                var soleProprietors = await db.Payers.AsNoTracking().Where(p => p.Country == country && p.Kind == Payers.PayerKind.SoleProprietor && p.InnIndex != null)
                    .Select(p => new { p.InnIndex, p.SubjectId }).ToListAsync(cancellationToken);
                var transfers = await db.StatementPayments.AsNoTracking().Where(t => t.PaidOn.Year <= lastDueYear)
                    .Select(t => new { t.Id, t.InnIndex, t.PaidOn }).ToListAsync(cancellationToken);
                due.AddRange(transfers.Where(t => AccountingPeriod.EndOfYear(t.PaidOn.Year) <= cutoff).Select(t => new DueRecord(new RecordRef(registerId, "bank-transfer", t.Id.ToString("D")),
                    soleProprietors.FirstOrDefault(p => t.InnIndex is not null && p.InnIndex!.AsSpan().SequenceEqual(t.InnIndex)) is { } owner ? new SubjectId(owner.SubjectId) : null,
                    AccountingPeriod.EndOfYear(t.PaidOn.Year))));
            }
        }

        return [.. due.Where(r => after is null || string.CompareOrdinal(Key(r.Record), after) > 0)
            .OrderBy(r => Key(r.Record), StringComparer.Ordinal).Take(batchSize)];
    }

    public async Task<int> ApplyAsync(string registerId, string category, RetentionTreatment treatment, IReadOnlyList<DueRecord> records, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(records);
        var payers = Ids(records, "payer");
        if (category == "contact-person")
        {
            return await db.Payers.Where(p => payers.Contains(p.Id)).ExecuteUpdateAsync(u => u
                .SetProperty(p => p.ContactName, (Encrypted<string>?)null)
                .SetProperty(p => p.ContactEmail, (Encrypted<string>?)null)
                .SetProperty(p => p.ContactPhone, (Encrypted<string>?)null)
                .SetProperty(p => p.EmailIndex, (byte[]?)null), cancellationToken);
        }

        var documents = Ids(records, "document");
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        // Bulk statements on purpose: BillingDb refuses changes to issued documents through the change tracker.
        var transfers = Ids(records, "bank-transfer");
        var changed = await db.StatementPayments.Where(t => transfers.Contains(t.Id)).ExecuteDeleteAsync(cancellationToken);
        changed += await db.Documents.Where(d => documents.Contains(d.Id)).ExecuteDeleteAsync(cancellationToken);
        // A payer goes only once none of its documents is left; when its last one comes in a later batch, the next sweep takes the payer.
        changed += await db.Payers.Where(p => payers.Contains(p.Id) && !db.Documents.Any(d => d.PayerId == p.Id)).ExecuteDeleteAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return changed;
    }

    /// <summary>The stable order the sweep pages by (it passes the last record id back); payer and document ids are distinct Guids.</summary>
    private static string Key(RecordRef record) => record.RecordId;

    private static List<Guid> Ids(IReadOnlyList<DueRecord> records, string type) =>
        [.. records.Where(r => r.Record.RecordType == type).Select(r => Guid.TryParse(r.Record.RecordId, out var id) ? id : Guid.Empty).Where(id => id != Guid.Empty)];
}
