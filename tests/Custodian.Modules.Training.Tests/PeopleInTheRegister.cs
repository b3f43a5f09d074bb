using System.Globalization;
using Custodian.Modules.Training.Cards;
using Custodian.Modules.Training.Employers;
using Custodian.Modules.Training.Enrolment;
using Custodian.Modules.Training.Exams;
using Custodian.Privacy.Abstractions.Identifiers;
using Custodian.Privacy.Abstractions.Protection;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Custodian.Modules.Training.Tests;

/// <summary>
/// Arranges people in the register the way the enrolment, attendance and card use cases leave them: trainees sealed
/// under their own key at the fields' addresses, enrolments (by the person or an employer), exams and cards, employers.
/// </summary>
internal static class PeopleInTheRegister
{
    private static int _people;

    /// <summary>Valid temporary identity codes (individual numbers 900-999), never a real person's.</summary>
    public static string Hetu(int n)
    {
        var date = "150390";
        var number = (900 + (n % 100)).ToString(CultureInfo.InvariantCulture);
        return date + "-" + number + "0123456789ABCDEFHJKLMNPRSTUVWXY"[(int)(long.Parse(date + number, CultureInfo.InvariantCulture) % 31)];
    }

    public sealed record Trainee(Guid Id, SubjectId Subject, string Email, string Hetu);

    public static async Task<Trainee> TraineeAsync(this TrainingWorld world, string firstName, string lastName, string email, string? phone = "+358401234567")
    {
        var n = Interlocked.Increment(ref _people);
        var hetu = Hetu(n);
        return await world.InScopeAsync(async sp =>
        {
            var (db, vault) = (sp.GetRequiredService<TrainingDb>(), sp.GetRequiredService<IPersonalDataVault>());
            var (id, subject) = (Guid.CreateVersion7(), SubjectId.New());
            var scope = KeyScope.Subject(subject);
            var now = world.Host.Clock.GetUtcNow().UtcDateTime;
            db.Trainees.Add(new TraineeRecord
            {
                Id = id,
                SubjectId = subject,
                FirstName = await vault.SealAsync(scope, TrainingFields.Of(TraineeRecord.Table, "first_name", id), firstName, Ct),
                LastName = await vault.SealAsync(scope, TrainingFields.Of(TraineeRecord.Table, "last_name", id), lastName, Ct),
                Hetu = await vault.SealAsync(scope, TrainingFields.Of(TraineeRecord.Table, "hetu", id), hetu, Ct),
                HetuIndex = vault.BlindIndexOf(IdentifierType.Hetu, hetu),
                Email = await vault.SealAsync(scope, TrainingFields.Of(TraineeRecord.Table, "email", id), email, Ct),
                EmailIndex = vault.BlindIndexOf(IdentifierType.Email, email),
                Phone = phone is null ? null : await vault.SealAsync(scope, TrainingFields.Of(TraineeRecord.Table, "phone", id), phone, Ct),
                CreatedAtUtc = now,
                LastActivityAtUtc = now,
            });
            await db.SaveChangesAsync(Ct);
            return new Trainee(id, subject, email, hetu);
        });
    }

    /// <summary>Enrols the trainee into the session (taking a seat), by themself or by an employer, with company and position.</summary>
    public static Task<Guid> EnrolAsync(this TrainingWorld world, Trainee trainee, Guid? session = null, Guid? employer = null, string? company = null, string? position = null) =>
        world.InScopeAsync(async sp =>
        {
            var (db, vault) = (sp.GetRequiredService<TrainingDb>(), sp.GetRequiredService<IPersonalDataVault>());
            var id = Guid.CreateVersion7();
            var scope = KeyScope.Subject(trainee.Subject);
            var sessionId = session ?? world.Session;
            db.Enrolments.Add(new EnrolmentRecord
            {
                Id = id,
                SessionId = sessionId,
                TraineeId = trainee.Id,
                Reference = OneTimeTokens.NewReference("K"),
                Status = EnrolmentStatus.Enrolled,
                Source = employer is null ? EnrolmentSource.Person : EnrolmentSource.Employer,
                EmployerId = employer,
                CompanyName = company is null ? null : await vault.SealAsync(scope, TrainingFields.Of(EnrolmentRecord.Table, "company_name", id), company, Ct),
                Position = position is null ? null : await vault.SealAsync(scope, TrainingFields.Of(EnrolmentRecord.Table, "position", id), position, Ct),
                CancelTokenHash = OneTimeTokens.New().Hash,
                CreatedAtUtc = world.Host.Clock.GetUtcNow().UtcDateTime,
            });
            await db.SaveChangesAsync(Ct);
            await db.Sessions.Where(s => s.Id == sessionId).ExecuteUpdateAsync(u => u.SetProperty(s => s.SeatsTaken, s => s.SeatsTaken + 1), Ct);
            return id;
        });

    /// <summary>A passed exam with its score and paper, and the card issued on <paramref name="issuedOn"/> (valid five years).</summary>
    public static Task<Guid> PassAndCertifyAsync(this TrainingWorld world, Trainee trainee, Guid enrolment, DateOnly issuedOn) =>
        world.InScopeAsync(async sp =>
        {
            var (db, vault) = (sp.GetRequiredService<TrainingDb>(), sp.GetRequiredService<IPersonalDataVault>());
            var scope = KeyScope.Subject(trainee.Subject);
            var exam = Guid.CreateVersion7();
            db.Exams.Add(new ExamRecord
            {
                Id = exam,
                EnrolmentId = enrolment,
                TakenOn = issuedOn,
                Passed = true,
                ExamScore = await vault.SealAsync(scope, TrainingFields.Of(ExamRecord.Table, "exam_score", exam), "42/50", Ct),
                ExamAnswers = await vault.SealAsync(scope, TrainingFields.Of(ExamRecord.Table, "exam_answers", exam), "%PDF-1.4 answers"u8.ToArray(), Ct),
                PaperContentType = "application/pdf",
                PaperSize = 16,
                RecordedBy = TrainingWorld.Trainer,
                RecordedAtUtc = world.Host.Clock.GetUtcNow().UtcDateTime,
            });
            var card = Guid.CreateVersion7();
            db.Certificates.Add(new CertificateRecord
            {
                Id = card,
                TraineeId = trainee.Id,
                EnrolmentId = enrolment,
                CardTypeKey = "tyoturvallisuuskortti",
                CertificateNumber = "TTK-2026-" + card.ToString("N")[^8..],
                VerificationCode = OneTimeTokens.NewReference("V")[2..],
                IssuedOn = issuedOn,
                ValidUntil = issuedOn.AddYears(5).AddDays(-1),
                IssuedBy = TrainingWorld.Registrar,
                IssuedAtUtc = world.Host.Clock.GetUtcNow().UtcDateTime,
            });
            await db.SaveChangesAsync(Ct);
            return card;
        });

    /// <summary>An employer registered by the registrar, with its contact person.</summary>
    public static Task<Guid> EmployerAsync(this TrainingWorld world, string name, string businessId, string contactName, string contactEmail) =>
        world.InScopeAsync(sp => sp.GetRequiredService<RegisterEmployer>().RegisterAsync(TrainingWorld.Registrar,
            new RegisterEmployer.Input(name, businessId, contactName, contactEmail, "003712345671", "003721291126", null, "Koulutus 2027"), Ct));

    private static CancellationToken Ct => TestContext.Current.CancellationToken;
}
