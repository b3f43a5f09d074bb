using Custodian.Modules.Training.Enrolment;
using Custodian.Modules.Training.Staff;
using Microsoft.EntityFrameworkCore;

namespace Custodian.Modules.Training.Sessions;

internal sealed record StaffSession(Guid Id, string CourseFi, string CourseEn, string CardTypeKey, DateTime StartsAtUtc, DateTime EndsAtUtc, string Place,
    int Capacity, int Enrolled, int Waitlisted, string? TrainerAccount, bool Cancelled);

/// <summary>
/// The sessions on a staff member's desk: a trainer's own (assigned to them), a registrar's all; from a month back on,
/// soonest first. Counts only, no one's data.
/// </summary>
internal sealed class StaffSessions(TrainingDb db, TimeProvider clock)
{
    public async Task<IReadOnlyList<StaffSession>> ListAsync(TrainingStaff staff, CancellationToken cancellationToken)
    {
        var since = clock.GetUtcNow().UtcDateTime.AddDays(-31);
        var query = from s in db.Sessions.AsNoTracking()
                    join c in db.Courses.AsNoTracking() on s.CourseId equals c.Id
                    where s.EndsAtUtc >= since
                    select new { s, c.NameFi, c.NameEn, c.CardTypeKey };
        if (!staff.IsRegistrar)
        {
            query = query.Where(x => x.s.TrainerAccount == staff.Account);
        }

        var sessions = await query.ToListAsync(cancellationToken);
        var ids = sessions.Select(x => x.s.Id).ToList();
        var counts = await db.Enrolments.AsNoTracking().Where(e => ids.Contains(e.SessionId) && e.Status != EnrolmentStatus.Cancelled)
            .GroupBy(e => new { e.SessionId, e.Status }).Select(g => new { g.Key.SessionId, g.Key.Status, Count = g.Count() }).ToListAsync(cancellationToken);
        int Count(Guid id, EnrolmentStatus status) => counts.Where(c => c.SessionId == id && c.Status == status).Sum(c => c.Count);
        return [.. sessions.OrderBy(x => x.s.StartsAtUtc).Select(x => new StaffSession(x.s.Id, x.NameFi, x.NameEn, x.CardTypeKey, x.s.StartsAtUtc, x.s.EndsAtUtc, x.s.Place,
            x.s.Capacity, Count(x.s.Id, EnrolmentStatus.Enrolled), Count(x.s.Id, EnrolmentStatus.Waitlisted), x.s.TrainerAccount, x.s.CancelledAtUtc is not null))];
    }
}
