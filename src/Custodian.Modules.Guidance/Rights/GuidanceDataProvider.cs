using System.Globalization;
using Custodian.Modules.Guidance.Clients;
using Custodian.Modules.Guidance.Programmes;
using Custodian.Modules.Guidance.Sections;
using Custodian.Privacy.Abstractions.Audit;
using Custodian.Privacy.Abstractions.Identifiers;
using Custodian.Privacy.Abstractions.Protection;
using Custodian.Privacy.Abstractions.Requests;
using Microsoft.EntityFrameworkCore;

namespace Custodian.Modules.Guidance.Rights;

/// <summary>
/// Data-subject requests for the register where the provider is controller (<c>guidance</c>): a client's basic data,
/// written consents, entries with every version, and the access list (which organisations and roles viewed the record).
/// In the city variant the city is controller: the kernel forwards requests about <c>guidance-city</c> to it, and carries
/// out through this provider what the city's admin approves in the app (ADR 0025). Legal holds keep a record from erasure.
/// </summary>
internal sealed class GuidanceDataProvider(GuidanceDb db, IPersonalDataVault vault, LegalHolds legalHolds, IAccessTrail trail) : IPersonalDataProvider
{
    private static readonly string[] Correctable = ["first_name", "last_name", "address", "phone", "email"];

    public string Name => "guidance";

    public IReadOnlyCollection<string> Registers { get; } = [.. GuidanceRegisters.All];

    public async Task<IReadOnlyList<SubjectId>> FindSubjectsAsync(IReadOnlyList<SubjectIdentifier> identifiers, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(identifiers);
        var found = new HashSet<SubjectId>();
        foreach (var identifier in identifiers)
        {
            var index = identifier.BlindIndex;
            var clients = db.Clients;
            var subjects = identifier.Type switch
            {
                IdentifierType.Hetu => await clients.Where(c => c.HetuIndex == index).Select(c => c.SubjectId).ToListAsync(cancellationToken),
                IdentifierType.Email => await clients.Where(c => c.EmailIndex == index).Select(c => c.SubjectId).ToListAsync(cancellationToken),
                _ => [],
            };
            found.UnionWith(subjects);
        }

        return [.. found];
    }

    public async Task<IReadOnlyList<ExportedRecord>> ExportAsync(SubjectId subject, string registerId, CancellationToken cancellationToken)
    {
        var records = new List<ExportedRecord>();
        foreach (var client in await Clients(registerId).Where(c => c.SubjectId == subject).OrderBy(c => c.CreatedAtUtc).ToListAsync(cancellationToken))
        {
            var row = client.Id.ToString("N");
            records.Add(new ExportedRecord(new RecordRef(registerId, "client", client.Id.ToString("D")),
            [
                new("first_name", await OpenAsync(client.FirstName, CreateClient.Field("first_name", row), cancellationToken)),
                new("last_name", await OpenAsync(client.LastName, CreateClient.Field("last_name", row), cancellationToken)),
                new("birth_date", (await vault.OpenAsync(client.BirthDate, CreateClient.Field("birth_date", row), cancellationToken)) is { IsErased: false } born ? born.Value.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) : null),
                new("hetu", await OpenAsync(client.Hetu, CreateClient.Field("hetu", row), cancellationToken)),
                new("address", client.Address is null ? null : await OpenAsync(client.Address, CreateClient.Field("address", row), cancellationToken)),
                new("phone", client.Phone is null ? null : await OpenAsync(client.Phone, CreateClient.Field("phone", row), cancellationToken)),
                new("email", client.Email is null ? null : await OpenAsync(client.Email, CreateClient.Field("email", row), cancellationToken)),
                new("gender", client.Gender is null ? null : await OpenAsync(client.Gender, CreateClient.Field("gender", row), cancellationToken)),
                new("education", client.Education is null ? null : await OpenAsync(client.Education, CreateClient.Field("education", row), cancellationToken)),
            ], client.Restricted));
            foreach (var consent in await db.Consents.Where(c => c.ClientId == client.Id).OrderBy(c => c.Sequence).ToListAsync(cancellationToken))
            {
                records.Add(new ExportedRecord(new RecordRef(registerId, "written-consent", consent.Id.ToString("D")),
                [
                    new("areas", consent.Areas), new("shared_with_sending_organisation", consent.SharedAreas),
                    new("consent_document_reference", await OpenAsync(consent.DocumentReference, new FieldAddress(WrittenConsentRecord.Table, "consent_document_reference", consent.Id.ToString("N")), cancellationToken)),
                    new("signed_on", consent.SignedOn.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)), new("notice_version", consent.NoticeVersion),
                    new("withdrawal", consent.Withdrawal ? "yes" : "no"), new("recorded_at", Utc(consent.RecordedAtUtc)),
                ], client.Restricted));
            }

            var entries = await db.Entries.Where(e => e.ClientId == client.Id).OrderBy(e => e.CreatedAtUtc).ToListAsync(cancellationToken);
            var ids = entries.Select(e => e.Id).ToList();
            var versions = await db.EntryVersions.Where(v => ids.Contains(v.EntryId)).ToListAsync(cancellationToken);
            foreach (var entry in entries)
            {
                foreach (var version in versions.Where(v => v.EntryId == entry.Id).OrderBy(v => v.Version))
                {
                    var field = EntryVersionRecord.Column(entry.Kind);
                    var text = (entry.Kind == EntryKind.Assessment ? version.AssessmentText : version.NoteText)!;
                    records.Add(new ExportedRecord(new RecordRef(registerId, entry.Kind == EntryKind.Assessment ? "assessment" : "coaching-entry", $"{entry.Id:D}/{version.Version}"),
                    [
                        new(field, await OpenAsync(text, SectionEntries.Field(entry.Kind, entry.Id, version.Version), cancellationToken)),
                        new("area", ConsentAreas.Key(entry.Area)), new("version", version.Version.ToString(CultureInfo.InvariantCulture)), new("written_at", Utc(version.WrittenAtUtc)),
                    ], client.Restricted));
                }
            }

            foreach (var set in await db.QuestionSets.Where(q => q.ClientId == client.Id).OrderBy(q => q.SentAtUtc).ToListAsync(cancellationToken))
            {
                var answer = await db.Answers.SingleOrDefaultAsync(a => a.QuestionSetId == set.Id, cancellationToken);
                records.Add(new ExportedRecord(new RecordRef(registerId, "question-set", set.Id.ToString("D")),
                [
                    new("message_text", await OpenAsync(set.Content, new FieldAddress(Messages.QuestionSetRecord.Table, "message_text", set.Id.ToString("N")), cancellationToken)),
                    new("sent_at", Utc(set.SentAtUtc)), new("state", set.State.ToString().ToLowerInvariant()),
                    new("answers", answer is null ? null : await OpenAsync(answer.Answers, new FieldAddress(Messages.AnswerRecord.Table, "message_text", set.Id.ToString("N")), cancellationToken)),
                ], client.Restricted));
            }

            records.AddRange(await Statements.StatementExport.ExportAsync(db, vault, registerId, client, cancellationToken));
            records.AddRange(await Plan.PlanModel.ExportAsync(db, vault, registerId, client, cancellationToken));
            records.AddRange(await Attachments.AttachmentModel.ExportAsync(db, vault, registerId, client, cancellationToken));
            records.AddRange(await Appointments.AppointmentModel.ExportAsync(db, vault, registerId, client, cancellationToken));

            // The access list: who (organisation and role, not the staff member's account) viewed what, and when.
            foreach (var view in (await trail.ForSubjectAsync(client.SubjectId, null, cancellationToken)).Reverse())
            {
                records.Add(new ExportedRecord(new RecordRef(registerId, "access", view.Sequence.ToString(CultureInfo.InvariantCulture)),
                    [new("viewed_at", Utc(view.ViewedAtUtc)), new("organisation", view.Organisation), new("role", view.Role), new("viewed", view.What)], client.Restricted));
            }
        }

        return records;
    }

    public async Task<RectificationResult> RectifyAsync(SubjectId subject, RecordRef record, string field, string value, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(record);
        if (record.RecordType != "client" || !Guid.TryParse(record.RecordId, out var id)
            || await Clients(record.Register).SingleOrDefaultAsync(c => c.Id == id && c.SubjectId == subject, cancellationToken) is not { } client)
        {
            return new RectificationResult(RectificationOutcome.NoSuchRecord, "No such client record of this person.");
        }

        if (!Correctable.Contains(field))
        {
            return new RectificationResult(RectificationOutcome.NoSuchField, "Only the name, address, phone and e-mail can be corrected this way; the identity code and entries are corrected by the coach.");
        }

        var text = value?.Trim() ?? string.Empty;
        if (text.Length is 0 or > 300 || text.Any(char.IsControl))
        {
            return new RectificationResult(RectificationOutcome.InvalidValue, "The value must be 1-300 characters of text.");
        }

        var scope = KeyScope.Subject(subject);
        var address = CreateClient.Field(field, client.Id.ToString("N"));
        switch (field)
        {
            case "first_name": client.FirstName = await vault.SealAsync(scope, address, text, cancellationToken); break;
            case "last_name": client.LastName = await vault.SealAsync(scope, address, text, cancellationToken); break;
            case "address": client.Address = await vault.SealAsync(scope, address, text, cancellationToken); break;
            case "phone":
                var phone = Phone.Check(text, "+358");
                if (!phone.IsValid)
                {
                    return new RectificationResult(RectificationOutcome.InvalidValue, "Not a phone number: " + phone.Reason + ".");
                }

                client.Phone = await vault.SealAsync(scope, address, phone.Normalised!, cancellationToken);
                break;
            default:
                var email = Email.Check(text);
                if (!email.IsValid)
                {
                    return new RectificationResult(RectificationOutcome.InvalidValue, "Not an e-mail address: " + email.Reason + ".");
                }

                client.Email = await vault.SealAsync(scope, address, email.Normalised!, cancellationToken);
                client.EmailIndex = vault.BlindIndexOf(IdentifierType.Email, email.Normalised!);
                break;
        }

        await db.SaveChangesAsync(cancellationToken);
        return new RectificationResult(RectificationOutcome.Rectified);
    }

    /// <summary>Legal holds in force on the subject's records (an authority process, a court's preservation order).</summary>
    public async Task<IReadOnlyList<LegalHold>> HoldsAsync(SubjectId subject, string registerId, CancellationToken cancellationToken) =>
        await legalHolds.InForceAsync(registerId, await Clients(registerId).Where(c => c.SubjectId == subject).Select(c => c.Id).ToListAsync(cancellationToken), cancellationToken);

    /// <summary>Deletes every record of the subject that no legal hold keeps; a held record stays whole and restricted.</summary>
    public async Task<ErasureResult> EraseAsync(SubjectId subject, string registerId, CancellationToken cancellationToken)
    {
        var clients = await Clients(registerId).Where(c => c.SubjectId == subject).Select(c => c.Id).ToListAsync(cancellationToken);
        var held = await legalHolds.InForceAsync(registerId, clients, cancellationToken);
        var keep = held.Select(h => Guid.Parse(h.Record.RecordId)).ToHashSet();
        var before = (await ExportAsync(subject, registerId, cancellationToken)).Count;
        await GuidanceErasure.DeleteClientsAsync(db, trail, [.. clients.Where(c => !keep.Contains(c))], cancellationToken);
        if (keep.Count > 0)
        {
            await db.Clients.Where(c => keep.Contains(c.Id)).ExecuteUpdateAsync(u => u.SetProperty(c => c.Restricted, true), cancellationToken);
        }

        return new ErasureResult(before - (await ExportAsync(subject, registerId, cancellationToken)).Count, 0, held);
    }

    public async Task<int> RestrictAsync(SubjectId subject, string registerId, bool restricted, CancellationToken cancellationToken)
    {
        var clients = await Clients(registerId).Where(c => c.SubjectId == subject).ToListAsync(cancellationToken);
        clients.ForEach(c => c.Restricted = restricted);
        await db.SaveChangesAsync(cancellationToken);
        return clients.Count;
    }

    private IQueryable<ClientRecord> Clients(string registerId) =>
        from c in db.Clients
        join p in db.Programmes on c.ProgrammeId equals p.Id
        where p.Register == registerId
        select c;

    private async Task<string?> OpenAsync<T>(Encrypted<T> value, FieldAddress field, CancellationToken cancellationToken) =>
        (await vault.OpenAsync(value, field, cancellationToken)) is { IsErased: false } opened ? Convert.ToString(opened.Value, CultureInfo.InvariantCulture) : null;

    private static string Utc(DateTime value) => value.ToString("yyyy-MM-ddTHH:mm:ssZ", CultureInfo.InvariantCulture);
}

/// <summary>Deletes clients with everything of theirs, in one transaction (erasure and retention share it).</summary>
internal static class GuidanceErasure
{
    public static async Task DeleteClientsAsync(GuidanceDb db, IAccessTrail trail, IReadOnlyCollection<Guid> clients, CancellationToken cancellationToken)
    {
        if (clients.Count == 0)
        {
            return;
        }

        var subjects = await db.Clients.Where(c => clients.Contains(c.Id)).Select(c => c.SubjectId).ToListAsync(cancellationToken);

        // The access trail is the kernel's: forgotten before (so a failure here leaves the client to be erased again) and
        // after the records go (so a view committed in between does not outlive them). Both are idempotent.
        await trail.ForgetAsync(subjects, cancellationToken);

        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var entries = db.Entries.Where(e => clients.Contains(e.ClientId)).Select(e => e.Id);
        await db.EntryVersions.Where(v => entries.Contains(v.EntryId)).ExecuteDeleteAsync(cancellationToken);
        await db.Entries.Where(e => clients.Contains(e.ClientId)).ExecuteDeleteAsync(cancellationToken);
        await db.Consents.Where(c => clients.Contains(c.ClientId)).ExecuteDeleteAsync(cancellationToken);
        var sets = db.QuestionSets.Where(q => clients.Contains(q.ClientId)).Select(q => q.Id);
        await db.Answers.Where(a => sets.Contains(a.QuestionSetId)).ExecuteDeleteAsync(cancellationToken);
        await db.QuestionSets.Where(q => clients.Contains(q.ClientId)).ExecuteDeleteAsync(cancellationToken);
        await db.LegalHolds.Where(h => clients.Contains(h.ClientId)).ExecuteDeleteAsync(cancellationToken);
        await Statements.StatementExport.DeleteAsync(db, clients, cancellationToken);
        await Plan.PlanModel.DeleteAsync(db, clients, cancellationToken);
        await Attachments.AttachmentModel.DeleteAsync(db, clients, cancellationToken);
        await Appointments.AppointmentModel.DeleteAsync(db, clients, cancellationToken);
        await db.Clients.Where(c => clients.Contains(c.Id)).ExecuteDeleteAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);

        await trail.ForgetAsync(subjects, CancellationToken.None);
    }
}
