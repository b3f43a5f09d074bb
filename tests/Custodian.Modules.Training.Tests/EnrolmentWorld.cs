using Custodian.Modules.Training.Catalogue;
using Custodian.Modules.Training.Employers;
using Custodian.Modules.Training.Enrolment;
using Custodian.Privacy.Abstractions.Protection;
using Microsoft.Extensions.DependencyInjection;

namespace Custodian.Modules.Training.Tests;

/// <summary>Enrolment steps on a <see cref="TrainingWorld"/>, each in its own scope as separate requests would be.</summary>
internal static class EnrolmentWorld
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public static Task<EnrolPerson.Result> EnrolAsync(this TrainingWorld world, PersonInput person, bool marketing, Guid? session = null, string? key = null) =>
        world.InScopeAsync(sp => sp.GetRequiredService<EnrolPerson>().EnrolAsync(new EnrolPerson.Request(session ?? world.Session, person, marketing, key), Ct));

    public static Task<EnrolGroup.Result> EnrolGroupAsync(this TrainingWorld world, Guid employer, IReadOnlyList<PersonInput> people, Guid? session = null) =>
        world.InScopeAsync(sp => sp.GetRequiredService<EnrolGroup>().EnrolAsync(new EnrolGroup.Request(session ?? world.Session, employer, people), Ct));

    /// <summary>Another session of the world's course, by default on 21.12.2026.</summary>
    public static Task<Guid> AddSessionAsync(this TrainingWorld world, int capacity, DateTime? startsAtUtc = null) => world.InScopeAsync(sp =>
    {
        var start = startsAtUtc ?? new DateTime(2026, 12, 21, 6, 0, 0, DateTimeKind.Utc);
        return sp.GetRequiredService<ManageCatalogue>().AddSessionAsync(new ManageCatalogue.SessionInput(world.Course, start, start.AddHours(8), "Hämeenkatu 10, 33100 Tampere", capacity, null), Ct);
    });

    public static Task<Guid> AddEmployerAsync(this TrainingWorld world) => world.InScopeAsync(async sp =>
    {
        var vault = sp.GetRequiredService<IPersonalDataVault>();
        var db = sp.GetRequiredService<TrainingDb>();
        var (id, contact) = (Guid.CreateVersion7(), SubjectId.New());
        db.Employers.Add(new EmployerRecord
        {
            Id = id,
            Name = "Custodian Rakennus Oy",
            BusinessId = "3141593-8",
            ContactSubjectId = contact,
            EmployerContactName = await vault.SealAsync(KeyScope.Subject(contact), new FieldAddress(EmployerRecord.Table, "employer_contact_name", id.ToString("N")), "Eero Esimies", Ct),
            EmployerContactEmail = await vault.SealAsync(KeyScope.Subject(contact), new FieldAddress(EmployerRecord.Table, "employer_contact_email", id.ToString("N")), "eero@example.fi", Ct),
            ContactEmailIndex = vault.BlindIndex("email", "eero@example.fi"),
            CreatedAtUtc = world.Host.Clock.GetUtcNow().UtcDateTime,
        });
        await db.SaveChangesAsync(Ct);
        return id;
    });

    /// <summary>The text bodies of the mails the SMTP stand-in received for <paramref name="address"/>, oldest first.</summary>
    public static IReadOnlyList<string> MailsTo(this TrainingWorld world, string address) =>
        [.. world.Host.Mail.To(address).OrderBy(m => m.ReceivedAt).Select(m => MimeKit.MimeMessage.Load(new MemoryStream(System.Text.Encoding.UTF8.GetBytes(m.Data))).TextBody ?? string.Empty)];

    /// <summary>The cancellation token in the newest mail to <paramref name="address"/> that has one.</summary>
    public static string CancelTokenIn(this TrainingWorld world, string address) =>
        world.MailsTo(address).Select(b => System.Text.RegularExpressions.Regex.Match(b, "/training/cancel/([A-Za-z0-9_-]{43})")).Last(m => m.Success).Groups[1].Value;
}
