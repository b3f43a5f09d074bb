using System.Globalization;
using Custodian.Modules.Training.Enrolment;
using Custodian.Modules.Training.Staff;
using Custodian.Privacy.Abstractions.Audit;
using Custodian.Privacy.Abstractions.Messaging;
using Custodian.Privacy.Abstractions.Protection;
using Custodian.Privacy.Abstractions.Time;
using Microsoft.EntityFrameworkCore;

namespace Custodian.Modules.Training.Catalogue;

internal sealed record SessionCancelled(int Mailed, int NotMailed);

/// <summary>
/// The registrar cancels a session: it leaves the public list at once, and every enrolled and waitlisted person is
/// mailed (Finnish first, English beside) with a link to the other sessions of the same card. Cancelling twice mails
/// no one twice: only the call that set the cancellation sends.
/// </summary>
internal sealed class CancelSession(TrainingDb db, IPersonalDataVault vault, IMailSender mail, IPublicLinks links, IAuditLog audit, TimeProvider clock)
{
    public async Task<SessionCancelled> CancelAsync(TrainingStaff staff, Guid sessionId, CancellationToken cancellationToken)
    {
        staff.RequireRegistrar();
        var session = await staff.SessionAsync(db, sessionId, cancellationToken);
        var now = clock.GetUtcNow().UtcDateTime;
        if (await db.Sessions.Where(s => s.Id == sessionId && s.CancelledAtUtc == null).ExecuteUpdateAsync(u => u.SetProperty(s => s.CancelledAtUtc, now), cancellationToken) == 0)
        {
            throw new TrainingInputException("session", "The session is cancelled already.");
        }

        await audit.AppendAsync(new AuditEvent(TrainingAudit.Actor(staff.Account), "training cancel session " + sessionId.ToString("D"), Register: TrainingModule.Register), cancellationToken);
        var course = await db.Courses.AsNoTracking().FirstAsync(c => c.Id == session.CourseId, cancellationToken);
        var people = await (from e in db.Enrolments.AsNoTracking()
                            join t in db.Trainees.AsNoTracking() on e.TraineeId equals t.Id
                            where e.SessionId == sessionId && e.Status != EnrolmentStatus.Cancelled
                            select t).ToListAsync(cancellationToken);
        var start = LocalDays.HelsinkiTime(session.StartsAtUtc);
        var when = start.ToString("d.M.yyyy H.mm", CultureInfo.InvariantCulture);
        var others = links.Link("/training?card=" + Uri.EscapeDataString(course.CardTypeKey));
        var (mailed, failed) = (0, 0);
        foreach (var person in people)
        {
            var address = (await vault.OpenAsync(person.Email, TrainingFields.Trainee("email", person.Id), cancellationToken));
            if (address.IsErased)
            {
                continue;
            }

            var body = $"""
                Hei,

                kurssi {course.NameFi} ({when}, {session.Place}) on valitettavasti peruttu. Muut saman kortin kurssit: {others}

                Hello,

                the course {course.NameEn} ({when}, {session.Place}) has been cancelled. Other courses for the same card: {others}
                """;
            try
            {
                await mail.SendAsync(new OutgoingMail(address.Value!, $"Kurssi peruttu / Course cancelled: {course.NameFi} {when}", body), cancellationToken);
                mailed++;
            }
            catch (MailNotSentException)
            {
                failed++;
            }
        }

        return new SessionCancelled(mailed, failed);
    }
}
