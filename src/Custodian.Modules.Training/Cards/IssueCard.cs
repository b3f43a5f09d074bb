using System.Globalization;
using Custodian.Modules.Training.Staff;
using Custodian.Privacy.Abstractions.Audit;
using Custodian.Privacy.Abstractions.Time;
using Microsoft.EntityFrameworkCore;

namespace Custodian.Modules.Training.Cards;

internal sealed record IssuedCard(Guid Id, string CertificateNumber, string VerificationCode, DateOnly IssuedOn, DateOnly? ValidUntil);

/// <summary>
/// The registrar issues a card or certificate for a passed exam: validity from the card type as it stands today (data,
/// not code), a running certificate number per year and a random verification code. One card per enrolment; the
/// database's unique indexes settle a race between two registrars.
/// </summary>
internal sealed class IssueCard(TrainingDb db, IAuditLog audit, TimeProvider clock)
{
    public async Task<IssuedCard> IssueAsync(TrainingStaff staff, Guid enrolmentId, CancellationToken cancellationToken)
    {
        staff.RequireRegistrar();
        var reached = await staff.EnrolmentAsync(db, enrolmentId, cancellationToken);
        if (await db.Certificates.AnyAsync(c => c.EnrolmentId == enrolmentId, cancellationToken))
        {
            throw new TrainingInputException("enrolment", "A card was issued for this course already.");
        }

        var exam = (await db.Exams.AsNoTracking().Where(x => x.EnrolmentId == enrolmentId).ToListAsync(cancellationToken)).MaxBy(x => x.RecordedAtUtc);
        if (exam is not { Passed: true })
        {
            throw new TrainingInputException("enrolment", "A card is issued only for a passed exam.");
        }

        var cardType = await (from c in db.Courses join t in db.CardTypes on c.CardTypeKey equals t.Key where c.Id == reached.Session.CourseId select t).FirstAsync(cancellationToken);
        var now = clock.GetUtcNow();
        var issuedOn = exam.TakenOn;
        var year = LocalDays.Helsinki(now).Year;
        for (var attempt = 0; ; attempt++)
        {
            var prefix = $"TK-{year.ToString(CultureInfo.InvariantCulture)}-";
            var taken = await db.Certificates.CountAsync(c => c.CertificateNumber.StartsWith(prefix), cancellationToken);
            var card = new CertificateRecord
            {
                Id = Guid.CreateVersion7(),
                TraineeId = reached.Trainee.Id,
                EnrolmentId = enrolmentId,
                CardTypeKey = cardType.Key,
                CertificateNumber = prefix + (taken + 1 + attempt).ToString("D6", CultureInfo.InvariantCulture),
                VerificationCode = VerificationCodes.New(),
                IssuedOn = issuedOn,
                ValidUntil = cardType.ValidUntil(issuedOn),
                IssuedBy = staff.Account,
                IssuedAtUtc = now.UtcDateTime,
            };
            db.Certificates.Add(card);
            reached.Trainee.LastActivityAtUtc = now.UtcDateTime;
            try
            {
                await db.SaveChangesAsync(cancellationToken);
            }
            catch (DbUpdateException) when (attempt < 5)
            {
                db.ChangeTracker.Clear();
                if (await db.Certificates.AnyAsync(c => c.EnrolmentId == enrolmentId, cancellationToken))
                {
                    throw new TrainingInputException("enrolment", "A card was issued for this course already.");
                }

                reached = await staff.EnrolmentAsync(db, enrolmentId, cancellationToken);
                continue;
            }

            await audit.AppendAsync(TrainingAudit.Event(staff, reached.Trainee, "issue card"), cancellationToken);
            return new IssuedCard(card.Id, card.CertificateNumber, card.VerificationCode, card.IssuedOn, card.ValidUntil);
        }
    }
}
