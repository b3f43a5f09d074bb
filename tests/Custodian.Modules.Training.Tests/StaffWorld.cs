using Custodian.Modules.Training.Enrolment;
using Custodian.Modules.Training.Staff;
using Custodian.Privacy.Abstractions.Identifiers;
using Custodian.Privacy.Abstractions.Protection;
using Custodian.Privacy.Audit;
using Microsoft.Extensions.DependencyInjection;

namespace Custodian.Modules.Training.Tests;

/// <summary>
/// People on a session for the staff tests, stored as the enrolment use case stores them (sealed under the person's
/// key, HETU and e-mail blind-indexed), and what staff work reads back: audit entries and mails.
/// </summary>
internal static class StaffWorld
{
    public static readonly TrainingStaff Trainer = new(TrainingWorld.Trainer, IsRegistrar: false);
    public static readonly TrainingStaff Registrar = new(TrainingWorld.Registrar, IsRegistrar: true);
    public static readonly TrainingStaff OtherTrainer = new("staff-trainer.other", IsRegistrar: false);

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public sealed record Person(Guid TraineeId, Guid EnrolmentId, SubjectId Subject, string Hetu, string Email);

    /// <summary>A valid henkilötunnus for a birth day and individual number (the check character computed as the law gives it).</summary>
    public static string Hetu(int day, int month, int year, int individual)
    {
        var digits = $"{day:D2}{month:D2}{year % 100:D2}{individual:D3}";
        var check = "0123456789ABCDEFHJKLMNPRSTUVWXY"[(int)(long.Parse(digits, System.Globalization.CultureInfo.InvariantCulture) % 31)];
        return $"{digits[..6]}{(year >= 2000 ? 'A' : '-')}{digits[6..]}{check}";
    }

    public static Task<Person> EnrolAsync(this TrainingWorld world, string firstName, string lastName, string hetu, string email, EnrolmentStatus status = EnrolmentStatus.Enrolled,
        Guid? session = null, string? company = null, string? position = null) => world.InScopeAsync(async sp =>
    {
        var db = sp.GetRequiredService<TrainingDb>();
        var vault = sp.GetRequiredService<IPersonalDataVault>();
        var subject = SubjectId.New();
        var key = KeyScope.Subject(subject);
        var trainee = new TraineeRecord { Id = Guid.CreateVersion7(), SubjectId = subject, CreatedAtUtc = TrainingWorld.Start.UtcDateTime, LastActivityAtUtc = TrainingWorld.Start.UtcDateTime };
        trainee.FirstName = await vault.SealAsync(key, TrainingFields.Trainee("first_name", trainee.Id), firstName, Ct);
        trainee.LastName = await vault.SealAsync(key, TrainingFields.Trainee("last_name", trainee.Id), lastName, Ct);
        trainee.Hetu = await vault.SealAsync(key, TrainingFields.Trainee("hetu", trainee.Id), hetu, Ct);
        trainee.HetuIndex = vault.BlindIndexOf(IdentifierType.Hetu, hetu);
        trainee.Email = await vault.SealAsync(key, TrainingFields.Trainee("email", trainee.Id), email, Ct);
        trainee.EmailIndex = vault.BlindIndexOf(IdentifierType.Email, email);
        var enrolment = new EnrolmentRecord
        {
            Id = Guid.CreateVersion7(),
            SessionId = session ?? world.Session,
            TraineeId = trainee.Id,
            Reference = Custodian.Privacy.Abstractions.Protection.OneTimeTokens.NewReference("K"),
            Status = status,
            Source = EnrolmentSource.Person,
            CancelTokenHash = OneTimeTokens.New().Hash,
            CreatedAtUtc = TrainingWorld.Start.UtcDateTime,
        };
        enrolment.CompanyName = company is null ? null : await vault.SealAsync(key, TrainingFields.Enrolment("company_name", enrolment.Id), company, Ct);
        enrolment.Position = position is null ? null : await vault.SealAsync(key, TrainingFields.Enrolment("position", enrolment.Id), position, Ct);
        db.Trainees.Add(trainee);
        db.Enrolments.Add(enrolment);
        await db.SaveChangesAsync(Ct);
        return new Person(trainee.Id, enrolment.Id, subject, hetu, email);
    });

    public static Task<IReadOnlyList<AuditEntryRecord>> AuditAsync(this TrainingWorld world, SubjectId subject) =>
        world.InScopeAsync(sp => sp.GetRequiredService<AuditReader>().ReadAsync(1, subject.ToString(), Ct));

    public static Task<T> Use<TService, T>(this TrainingWorld world, Func<TService, Task<T>> work)
        where TService : notnull => world.InScopeAsync(sp => work(sp.GetRequiredService<TService>()));

    public static Task Use<TService>(this TrainingWorld world, Func<TService, Task> work)
        where TService : notnull => world.InScopeAsync(sp => work(sp.GetRequiredService<TService>()));

    /// <summary>The text bodies of the mails sent to <paramref name="address"/> (through the real SMTP listener).</summary>
    public static IReadOnlyList<string> Mails(this TrainingWorld world, string address) =>
        [.. world.Host.Mail.To(address).Select(m => MimeKit.MimeMessage.Load(new MemoryStream(System.Text.Encoding.UTF8.GetBytes(m.Data))).TextBody ?? string.Empty)];
}
