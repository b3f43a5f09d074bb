using Custodian.Modules.Training.Enrolment;
using Custodian.Modules.Training.Staff;
using Custodian.Privacy.Abstractions.Audit;
using Custodian.Privacy.Abstractions.Identifiers;
using Custodian.Privacy.Abstractions.Protection;
using Microsoft.EntityFrameworkCore;

namespace Custodian.Modules.Training.Search;

internal sealed record FoundEnrolment(Guid EnrolmentId, Guid SessionId, string CourseFi, string CourseEn, DateTime StartsAtUtc, EnrolmentStatus Status, bool? Attended, string? CertificateNumber, DateOnly? ValidUntil);

internal sealed record FoundTrainee(TraineeView Trainee, IReadOnlyList<FoundEnrolment> Enrolments);

/// <summary>
/// The registrar finds trainees by henkilötunnus or e-mail (through their blind indexes: nothing is decrypted to
/// search) or by session; only the rows found are decrypted, and each is an audited view.
/// </summary>
internal sealed class SearchTrainees(TrainingDb db, IPersonalDataVault vault, IAuditLog audit)
{
    public const string What = "search result";

    public async Task<IReadOnlyList<FoundTrainee>> SearchAsync(TrainingStaff staff, string? hetu, string? email, Guid? sessionId, CancellationToken cancellationToken)
    {
        staff.RequireRegistrar();
        IQueryable<TraineeRecord> query;
        if (!string.IsNullOrWhiteSpace(hetu))
        {
            var check = Identifier.Check(IdentifierType.Hetu, hetu.Trim());
            var index = check.IsValid ? vault.BlindIndex("hetu", check.Normalised!) : throw new TrainingInputException("hetu", "Enter a valid henkilötunnus (e.g. 131052-308T).");
            query = db.Trainees.Where(t => t.HetuIndex == index);
        }
        else if (!string.IsNullOrWhiteSpace(email))
        {
            var check = Identifier.Check(IdentifierType.Email, email.Trim());
            var index = check.IsValid ? vault.BlindIndex("email", check.Normalised!) : throw new TrainingInputException("email", "Enter a valid e-mail address.");
            query = db.Trainees.Where(t => t.EmailIndex == index);
        }
        else if (sessionId is { } session)
        {
            query = db.Trainees.Where(t => db.Enrolments.Any(e => e.TraineeId == t.Id && e.SessionId == session && e.Status != EnrolmentStatus.Cancelled));
        }
        else
        {
            throw new TrainingInputException("hetu", "Search by henkilötunnus, e-mail or session.");
        }

        var trainees = await query.AsNoTracking().Take(200).ToListAsync(cancellationToken);
        var ids = trainees.Select(t => t.Id).ToList();
        var enrolments = await (from e in db.Enrolments.AsNoTracking()
                                join s in db.Sessions.AsNoTracking() on e.SessionId equals s.Id
                                join c in db.Courses.AsNoTracking() on s.CourseId equals c.Id
                                where ids.Contains(e.TraineeId)
                                select new { e.TraineeId, e.Id, SessionId = s.Id, c.NameFi, c.NameEn, s.StartsAtUtc, e.Status, e.Attended }).ToListAsync(cancellationToken);
        var cards = await db.Certificates.AsNoTracking().Where(c => ids.Contains(c.TraineeId)).Select(c => new { c.EnrolmentId, c.CertificateNumber, c.ValidUntil }).ToListAsync(cancellationToken);
        await audit.AppendAsync([.. trainees.Select(t => TrainingAudit.View(staff, t, What))], cancellationToken);
        var found = new List<FoundTrainee>();
        foreach (var t in trainees)
        {
            found.Add(new FoundTrainee(await TraineeData.OpenAsync(vault, t, cancellationToken), [.. enrolments.Where(e => e.TraineeId == t.Id).OrderByDescending(e => e.StartsAtUtc).Select(e =>
            {
                var card = cards.FirstOrDefault(c => c.EnrolmentId == e.Id);
                return new FoundEnrolment(e.Id, e.SessionId, e.NameFi, e.NameEn, e.StartsAtUtc, e.Status, e.Attended, card?.CertificateNumber, card?.ValidUntil);
            })]));
        }

        return [.. found.OrderBy(f => f.Trainee.LastName, StringComparer.CurrentCulture).ThenBy(f => f.Trainee.FirstName, StringComparer.CurrentCulture)];
    }
}
