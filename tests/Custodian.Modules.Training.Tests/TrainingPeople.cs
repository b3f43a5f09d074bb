using Custodian.Modules.Training.Employers;
using Custodian.Modules.Training.Enrolment;
using Custodian.Privacy.Abstractions.Identifiers;
using Custodian.Privacy.Abstractions.Protection;
using Microsoft.Extensions.DependencyInjection;

namespace Custodian.Modules.Training.Tests;

/// <summary>
/// Puts employers, trainees and enrolments straight into the records, sealed as the module seals them, for tests of
/// what comes after enrolment (invoicing, marketing, retention) without going through the enrolment form.
/// </summary>
internal static class TrainingPeople
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public static async Task<Guid> AddPayingEmployerAsync(this TrainingWorld world, string name = "Rakennus Virtanen Oy", string businessId = "2077474-0") => await world.InScopeAsync(async sp =>
    {
        var (db, vault) = (sp.GetRequiredService<TrainingDb>(), sp.GetRequiredService<IPersonalDataVault>());
        var id = Guid.CreateVersion7();
        var contact = SubjectId.New();
        db.Employers.Add(new EmployerRecord
        {
            Id = id,
            Name = name,
            BusinessId = businessId,
            ContactSubjectId = contact,
            EmployerContactName = await vault.SealAsync(KeyScope.Subject(contact), new FieldAddress(EmployerRecord.Table, "employer_contact_name", id.ToString("N")), "Liisa Virtanen", Ct),
            EmployerContactEmail = await vault.SealAsync(KeyScope.Subject(contact), new FieldAddress(EmployerRecord.Table, "employer_contact_email", id.ToString("N")), "liisa.virtanen@example.fi", Ct),
            ContactEmailIndex = vault.BlindIndexOf(IdentifierType.Email, "liisa.virtanen@example.fi"),
            EInvoiceAddress = "003720774740",
            EInvoiceOperator = "003721291126",
            InvoiceReference = "Työmaa 12",
            CreatedAtUtc = TrainingWorld.Start.UtcDateTime,
        });
        await db.SaveChangesAsync(Ct);
        return id;
    });

    public sealed record Person(Guid TraineeId, SubjectId Subject, string Email);

    public static async Task<Person> AddTraineeAsync(this TrainingWorld world, string first, string last, string hetu, string email) => await world.InScopeAsync(async sp =>
    {
        var (db, vault) = (sp.GetRequiredService<TrainingDb>(), sp.GetRequiredService<IPersonalDataVault>());
        var id = Guid.CreateVersion7();
        var subject = SubjectId.New();
        var scope = KeyScope.Subject(subject);
        FieldAddress At(string column) => new(TraineeRecord.Table, column, id.ToString("N"));
        db.Trainees.Add(new TraineeRecord
        {
            Id = id,
            SubjectId = subject,
            FirstName = await vault.SealAsync(scope, At("first_name"), first, Ct),
            LastName = await vault.SealAsync(scope, At("last_name"), last, Ct),
            Hetu = await vault.SealAsync(scope, At("hetu"), hetu, Ct),
            HetuIndex = vault.BlindIndexOf(IdentifierType.Hetu, hetu),
            Email = await vault.SealAsync(scope, At("email"), email, Ct),
            EmailIndex = vault.BlindIndexOf(IdentifierType.Email, email),
            CreatedAtUtc = TrainingWorld.Start.UtcDateTime,
            LastActivityAtUtc = TrainingWorld.Start.UtcDateTime,
        });
        await db.SaveChangesAsync(Ct);
        return new Person(id, subject, email);
    });

    public static async Task<Guid> EnrolAsync(this TrainingWorld world, Guid traineeId, Guid? session = null, Guid? employer = null, EnrolmentStatus status = EnrolmentStatus.Enrolled, bool marketing = false, bool? attended = null) => await world.InScopeAsync(async sp =>
    {
        var db = sp.GetRequiredService<TrainingDb>();
        var id = Guid.CreateVersion7();
        db.Enrolments.Add(new EnrolmentRecord
        {
            Id = id,
            SessionId = session ?? world.Session,
            TraineeId = traineeId,
            Reference = OneTimeTokens.NewReference("T"),
            Status = status,
            Source = employer is null ? EnrolmentSource.Person : EnrolmentSource.Employer,
            EmployerId = employer,
            MarketingConsent = marketing,
            CancelTokenHash = OneTimeTokens.New().Hash,
            CreatedAtUtc = TrainingWorld.Start.UtcDateTime,
            Attended = attended,
        });
        await db.SaveChangesAsync(Ct);
        return id;
    });

    /// <summary>The people of the tests: valid henkilötunnus values (check characters right), made-up names.</summary>
    public static readonly (string First, string Last, string Hetu, string Email)[] Crew =
    [
        ("Matti", "Meikäläinen", "131052-308T", "matti.meikalainen@example.fi"),
        ("Maija", "Mallikas", "010203A1230", "maija.mallikas@example.fi"),
        ("Pekka", "Puupää", "111111-111C", "pekka.puupaa@example.fi"),
    ];
}
