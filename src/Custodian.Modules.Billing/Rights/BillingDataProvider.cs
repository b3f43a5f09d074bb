using System.Globalization;
using Custodian.Modules.Billing.Documents;
using Custodian.Modules.Billing.Payers;
using Custodian.Privacy.Abstractions.Identifiers;
using Custodian.Privacy.Abstractions.Protection;
using Custodian.Privacy.Abstractions.Requests;
using Custodian.Privacy.Abstractions.Retention;
using Microsoft.EntityFrameworkCore;

namespace Custodian.Modules.Billing.Rights;

/// <summary>
/// Data-subject requests for <c>billing</c> and <c>billing-fi</c>: the payer's requisites (a sole proprietor's name, INN,
/// OGRNIP, address and account; a contact person's name, e-mail and phone) and the issued documents carrying them.
/// Documents within their accounting period are held (<see cref="HoldReason.AccountingRetention"/>) until its last day,
/// and so is the payer record they belong to; what is past its period goes on erasure.
/// </summary>
internal sealed class BillingDataProvider(BillingDb db, IPersonalDataVault vault, IDeclaredRetention retention, TimeProvider clock) : IPersonalDataProvider
{
    private static readonly string[] Correctable = ["contact_name", "contact_email", "contact_phone", "payer_address"];

    public string Name => "billing";

    public IReadOnlyCollection<string> Registers => AccountingPeriod.Registers;

    public async Task<IReadOnlyList<SubjectId>> FindSubjectsAsync(IReadOnlyList<SubjectIdentifier> identifiers, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(identifiers);
        var found = new HashSet<SubjectId>();
        foreach (var identifier in identifiers)
        {
            var index = identifier.BlindIndex;
            var subjects = identifier.Type switch
            {
                IdentifierType.Inn => await db.Payers.Where(p => p.InnIndex == index).Select(p => p.SubjectId).ToListAsync(cancellationToken),
                IdentifierType.Email => await db.Payers.Where(p => p.EmailIndex == index).Select(p => p.SubjectId).ToListAsync(cancellationToken),
                _ => [],
            };
            found.UnionWith(subjects.Select(s => new SubjectId(s)));
        }

        return [.. found];
    }

    public async Task<IReadOnlyList<ExportedRecord>> ExportAsync(SubjectId subject, string registerId, CancellationToken cancellationToken)
    {
        var records = new List<ExportedRecord>();
        foreach (var payer in await Payers(subject, registerId).OrderBy(p => p.Id).ToListAsync(cancellationToken))
        {
            records.Add(new ExportedRecord(new RecordRef(registerId, "payer", payer.Id.ToString("D")),
            [
                new("payer_name", await OpenAsync(payer, "payer_name", payer.PayerName, cancellationToken)),
                new("payer_inn", await OpenAsync(payer, "payer_inn", payer.PayerInn, cancellationToken)),
                new("payer_ogrnip", await OpenAsync(payer, "payer_ogrnip", payer.PayerOgrnip, cancellationToken)),
                new("payer_address", await OpenAsync(payer, "payer_address", payer.PayerAddress, cancellationToken)),
                new("payer_account", await OpenAsync(payer, "payer_account", payer.PayerAccount, cancellationToken)),
                new("contact_name", await OpenAsync(payer, "contact_name", payer.ContactName, cancellationToken)),
                new("contact_email", await OpenAsync(payer, "contact_email", payer.ContactEmail, cancellationToken)),
                new("contact_phone", await OpenAsync(payer, "contact_phone", payer.ContactPhone, cancellationToken)),
            ], payer.Restricted));
            foreach (var document in await db.Documents.AsNoTracking().Where(d => d.PayerId == payer.Id).OrderBy(d => d.IssuedAtUtc).ThenBy(d => d.Id).ToListAsync(cancellationToken))
            {
                var details = await vault.OpenAsync(document.PayerDetails, DetailsAddress(document.Id), cancellationToken);
                records.Add(new ExportedRecord(new RecordRef(registerId, "document", document.Id.ToString("D")),
                [
                    new("document", DocumentName(document)),
                    new("issued_on", document.IssuedOn.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)),
                    new("amount", document.Amount.ToString("0.00", CultureInfo.InvariantCulture) + " " + document.Currency),
                    new("payment_reference", document.Reference),
                    new("payer_details", details.IsErased ? null : details.Value),
                ], payer.Restricted));
            }

            foreach (var transfer in await Transfers(payer).OrderBy(t => t.PaidOn).ThenBy(t => t.Id).ToListAsync(cancellationToken))
            {
                records.Add(new ExportedRecord(new RecordRef(registerId, "bank-transfer", transfer.Id.ToString("D")),
                [
                    new("paid_on", transfer.PaidOn.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)),
                    new("amount", transfer.Amount.ToString("0.00", CultureInfo.InvariantCulture) + " RUB"),
                    new("payer_name", await OpenTransferAsync(transfer.Id, "payer_name", transfer.PayerName, cancellationToken)),
                    new("payer_inn", await OpenTransferAsync(transfer.Id, "payer_inn", transfer.PayerInn, cancellationToken)),
                    new("payer_account", await OpenTransferAsync(transfer.Id, "payer_account", transfer.PayerAccount, cancellationToken)),
                    new("payment_reference", await OpenTransferAsync(transfer.Id, "payment_reference", transfer.PaymentReference, cancellationToken)),
                ], payer.Restricted));
            }
        }

        return records;
    }

    public async Task<RectificationResult> RectifyAsync(SubjectId subject, RecordRef record, string field, string value, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(record);
        if (record.RecordType == "document")
        {
            return new RectificationResult(RectificationOutcome.NoSuchRecord, "An issued accounting document is never changed; a correction is a new document issued by billing.");
        }

        if (record.RecordType != "payer" || !Guid.TryParse(record.RecordId, out var id)
            || !AccountingPeriod.Registers.Contains(record.Register)
            || await db.Payers.SingleOrDefaultAsync(p => p.Id == id && p.SubjectId == subject.Value && p.Country == AccountingPeriod.CountryOf(record.Register), cancellationToken) is not { } payer)
        {
            return new RectificationResult(RectificationOutcome.NoSuchRecord, "No such payer record of this person.");
        }

        if (!Correctable.Contains(field))
        {
            return new RectificationResult(RectificationOutcome.NoSuchField, "Only the address and the contact name, e-mail and phone can be corrected this way; the name, INN and account are corrected by entering the requisites again.");
        }

        var text = value?.Trim() ?? string.Empty;
        if (text.Length is 0 or > 300 || text.Any(char.IsControl))
        {
            return new RectificationResult(RectificationOutcome.InvalidValue, "The value must be 1-300 characters of text.");
        }

        var scope = SavePayer.Scope(payer, record.Register);
        var address = new FieldAddress(SavePayer.Table, field, payer.Id.ToString("D"));
        switch (field)
        {
            case "contact_email":
                var email = Email.Check(text);
                if (!email.IsValid)
                {
                    return new RectificationResult(RectificationOutcome.InvalidValue, "Not an e-mail address: " + email.Reason + ".");
                }

                payer.ContactEmail = await vault.SealAsync(scope, address, email.Normalised!, cancellationToken);
                payer.EmailIndex = vault.BlindIndexOf(IdentifierType.Email, email.Normalised!);
                break;
            case "contact_phone":
                var phone = Phone.Check(text, payer.Country == "FI" ? "+358" : "+7");
                if (!phone.IsValid)
                {
                    return new RectificationResult(RectificationOutcome.InvalidValue, "Not a phone number: " + phone.Reason + ".");
                }

                payer.ContactPhone = await vault.SealAsync(scope, address, phone.Normalised!, cancellationToken);
                break;
            case "contact_name":
                payer.ContactName = await vault.SealAsync(scope, address, text, cancellationToken);
                break;
            default:
                payer.PayerAddress = await vault.SealAsync(scope, address, text, cancellationToken);
                break;
        }

        payer.UpdatedAtUtc = clock.GetUtcNow().UtcDateTime;
        await db.SaveChangesAsync(cancellationToken);
        return new RectificationResult(RectificationOutcome.Rectified);
    }

    public Task<IReadOnlyList<LegalHold>> HoldsAsync(SubjectId subject, string registerId, CancellationToken cancellationToken) =>
        HoldsAsync([subject], registerId, cancellationToken);

    /// <summary>Documents still within their accounting period, and the payer records they belong to, a chunk of subjects per query.</summary>
    public async Task<IReadOnlyList<LegalHold>> HoldsAsync(IReadOnlyCollection<SubjectId> subjects, string registerId, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(subjects);
        if (!AccountingPeriod.Registers.Contains(registerId))
        {
            return [];
        }

        var country = AccountingPeriod.CountryOf(registerId);
        var today = DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime);
        // Documents issued in this year or later are still kept today (the declared period runs from the end of their year).
        var firstKeptYear = today.Year;
        while (KeptUntil(registerId, new DateOnly(firstKeptYear - 1, 1, 1)) >= today)
        {
            firstKeptYear--;
        }

        var holds = new List<LegalHold>();
        foreach (var chunk in subjects.Select(s => s.Value).Distinct().Chunk(500))
        {
            var rows = await (from p in db.Payers
                              join d in db.Documents on p.Id equals d.PayerId
                              where p.Country == country && chunk.Contains(p.SubjectId) && d.IssuedOn.Year >= firstKeptYear
                              select new { Payer = p.Id, Type = "document", Record = d.Id, Day = d.IssuedOn }).ToListAsync(cancellationToken);
            // A sole proprietor's transfers from imported bank statements are accounting records of the same period.
            rows.AddRange(await (from p in db.Payers
                                 join t in db.StatementPayments on p.InnIndex equals t.InnIndex
                                 where p.Country == country && country == "RU" && p.Kind == PayerKind.SoleProprietor && chunk.Contains(p.SubjectId) && t.PaidOn.Year >= firstKeptYear
                                 select new { Payer = p.Id, Type = "bank-transfer", Record = t.Id, Day = t.PaidOn }).ToListAsync(cancellationToken));
            foreach (var payer in rows.GroupBy(r => r.Payer))
            {
                var until = payer.Max(r => KeptUntil(registerId, r.Day));
                holds.Add(new LegalHold(new RecordRef(registerId, "payer", payer.Key.ToString("D")), HoldReason.AccountingRetention, PayerExplanation(registerId), until));
                holds.AddRange(payer.Select(r => new LegalHold(new RecordRef(registerId, r.Type, r.Record.ToString("D")), HoldReason.AccountingRetention,
                    DocumentExplanation(registerId), KeptUntil(registerId, r.Day))));
            }
        }

        return holds;
    }

    /// <summary>Deletes the documents past their period, and the payer record once none of its documents is kept; held ones are restricted.</summary>
    public async Task<ErasureResult> EraseAsync(SubjectId subject, string registerId, CancellationToken cancellationToken)
    {
        var held = await HoldsAsync(subject, registerId, cancellationToken);
        var keep = held.Select(h => Guid.Parse(h.Record.RecordId)).ToHashSet();
        var payers = await Payers(subject, registerId).Select(p => p.Id).ToListAsync(cancellationToken);
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        // Bulk statements on purpose: BillingDb refuses changes to issued documents through the change tracker.
        var documents = await db.Documents.Where(d => payers.Contains(d.PayerId)).Select(d => d.Id).ToListAsync(cancellationToken);
        var goneDocuments = documents.Where(d => !keep.Contains(d)).ToList();
        var gonePayers = payers.Where(p => !keep.Contains(p)).ToList();
        var transfers = new List<Guid>();
        foreach (var payer in await Payers(subject, registerId).ToListAsync(cancellationToken))
        {
            transfers.AddRange(await Transfers(payer).Select(t => t.Id).ToListAsync(cancellationToken));
        }

        var goneTransfers = transfers.Where(t => !keep.Contains(t)).ToList();
        await db.StatementPayments.Where(t => goneTransfers.Contains(t.Id)).ExecuteDeleteAsync(cancellationToken);
        await db.Documents.Where(d => goneDocuments.Contains(d.Id)).ExecuteDeleteAsync(cancellationToken);
        await db.Payers.Where(p => gonePayers.Contains(p.Id)).ExecuteDeleteAsync(cancellationToken);
        await db.Payers.Where(p => payers.Contains(p.Id) && keep.Contains(p.Id)).ExecuteUpdateAsync(u => u.SetProperty(p => p.Restricted, true), cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return new ErasureResult(goneTransfers.Count + goneDocuments.Count + gonePayers.Count, 0, held);
    }

    public async Task<int> RestrictAsync(SubjectId subject, string registerId, bool restricted, CancellationToken cancellationToken)
    {
        var payers = await Payers(subject, registerId).Select(p => p.Id).ToListAsync(cancellationToken);
        await db.Payers.Where(p => payers.Contains(p.Id)).ExecuteUpdateAsync(u => u.SetProperty(p => p.Restricted, restricted), cancellationToken);
        return payers.Count + await db.Documents.CountAsync(d => payers.Contains(d.PayerId), cancellationToken);
    }

    /// <summary>Transfers a sole proprietor paid from a bank statement, found by the INN's blind index (an organisation's are not personal data).</summary>
    private IQueryable<Statements.StatementPaymentRecord> Transfers(PayerRecord payer) =>
        payer.Kind == PayerKind.SoleProprietor && payer.Country == "RU" && payer.InnIndex is { } inn
            ? db.StatementPayments.AsNoTracking().Where(t => t.InnIndex == inn)
            : db.StatementPayments.Where(_ => false);

    private async Task<string?> OpenTransferAsync(Guid transfer, string column, Encrypted<string>? value, CancellationToken cancellationToken) =>
        value is null ? null
        : (await vault.OpenAsync(value, Statements.ImportStatement.Address(transfer, column), cancellationToken)) is { IsErased: false } opened ? opened.Value : null;

    internal static FieldAddress DetailsAddress(Guid document) => new("billing_documents", "payer_details", document.ToString("D"));

    private IQueryable<PayerRecord> Payers(SubjectId subject, string registerId)
    {
        var country = AccountingPeriod.CountryOf(registerId);
        return AccountingPeriod.Registers.Contains(registerId)
            ? db.Payers.AsNoTracking().Where(p => p.SubjectId == subject.Value && p.Country == country)
            : db.Payers.Where(_ => false);
    }

    private async Task<string?> OpenAsync(PayerRecord payer, string column, Encrypted<string>? value, CancellationToken cancellationToken) =>
        value is null ? null
        : (await vault.OpenAsync(value, new FieldAddress(SavePayer.Table, column, payer.Id.ToString("D")), cancellationToken)) is { IsErased: false } opened ? opened.Value : null;

    private static string DocumentName(DocumentRecord document) => document.Kind switch
    {
        DocumentKind.Invoice => string.Create(CultureInfo.InvariantCulture, $"invoice {document.Number}/{document.Year}"),
        DocumentKind.Act => string.Create(CultureInfo.InvariantCulture, $"act {document.Number}/{document.Year}"),
        _ => string.Create(CultureInfo.InvariantCulture, $"Finnish invoice {document.Number}/{document.Year}"),
    };

    /// <summary>The last day a document issued on <paramref name="issuedOn"/> is kept: the payer category's declared period from the end of its year.</summary>
    private DateOnly KeptUntil(string registerId, DateOnly issuedOn) =>
        retention.LastKeptDay(registerId, AccountingPeriod.Category, AccountingPeriod.EndOfYearDay(issuedOn.Year));

    private static string DocumentExplanation(string registerId) => registerId == AccountingPeriod.Finnish
        ? "An invoice is an accounting voucher: the Accounting Act (kirjanpitolaki 2:10) keeps it six years after the end of the accounting year."
        : "An invoice or act is a primary accounting document: Federal Law 402-FZ art. 29 keeps it five years after the year it was issued.";

    private static string PayerExplanation(string registerId) => registerId == AccountingPeriod.Finnish
        ? "The payer's details are on invoices the Accounting Act (kirjanpitolaki 2:10) still keeps; they go with the last of them."
        : "The payer's requisites are on documents Federal Law 402-FZ art. 29 still keeps; they go with the last of them.";
}
