using Custodian.Modules.Training.Employers;
using Custodian.Modules.Training.Invoicing;
using Custodian.Privacy.Abstractions.Protection;
using Custodian.Privacy.Abstractions.Requests;
using Custodian.Privacy.Abstractions.Retention;
using Custodian.Privacy.Abstractions.Time;
using Microsoft.EntityFrameworkCore;

namespace Custodian.Modules.Training.Rights;

/// <summary>
/// The register's declared retention, executed by the kernel's sweep (which checks the holds: a verifiable card, an open
/// or still-accounted invoice). The person's record (name, identity code, contact, employment, identity check,
/// corrections) goes whole five years after their last card expired (<c>certificate-expired</c>; without a card, from
/// the end of their last course); a card by itself after the same margin; exam papers and scores after the exam period;
/// enrolments the person did not attend after a short period, taking a person left with nothing else along; an
/// employer's contact after the company's last order; participant names on invoices after the accounting period.
/// </summary>
internal sealed class TrainingRetention(TrainingDb db, IPersonalDataVault vault) : IRetentionTarget
{
    /// <summary>The category of participant names on invoices (its declared period is also how long a paid invoice holds them).</summary>
    public const string Invoices = "invoices";

    private static readonly string[] WholeRecord = ["identity", "national-id", "contact", "employment", "identity-check", "corrections"];

    public string Name => "training";

    public IReadOnlyCollection<string> Registers => [TrainingModule.Register];

    public IReadOnlyCollection<string> Categories(string registerId) => [.. WholeRecord, "enrolments", "certificates", "exam-results", "employer-contact", Invoices];

    public async Task<IReadOnlyList<DueRecord>> FindDueAsync(string registerId, string category, DateTimeOffset cutoff, string? after, int batchSize, CancellationToken cancellationToken)
    {
        var cut = cutoff.UtcDateTime;
        IEnumerable<DueRecord> due = category switch
        {
            "enrolments" => await NotAttendedAsync(cut, cancellationToken),
            "certificates" => await ExpiredCardsAsync(cut, cancellationToken),
            "exam-results" => await ExamPapersAsync(cut, cancellationToken),
            "employer-contact" => await QuietEmployersAsync(cut, cancellationToken),
            Invoices => await AccountedInvoicesAsync(cut, cancellationToken),
            _ => await PeopleAsync(cut, cancellationToken),
        };
        return [.. due.Where(d => after is null || string.CompareOrdinal(d.Record.RecordId, after) > 0)
            .OrderBy(d => d.Record.RecordId, StringComparer.Ordinal).Take(batchSize)];
    }

    public async Task<int> ApplyAsync(string registerId, string category, RetentionTreatment treatment, IReadOnlyList<DueRecord> records, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(records);
        var ids = records.Select(r => Guid.TryParse(r.Record.RecordId, out var id) ? id : Guid.Empty).Where(id => id != Guid.Empty).ToList();
        switch (category)
        {
            case "enrolments":
                var people = await db.Enrolments.Where(e => ids.Contains(e.Id)).Select(e => e.TraineeId).Distinct().ToListAsync(cancellationToken);
                await db.Corrections.Where(c => c.EnrolmentId != null && ids.Contains(c.EnrolmentId.Value)).ExecuteDeleteAsync(cancellationToken);
                await db.Exams.Where(x => ids.Contains(x.EnrolmentId)).ExecuteDeleteAsync(cancellationToken);
                await db.Enrolments.Where(e => ids.Contains(e.Id) && !db.InvoiceParticipants.Any(p => p.EnrolmentId == e.Id)).ExecuteDeleteAsync(cancellationToken);
                await DeletePeopleAsync([.. people], onlyWhenNothingLeft: true, cancellationToken);
                break;
            case "certificates":
                await db.Certificates.Where(c => ids.Contains(c.Id)).ExecuteDeleteAsync(cancellationToken);
                break;
            case "exam-results":
                await db.Exams.Where(x => ids.Contains(x.Id)).ExecuteUpdateAsync(u => u
                    .SetProperty(x => x.ExamScore, (Encrypted<string>?)null)
                    .SetProperty(x => x.ExamAnswers, (Encrypted<byte[]>?)null)
                    .SetProperty(x => x.PaperContentType, (string?)null)
                    .SetProperty(x => x.PaperSize, (int?)null), cancellationToken);
                break;
            case "employer-contact":
                foreach (var employer in await db.Employers.Where(e => ids.Contains(e.Id)).ToListAsync(cancellationToken))
                {
                    await EmployerContact.AnonymiseAsync(vault, employer, cancellationToken);
                }

                await db.SaveChangesAsync(cancellationToken);
                break;
            case Invoices:
                await db.InvoiceParticipants.Where(p => ids.Contains(p.InvoiceId)).ExecuteDeleteAsync(cancellationToken);
                break;
            default:
                await DeletePeopleAsync(ids, onlyWhenNothingLeft: false, cancellationToken);
                break;
        }

        return ids.Count;
    }

    /// <summary>
    /// The person's whole record. A person still named on an invoice participant row stays until the invoices rule has
    /// run (its period is the accounting one); with <paramref name="onlyWhenNothingLeft"/> only people without any
    /// enrolment or card left go.
    /// </summary>
    private async Task DeletePeopleAsync(IReadOnlyList<Guid> trainees, bool onlyWhenNothingLeft, CancellationToken cancellationToken)
    {
        var gone = db.Trainees.Where(t => trainees.Contains(t.Id) && !db.InvoiceParticipants.Any(p => p.TraineeId == t.Id));
        if (onlyWhenNothingLeft)
        {
            gone = gone.Where(t => !db.Enrolments.Any(e => e.TraineeId == t.Id) && !db.Certificates.Any(c => c.TraineeId == t.Id));
        }

        var ids = await gone.Select(t => t.Id).ToListAsync(cancellationToken);
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var enrolments = db.Enrolments.Where(e => ids.Contains(e.TraineeId)).Select(e => e.Id);
        await db.Certificates.Where(c => ids.Contains(c.TraineeId)).ExecuteDeleteAsync(cancellationToken);
        await db.Exams.Where(x => enrolments.Contains(x.EnrolmentId)).ExecuteDeleteAsync(cancellationToken);
        await db.Corrections.Where(c => ids.Contains(c.TraineeId)).ExecuteDeleteAsync(cancellationToken);
        await db.Enrolments.Where(e => ids.Contains(e.TraineeId)).ExecuteDeleteAsync(cancellationToken);
        await db.Trainees.Where(t => ids.Contains(t.Id)).ExecuteDeleteAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
    }

    /// <summary>When each person's record stops being needed: their last card's expiry (never while a card that does not expire is valid), else the end of their last course.</summary>
    private async Task<IEnumerable<DueRecord>> PeopleAsync(DateTime cut, CancellationToken cancellationToken)
    {
        var cards = (await db.Certificates.AsNoTracking().Select(c => new { c.TraineeId, c.ValidUntil, c.RevokedAtUtc }).ToListAsync(cancellationToken)).ToLookup(c => c.TraineeId);
        var courses = (await (from e in db.Enrolments.AsNoTracking()
                              join s in db.Sessions.AsNoTracking() on e.SessionId equals s.Id
                              select new { e.TraineeId, s.EndsAtUtc }).ToListAsync(cancellationToken)).ToLookup(c => c.TraineeId);
        var people = await db.Trainees.AsNoTracking().Where(t => !db.InvoiceParticipants.Any(p => p.TraineeId == t.Id))
            .Select(t => new { t.Id, t.SubjectId, t.CreatedAtUtc }).ToListAsync(cancellationToken);
        var due = new List<DueRecord>();
        foreach (var person in people)
        {
            var own = cards[person.Id].Where(c => c.RevokedAtUtc is null).ToList();
            if (own.Any(c => c.ValidUntil is null))
            {
                continue;
            }

            var triggered = own.Count > 0
                ? AfterHelsinkiDay(own.Max(c => c.ValidUntil!.Value))
                : courses[person.Id].Select(c => c.EndsAtUtc).DefaultIfEmpty(person.CreatedAtUtc).Max();
            if (triggered <= cut)
            {
                due.Add(Due("trainee", person.Id, person.SubjectId, triggered));
            }
        }

        return due;
    }

    /// <summary>Enrolments whose course has ended without the person: cancelled, still on the waiting list, or not marked present.</summary>
    private async Task<IEnumerable<DueRecord>> NotAttendedAsync(DateTime cut, CancellationToken cancellationToken)
    {
        var rows = await (from e in db.Enrolments.AsNoTracking()
                          join s in db.Sessions.AsNoTracking() on e.SessionId equals s.Id
                          join t in db.Trainees.AsNoTracking() on e.TraineeId equals t.Id
                          where e.Attended != true && s.EndsAtUtc <= cut && !db.Certificates.Any(c => c.EnrolmentId == e.Id)
                              && !db.InvoiceParticipants.Any(p => p.EnrolmentId == e.Id)
                          select new { e.Id, t.SubjectId, s.EndsAtUtc }).ToListAsync(cancellationToken);
        return rows.Select(r => Due("enrolment", r.Id, r.SubjectId, r.EndsAtUtc));
    }

    private async Task<IEnumerable<DueRecord>> ExpiredCardsAsync(DateTime cut, CancellationToken cancellationToken)
    {
        var lastDay = LocalDays.Helsinki(new DateTimeOffset(cut, TimeSpan.Zero)).AddDays(-1);
        var rows = await (from c in db.Certificates.AsNoTracking()
                          join t in db.Trainees.AsNoTracking() on c.TraineeId equals t.Id
                          where c.ValidUntil != null && c.ValidUntil <= lastDay
                          select new { c.Id, t.SubjectId, c.ValidUntil }).ToListAsync(cancellationToken);
        return rows.Select(r => Due("certificate", r.Id, r.SubjectId, AfterHelsinkiDay(r.ValidUntil!.Value))).Where(d => d.TriggeredAt.UtcDateTime <= cut);
    }

    /// <summary>Exams still holding a paper or a score; a record type of its own, because the pass itself is proof of the card and held with it.</summary>
    private async Task<IEnumerable<DueRecord>> ExamPapersAsync(DateTime cut, CancellationToken cancellationToken)
    {
        var lastDay = LocalDays.Helsinki(new DateTimeOffset(cut, TimeSpan.Zero)).AddDays(-1);
        var rows = await (from x in db.Exams.AsNoTracking()
                          join e in db.Enrolments.AsNoTracking() on x.EnrolmentId equals e.Id
                          join t in db.Trainees.AsNoTracking() on e.TraineeId equals t.Id
                          where x.TakenOn <= lastDay && (x.ExamScore != null || x.ExamAnswers != null)
                          select new { x.Id, t.SubjectId, x.TakenOn }).ToListAsync(cancellationToken);
        return rows.Select(r => Due("exam-paper", r.Id, r.SubjectId, AfterHelsinkiDay(r.TakenOn))).Where(d => d.TriggeredAt.UtcDateTime <= cut);
    }

    /// <summary>Employers whose contact is still a person and whose last order (its creation, an enrolment, an invoice) is old enough.</summary>
    private async Task<IEnumerable<DueRecord>> QuietEmployersAsync(DateTime cut, CancellationToken cancellationToken)
    {
        var nobody = new SubjectId(Guid.Empty);
        var rows = await db.Employers.AsNoTracking().Where(e => e.ContactSubjectId != nobody)
            .Select(e => new
            {
                e.Id,
                e.ContactSubjectId,
                e.CreatedAtUtc,
                e.ContractEndedAtUtc,
                LastEnrolment = db.Enrolments.Where(n => n.EmployerId == e.Id).Max(n => (DateTime?)n.CreatedAtUtc),
                LastInvoice = db.Invoices.Where(i => i.EmployerId == e.Id).Max(i => (DateTime?)i.RequestedAtUtc),
            }).ToListAsync(cancellationToken);
        return rows.Select(r => (r.Id, r.ContactSubjectId, Ended: r.ContractEndedAtUtc ?? new[] { r.CreatedAtUtc, r.LastEnrolment ?? r.CreatedAtUtc, r.LastInvoice ?? r.CreatedAtUtc }.Max()))
            .Where(r => r.Ended <= cut)
            .Select(r => Due("employer-contact", r.Id, r.ContactSubjectId, r.Ended));
    }

    /// <summary>Settled invoices (paid or rejected) whose accounting year ended the period ago; the company's invoice itself is not personal data and stays.</summary>
    private async Task<IEnumerable<DueRecord>> AccountedInvoicesAsync(DateTime cut, CancellationToken cancellationToken)
    {
        var rows = await db.Invoices.AsNoTracking()
            .Where(i => (i.State == InvoiceState.Paid || i.State == InvoiceState.Rejected) && db.InvoiceParticipants.Any(p => p.InvoiceId == i.Id))
            .Select(i => new { i.Id, i.IssuedOn, i.RequestedAtUtc }).ToListAsync(cancellationToken);
        return rows.Select(r => (r.Id, YearEnded: AfterHelsinkiDay(InvoiceRecord.AccountingYearEnd(r.IssuedOn, r.RequestedAtUtc))))
            .Where(r => r.YearEnded <= cut)
            .Select(r => Due("invoice", r.Id, null, r.YearEnded));
    }

    /// <summary>The instant a Finnish day is over (the next day's midnight in Helsinki, in UTC).</summary>
    private static DateTime AfterHelsinkiDay(DateOnly day) => LocalDays.FromHelsinkiTime(day.AddDays(1).ToDateTime(TimeOnly.MinValue));

    private static DueRecord Due(string type, Guid id, SubjectId? subject, DateTime triggeredUtc) =>
        new(new RecordRef(TrainingModule.Register, type, id.ToString("D")), subject, new DateTimeOffset(DateTime.SpecifyKind(triggeredUtc, DateTimeKind.Utc)));
}
