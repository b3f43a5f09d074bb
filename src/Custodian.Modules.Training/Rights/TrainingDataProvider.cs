using System.Globalization;
using Custodian.Modules.Training.Cards;
using Custodian.Modules.Training.Catalogue;
using Custodian.Modules.Training.Employers;
using Custodian.Modules.Training.Enrolment;
using Custodian.Modules.Training.Exams;
using Custodian.Privacy.Abstractions.Identifiers;
using Custodian.Privacy.Abstractions.Protection;
using Custodian.Privacy.Abstractions.Requests;
using Custodian.Privacy.Abstractions.Time;
using Microsoft.EntityFrameworkCore;

namespace Custodian.Modules.Training.Rights;

/// <summary>
/// Data-subject requests for the card-training register: a trainee (name, HETU, contact), their enrolments with company
/// and position, exams, certificates, and — for an employer's contact person — the contact details. A certificate that
/// can still be verified keeps its completion record (the trainee, the enrolment, the exam and the card) from erasure
/// until five years after it expired (the register's retention of certificates); other sources add theirs through
/// <see cref="ITrainingLegalHolds"/>. Erasure deletes the rest; an employer's contact is anonymised, the company stays.
/// </summary>
internal sealed class TrainingDataProvider(TrainingDb db, IPersonalDataVault vault, IEnumerable<ITrainingLegalHolds> holdSources, TimeProvider clock) : IPersonalDataProvider
{
    /// <summary>How long after a card's last valid day it can still be verified (registers/training.yaml: certificates, P5Y).</summary>
    public static readonly int VerifiableYearsAfterExpiry = 5;

    private static readonly Dictionary<string, string[]> Correctable = new(StringComparer.Ordinal)
    {
        ["trainee"] = ["first_name", "last_name", "hetu", "email", "phone"],
        ["enrolment"] = ["company_name", "position"],
        ["employer-contact"] = ["employer_contact_name", "employer_contact_email"],
    };

    public string Name => "training";

    public IReadOnlyCollection<string> Registers { get; } = [TrainingModule.Register];

    public async Task<IReadOnlyList<SubjectId>> FindSubjectsAsync(IReadOnlyList<SubjectIdentifier> identifiers, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(identifiers);
        var found = new HashSet<SubjectId>();
        foreach (var identifier in identifiers)
        {
            var index = identifier.BlindIndex;
            switch (identifier.Type)
            {
                case IdentifierType.Hetu:
                    found.UnionWith(await db.Trainees.Where(t => t.HetuIndex == index).Select(t => t.SubjectId).ToListAsync(cancellationToken));
                    break;
                case IdentifierType.Email:
                    found.UnionWith(await db.Trainees.Where(t => t.EmailIndex == index).Select(t => t.SubjectId).ToListAsync(cancellationToken));
                    found.UnionWith(await db.Employers.Where(e => e.ContactEmailIndex == index).Select(e => e.ContactSubjectId).ToListAsync(cancellationToken));
                    break;
            }
        }

        return [.. found];
    }

    public async Task<IReadOnlyList<ExportedRecord>> ExportAsync(SubjectId subject, string registerId, CancellationToken cancellationToken)
    {
        if (registerId != TrainingModule.Register)
        {
            return [];
        }

        var records = new List<ExportedRecord>();
        foreach (var trainee in await db.Trainees.AsNoTracking().Where(t => t.SubjectId == subject).OrderBy(t => t.CreatedAtUtc).ToListAsync(cancellationToken))
        {
            var restricted = trainee.Restricted;
            records.Add(Record("trainee", trainee.Id, restricted,
            [
                new("first_name", await OpenAsync(trainee.FirstName, TraineeRecord.Table, "first_name", trainee.Id, cancellationToken)),
                new("last_name", await OpenAsync(trainee.LastName, TraineeRecord.Table, "last_name", trainee.Id, cancellationToken)),
                new("hetu", await OpenAsync(trainee.Hetu, TraineeRecord.Table, "hetu", trainee.Id, cancellationToken)),
                new("email", await OpenAsync(trainee.Email, TraineeRecord.Table, "email", trainee.Id, cancellationToken)),
                new("phone", trainee.Phone is null ? null : await OpenAsync(trainee.Phone, TraineeRecord.Table, "phone", trainee.Id, cancellationToken)),
                new("created_at", Utc(trainee.CreatedAtUtc)),
            ]));
            var enrolments = await (from e in db.Enrolments.AsNoTracking()
                                    join s in db.Sessions.AsNoTracking() on e.SessionId equals s.Id
                                    join c in db.Courses.AsNoTracking() on s.CourseId equals c.Id
                                    where e.TraineeId == trainee.Id
                                    orderby e.CreatedAtUtc
                                    select new { Enrolment = e, s.StartsAtUtc, s.Place, Course = c.NameFi + " / " + c.NameEn }).ToListAsync(cancellationToken);
            foreach (var row in enrolments)
            {
                var e = row.Enrolment;
                records.Add(Record("enrolment", e.Id, restricted,
                [
                    new("reference", e.Reference), new("course", row.Course), new("session_starts_at", Utc(row.StartsAtUtc)), new("place", row.Place),
                    new("status", e.Status.ToString().ToLowerInvariant()), new("source", e.Source == EnrolmentSource.Employer ? "employer" : "person"),
                    new("company_name", e.CompanyName is null ? null : await OpenAsync(e.CompanyName, EnrolmentRecord.Table, "company_name", e.Id, cancellationToken)),
                    new("company_business_id", e.CompanyBusinessId),
                    new("position", e.Position is null ? null : await OpenAsync(e.Position, EnrolmentRecord.Table, "position", e.Id, cancellationToken)),
                    new("marketing_consent", e.MarketingConsent ? "yes" : "no"), new("enrolled_at", Utc(e.CreatedAtUtc)),
                    new("attended", e.Attended switch { true => "yes", false => "no", null => null }),
                    new("identity_check", e.IdentityCheckedAtUtc is { } checkedAt ? $"{e.IdentityDocument} checked by {e.IdentityCheckedBy} at {Utc(checkedAt)}" : null),
                ]));
            }

            var enrolmentIds = enrolments.Select(r => r.Enrolment.Id).ToList();
            foreach (var exam in await db.Exams.AsNoTracking().Where(x => enrolmentIds.Contains(x.EnrolmentId)).OrderBy(x => x.TakenOn).ToListAsync(cancellationToken))
            {
                var paper = exam.ExamAnswers is null ? (Revealed<byte[]>?)null : await vault.OpenAsync(exam.ExamAnswers, TrainingFields.Of(ExamRecord.Table, "exam_answers", exam.Id), cancellationToken);
                records.Add(Record("exam", exam.Id, restricted,
                [
                    new("taken_on", Iso(exam.TakenOn)), new("passed", exam.Passed ? "yes" : "no"),
                    new("exam_score", exam.ExamScore is null ? null : await OpenAsync(exam.ExamScore, ExamRecord.Table, "exam_score", exam.Id, cancellationToken)),
                    new("exam_answers", paper is { IsErased: false } open ? $"data:{exam.PaperContentType};base64,{Convert.ToBase64String(open.Value!)}" : null),
                ]));
            }

            var cards = await (from c in db.Certificates.AsNoTracking()
                               join t in db.CardTypes.AsNoTracking() on c.CardTypeKey equals t.Key
                               where c.TraineeId == trainee.Id
                               orderby c.IssuedOn
                               select new { Card = c, t.NameFi, t.NameEn }).ToListAsync(cancellationToken);
            foreach (var row in cards)
            {
                records.Add(Record("certificate", row.Card.Id, restricted,
                [
                    new("certificate_number", row.Card.CertificateNumber), new("card_type", row.NameFi + " / " + row.NameEn),
                    new("issued_on", Iso(row.Card.IssuedOn)), new("valid_until", row.Card.ValidUntil is { } until ? Iso(until) : null),
                    new("revoked_at", row.Card.RevokedAtUtc is { } revoked ? Utc(revoked) : null),
                    new("revocation_reason", row.Card.RevocationReason is { } reason ? Cards.RevokeCard.ReasonLabel(reason) : null),
                ]));
            }
        }

        foreach (var employer in await db.Employers.AsNoTracking().Where(e => e.ContactSubjectId == subject).OrderBy(e => e.CreatedAtUtc).ToListAsync(cancellationToken))
        {
            records.Add(Record("employer-contact", employer.Id, employer.ContactRestricted,
            [
                new("employer", employer.Name), new("business_id", employer.BusinessId),
                new("employer_contact_name", await OpenAsync(employer.EmployerContactName, EmployerRecord.Table, "employer_contact_name", employer.Id, cancellationToken)),
                new("employer_contact_email", await OpenAsync(employer.EmployerContactEmail, EmployerRecord.Table, "employer_contact_email", employer.Id, cancellationToken)),
            ]));
        }

        return records;
    }

    public async Task<RectificationResult> RectifyAsync(SubjectId subject, RecordRef record, string field, string value, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(record);
        if (record.Register != TrainingModule.Register || !Guid.TryParse(record.RecordId, out var id) || !Correctable.TryGetValue(record.RecordType, out var fields))
        {
            return new RectificationResult(RectificationOutcome.NoSuchRecord, "No such record of this person in the card-training register.");
        }

        var scope = KeyScope.Subject(subject);
        switch (record.RecordType)
        {
            case "trainee":
                if (await db.Trainees.SingleOrDefaultAsync(t => t.Id == id && t.SubjectId == subject, cancellationToken) is not { } trainee)
                {
                    return new RectificationResult(RectificationOutcome.NoSuchRecord, "No such trainee record of this person.");
                }

                if (!fields.Contains(field))
                {
                    return NoSuchField(fields);
                }

                if (CheckedValue(field, value) is not { } text)
                {
                    return new RectificationResult(RectificationOutcome.InvalidValue, ValueProblem(field, value));
                }

                var address = TrainingFields.Of(TraineeRecord.Table, field, trainee.Id);
                switch (field)
                {
                    case "first_name": trainee.FirstName = await vault.SealAsync(scope, address, text, cancellationToken); break;
                    case "last_name": trainee.LastName = await vault.SealAsync(scope, address, text, cancellationToken); break;
                    case "phone": trainee.Phone = await vault.SealAsync(scope, address, text, cancellationToken); break;
                    case "hetu":
                        var hetuIndex = vault.BlindIndexOf(IdentifierType.Hetu, text);
                        if (await db.Trainees.AnyAsync(t => t.HetuIndex == hetuIndex && t.Id != trainee.Id, cancellationToken))
                        {
                            return new RectificationResult(RectificationOutcome.InvalidValue, "Another person in the register has this personal identity code; the registrar sorts this out.");
                        }

                        trainee.Hetu = await vault.SealAsync(scope, address, text, cancellationToken);
                        trainee.HetuIndex = hetuIndex;
                        break;
                    default:
                        trainee.Email = await vault.SealAsync(scope, address, text, cancellationToken);
                        trainee.EmailIndex = vault.BlindIndexOf(IdentifierType.Email, text);
                        break;
                }

                break;
            case "enrolment":
                var enrolment = await (from e in db.Enrolments join t in db.Trainees on e.TraineeId equals t.Id where e.Id == id && t.SubjectId == subject select e).SingleOrDefaultAsync(cancellationToken);
                if (enrolment is null)
                {
                    return new RectificationResult(RectificationOutcome.NoSuchRecord, "No such enrolment of this person.");
                }

                if (!fields.Contains(field))
                {
                    return NoSuchField(fields);
                }

                if (CheckedValue(field, value) is not { } companyText)
                {
                    return new RectificationResult(RectificationOutcome.InvalidValue, ValueProblem(field, value));
                }

                var sealedText = await vault.SealAsync(scope, TrainingFields.Of(EnrolmentRecord.Table, field, enrolment.Id), companyText, cancellationToken);
                if (field == "company_name")
                {
                    enrolment.CompanyName = sealedText;
                }
                else
                {
                    enrolment.Position = sealedText;
                }

                enrolment.Version++;
                break;
            default:
                if (await db.Employers.SingleOrDefaultAsync(e => e.Id == id && e.ContactSubjectId == subject, cancellationToken) is not { } employer)
                {
                    return new RectificationResult(RectificationOutcome.NoSuchRecord, "No such employer contact of this person.");
                }

                if (!fields.Contains(field))
                {
                    return NoSuchField(fields);
                }

                if (CheckedValue(field == "employer_contact_email" ? "email" : "name", value) is not { } contactText)
                {
                    return new RectificationResult(RectificationOutcome.InvalidValue, ValueProblem(field == "employer_contact_email" ? "email" : "name", value));
                }

                var contactAddress = TrainingFields.Of(EmployerRecord.Table, field, employer.Id);
                if (field == "employer_contact_name")
                {
                    employer.EmployerContactName = await vault.SealAsync(scope, contactAddress, contactText, cancellationToken);
                }
                else
                {
                    employer.EmployerContactEmail = await vault.SealAsync(scope, contactAddress, contactText, cancellationToken);
                    employer.ContactEmailIndex = vault.BlindIndexOf(IdentifierType.Email, contactText);
                }

                break;
        }

        await db.SaveChangesAsync(cancellationToken);
        return new RectificationResult(RectificationOutcome.Rectified);
    }

    public async Task<IReadOnlyList<LegalHold>> HoldsAsync(SubjectId subject, string registerId, CancellationToken cancellationToken) =>
        registerId == TrainingModule.Register ? await HeldAsync([subject], cancellationToken) : [];

    public async Task<IReadOnlyList<LegalHold>> HoldsAsync(IReadOnlyCollection<SubjectId> subjects, string registerId, CancellationToken cancellationToken) =>
        registerId == TrainingModule.Register ? await HeldAsync(subjects, cancellationToken) : [];

    /// <summary>Deletes every record of the subject no hold keeps (held ones stay, restricted); an employer's contact is anonymised.</summary>
    public async Task<ErasureResult> EraseAsync(SubjectId subject, string registerId, CancellationToken cancellationToken)
    {
        if (registerId != TrainingModule.Register)
        {
            return new ErasureResult(0, 0, []);
        }

        var held = await HeldAsync([subject], cancellationToken);
        var keep = held.Select(h => h.Record.RecordId).ToHashSet(StringComparer.Ordinal);
        var before = await ExportAsync(subject, registerId, cancellationToken);
        var trainees = await db.Trainees.Where(t => t.SubjectId == subject).Select(t => t.Id).ToListAsync(cancellationToken);
        var gone = before.Where(r => !keep.Contains(r.Record.RecordId)).ToList();
        Guid[] Ids(string type) => [.. gone.Where(r => r.Record.RecordType == type).Select(r => Guid.Parse(r.Record.RecordId))];

        var (certificates, exams, enrolments, people, contacts) = (Ids("certificate"), Ids("exam"), Ids("enrolment"), Ids("trainee"), Ids("employer-contact"));

        // Sealed before the transaction: a new key of the register's scope is stored by the kernel on its own connection.
        foreach (var employer in await db.Employers.Where(e => contacts.Contains(e.Id)).ToListAsync(cancellationToken))
        {
            await EmployerContact.AnonymiseAsync(vault, employer, cancellationToken);
        }

        await using (var transaction = await db.Database.BeginTransactionAsync(cancellationToken))
        {
            await db.Certificates.Where(c => certificates.Contains(c.Id)).ExecuteDeleteAsync(cancellationToken);
            await db.Exams.Where(x => exams.Contains(x.Id)).ExecuteDeleteAsync(cancellationToken);
            await db.Enrolments.Where(e => enrolments.Contains(e.Id)).ExecuteDeleteAsync(cancellationToken);
            await db.Trainees.Where(t => people.Contains(t.Id)).ExecuteDeleteAsync(cancellationToken);

            if (keep.Count > 0)
            {
                await db.Trainees.Where(t => trainees.Contains(t.Id)).ExecuteUpdateAsync(u => u.SetProperty(t => t.Restricted, true), cancellationToken);
                await db.Employers.Where(e => e.ContactSubjectId == subject).ExecuteUpdateAsync(u => u.SetProperty(e => e.ContactRestricted, true), cancellationToken);
            }

            await db.SaveChangesAsync(cancellationToken);
            await transaction.CommitAsync(cancellationToken);
        }

        return new ErasureResult(gone.Count - contacts.Length, contacts.Length, held);
    }

    public async Task<int> RestrictAsync(SubjectId subject, string registerId, bool restricted, CancellationToken cancellationToken)
    {
        if (registerId != TrainingModule.Register)
        {
            return 0;
        }

        var records = (await ExportAsync(subject, registerId, cancellationToken)).Count;
        await db.Trainees.Where(t => t.SubjectId == subject).ExecuteUpdateAsync(u => u.SetProperty(t => t.Restricted, restricted), cancellationToken);
        await db.Employers.Where(e => e.ContactSubjectId == subject).ExecuteUpdateAsync(u => u.SetProperty(e => e.ContactRestricted, restricted), cancellationToken);
        return records;
    }

    /// <summary>The holds of these subjects: a verifiable card keeps its completion record; other sources add theirs.</summary>
    private async Task<IReadOnlyList<LegalHold>> HeldAsync(IReadOnlyCollection<SubjectId> subjects, CancellationToken cancellationToken)
    {
        var today = LocalDays.Helsinki(clock.GetUtcNow());
        var expiredBefore = today.AddYears(-VerifiableYearsAfterExpiry);
        var asked = subjects.ToList();
        var cards = await (from c in db.Certificates.AsNoTracking()
                           join t in db.Trainees.AsNoTracking() on c.TraineeId equals t.Id
                           where asked.Contains(t.SubjectId) && c.RevokedAtUtc == null && (c.ValidUntil == null || c.ValidUntil >= expiredBefore)
                           select new { c.Id, c.TraineeId, c.EnrolmentId, c.ValidUntil }).ToListAsync(cancellationToken);
        var holds = new List<LegalHold>();
        var enrolmentIds = cards.Select(c => c.EnrolmentId).ToList();
        var exams = await db.Exams.AsNoTracking().Where(x => enrolmentIds.Contains(x.EnrolmentId)).Select(x => new { x.Id, x.EnrolmentId }).ToListAsync(cancellationToken);
        foreach (var trainee in cards.GroupBy(c => c.TraineeId))
        {
            var until = trainee.Any(c => c.ValidUntil is null) ? (DateOnly?)null : trainee.Max(c => c.ValidUntil!.Value).AddYears(VerifiableYearsAfterExpiry);
            holds.Add(Proof("trainee", trainee.Key, until));
            foreach (var card in trainee)
            {
                var cardUntil = card.ValidUntil?.AddYears(VerifiableYearsAfterExpiry);
                holds.Add(Proof("certificate", card.Id, cardUntil));
                holds.Add(Proof("enrolment", card.EnrolmentId, cardUntil));
                holds.AddRange(exams.Where(x => x.EnrolmentId == card.EnrolmentId).Select(x => Proof("exam", x.Id, cardUntil)));
            }
        }

        foreach (var source in holdSources)
        {
            holds.AddRange(await source.HoldsAsync(subjects, cancellationToken));
        }

        // One record may be kept for several reasons (a card's proof and an open invoice): the person is told each.
        return [.. holds.DistinctBy(h => (h.Record, h.Reason, h.Explanation))];
    }

    private static LegalHold Proof(string type, Guid id, DateOnly? until) =>
        new(new RecordRef(TrainingModule.Register, type, id.ToString("D")), HoldReason.ExamProof,
            "A card issued to you can still be verified by employers and the card authority; its completion record (name, identity code, course, exam and card) is kept for that.", until);

    /// <summary>The corrected value in its stored form, or null when it is not valid for the field.</summary>
    private static string? CheckedValue(string field, string? value)
    {
        var text = value?.Trim() ?? string.Empty;
        return field switch
        {
            "hetu" => Hetu.Check(text) is { IsValid: true } hetu ? hetu.Normalised : null,
            "email" => Email.Check(text) is { IsValid: true } email ? email.Normalised : null,
            "phone" => Phone.Check(text, "+358") is { IsValid: true } phone ? phone.Normalised : null,
            _ => text.Length is 0 or > 200 || text.Any(c => char.IsControl(c) || c is '<' or '>') ? null : text,
        };
    }

    private static string ValueProblem(string field, string? value) => field switch
    {
        "hetu" => "Not a valid personal identity code: " + Hetu.Check(value ?? string.Empty).Reason + ".",
        "email" => "Not a valid e-mail address: " + Email.Check(value ?? string.Empty).Reason + ".",
        "phone" => "Not a valid phone number: " + Phone.Check(value ?? string.Empty, "+358").Reason + ".",
        _ => "The value must be 1-200 characters of text without < or >.",
    };

    private static RectificationResult NoSuchField(string[] fields) =>
        new(RectificationOutcome.NoSuchField, "This record's correctable fields are: " + string.Join(", ", fields) + ".");

    private static ExportedRecord Record(string type, Guid id, bool restricted, IReadOnlyList<ExportedField> fields) =>
        new(new RecordRef(TrainingModule.Register, type, id.ToString("D")), fields, restricted);

    private Task<string?> OpenAsync(Encrypted<string> value, string table, string column, Guid row, CancellationToken cancellationToken) =>
        TrainingFields.OpenAsync(vault, value, TrainingFields.Of(table, column, row), whenErased: null, cancellationToken);

    private static string Utc(DateTime value) => value.ToString("yyyy-MM-ddTHH:mm:ssZ", CultureInfo.InvariantCulture);

    private static string Iso(DateOnly day) => day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
}
