using System.Net;
using Custodian.Modules.Training.Employers;
using Custodian.Modules.Training.Enrolment;
using Custodian.Modules.Training.Marketing;
using Custodian.Modules.Training.Rights;
using Custodian.Modules.Training.SelfService;
using Custodian.Modules.Training.SignIn;
using Custodian.Privacy.Abstractions.Consent;
using Custodian.Privacy.Abstractions.Identifiers;
using Custodian.Privacy.Abstractions.Protection;
using Custodian.Privacy.Abstractions.Requests;
using Custodian.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Custodian.Modules.Training.Tests;

/// <summary>Sign-in links, the trainee's own record and actions, and the employer's view of only its own employees.</summary>
public sealed class SelfServiceTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Theory]
    [InlineData(RecordsProvider.Sqlite)]
    [InlineData(RecordsProvider.Postgres)]
    public async Task A_sign_in_link_goes_only_to_a_known_address_works_once_and_not_after_15_minutes(RecordsProvider records)
    {
        await using var world = await TrainingWorld.StartAsync(records);
        var anna = await world.TraineeAsync("Anna", "Virtanen", "anna@example.fi");

        await world.InScopeAsync(sp => sp.GetRequiredService<TrainingSignInLinks>().SendAsync("Anna@Example.fi", "fi", Ct));
        await world.InScopeAsync(sp => sp.GetRequiredService<TrainingSignInLinks>().SendAsync("stranger@example.fi", "fi", Ct));
        var token = world.Host.LinkIn("anna@example.fi", "/training/sign-in/")["/training/sign-in/".Length..];

        var peeked = await world.InScopeAsync(sp => sp.GetRequiredService<TrainingSignInLinks>().RedeemAsync(token, peekOnly: true, Ct));
        var used = await world.InScopeAsync(sp => sp.GetRequiredService<TrainingSignInLinks>().RedeemAsync(token, peekOnly: false, Ct));
        var again = await world.InScopeAsync(sp => sp.GetRequiredService<TrainingSignInLinks>().RedeemAsync(token, peekOnly: false, Ct));
        await world.InScopeAsync(sp => sp.GetRequiredService<TrainingSignInLinks>().SendAsync("anna@example.fi", "en", Ct));
        var late = world.Host.LinkIn("anna@example.fi", "/training/sign-in/")["/training/sign-in/".Length..];
        world.Host.SettableClock.Advance(TimeSpan.FromMinutes(15) + TimeSpan.FromSeconds(1));
        var expired = await world.InScopeAsync(sp => sp.GetRequiredService<TrainingSignInLinks>().RedeemAsync(late, peekOnly: false, Ct));

        var index = world.Host.Services.GetRequiredService<IPersonalDataVault>().BlindIndexOf(IdentifierType.Email, "anna@example.fi");
        Assert.Equal(index, peeked);
        Assert.Equal(index, used);
        Assert.Null(again);
        Assert.Null(expired);
        Assert.Empty(world.Host.Mail.To("stranger@example.fi"));
        var people = await world.InScopeAsync(sp => Custodian.Modules.Training.SignIn.TrainingPeople.OfAsync(sp.GetRequiredService<TrainingDb>(), index, Ct));
        Assert.Equal([anna.Id], people.Trainees);
        Assert.False(people.IsEmployerContact);
        var stored = await world.InScopeAsync(sp => sp.GetRequiredService<TrainingDb>().SignInLinks.Select(l => l.TokenHash).ToListAsync(Ct));
        Assert.DoesNotContain(stored, h => h.AsSpan().SequenceEqual(System.Text.Encoding.UTF8.GetBytes(token)));
    }

    [Fact]
    public async Task An_address_gets_at_most_three_links_in_15_minutes_and_again_after()
    {
        await using var world = await TrainingWorld.StartAsync();
        await world.EmployerAsync("Rakennus Oy", "2345678-0", "Pekka Esimies", "pekka@rakennus.fi");

        for (var i = 0; i < 5; i++)
        {
            await world.InScopeAsync(sp => sp.GetRequiredService<TrainingSignInLinks>().SendAsync("pekka@rakennus.fi", "fi", Ct));
        }

        var inWindow = world.Host.Mail.To("pekka@rakennus.fi").Count;
        world.Host.SettableClock.Advance(TimeSpan.FromMinutes(16));
        await world.InScopeAsync(sp => sp.GetRequiredService<TrainingSignInLinks>().SendAsync("pekka@rakennus.fi", "fi", Ct));

        Assert.Equal((3, 4), (inWindow, world.Host.Mail.To("pekka@rakennus.fi").Count));
        await Assert.ThrowsAsync<TrainingInputException>(() => world.InScopeAsync(sp => sp.GetRequiredService<TrainingSignInLinks>().SendAsync("not an address", "fi", Ct)));
    }

    [Theory]
    [InlineData(RecordsProvider.Sqlite)]
    [InlineData(RecordsProvider.Postgres)]
    public async Task The_trainee_sees_their_data_enrolments_and_cards_and_cancelling_frees_the_seat_but_not_anothers(RecordsProvider records)
    {
        await using var world = await TrainingWorld.StartAsync(records);
        var anna = await world.TraineeAsync("Anna", "Virtanen", "anna@example.fi");
        var ville = await world.TraineeAsync("Ville", "Nieminen", "ville@example.fi");
        var passed = await world.EnrolAsync(anna, company: "Rakennus Oy", position: "Kirvesmies");
        await world.PassAndCertifyAsync(anna, passed, new DateOnly(2026, 11, 30));
        var upcoming = await world.InScopeAsync(sp => sp.GetRequiredService<Catalogue.ManageCatalogue>().AddSessionAsync(new Catalogue.ManageCatalogue.SessionInput(world.Course,
            new DateTime(2027, 1, 11, 6, 0, 0, DateTimeKind.Utc), new DateTime(2027, 1, 11, 14, 0, 0, DateTimeKind.Utc), "Tampere", 10, null), Ct));
        var next = await world.EnrolAsync(anna, upcoming);
        var villes = await world.EnrolAsync(ville, upcoming);
        var index = world.Host.Services.GetRequiredService<IPersonalDataVault>().BlindIndexOf(IdentifierType.Email, "anna@example.fi");

        var view = await world.InScopeAsync(sp => sp.GetRequiredService<OwnTrainingRecord>().ReadAsync("trainee-anna", index, Ct));
        await world.InScopeAsync(sp => sp.GetRequiredService<CancelOwnEnrolment>().CancelAsync("trainee-anna", index, next, Ct));
        var twice = await Assert.ThrowsAsync<TrainingInputException>(() => world.InScopeAsync(sp => sp.GetRequiredService<CancelOwnEnrolment>().CancelAsync("trainee-anna", index, next, Ct)));
        await Assert.ThrowsAsync<TrainingNotFoundException>(() => world.InScopeAsync(sp => sp.GetRequiredService<CancelOwnEnrolment>().CancelAsync("trainee-anna", index, villes, Ct)));

        var me = Assert.Single(view.People);
        Assert.Equal(("Anna", "Virtanen", anna.Hetu, "anna@example.fi"), (me.FirstName, me.LastName, me.Hetu, me.Email));
        Assert.Equal(2, me.Enrolments.Count);
        Assert.Contains(me.Enrolments, e => e.Id == passed && e.Company == "Rakennus Oy" && e.Position == "Kirvesmies");
        var card = Assert.Single(me.Cards);
        Assert.Equal(new DateOnly(2031, 11, 29), card.ValidUntil);
        Assert.True(card.ValidOn(new DateOnly(2026, 12, 7)));
        Assert.Equal("enrolment", twice.Field);
        var (status, seats) = await world.InScopeAsync(async sp =>
        {
            var db = sp.GetRequiredService<TrainingDb>();
            return ((await db.Enrolments.SingleAsync(e => e.Id == next, Ct)).Status, (await db.Sessions.SingleAsync(s => s.Id == upcoming, Ct)).SeatsTaken);
        });
        Assert.Equal((EnrolmentStatus.Cancelled, 1), (status, seats));
    }

    [Theory]
    [InlineData(RecordsProvider.Sqlite)]
    [InlineData(RecordsProvider.Postgres)]
    public async Task A_trainee_cancelling_on_their_own_page_gives_the_seat_to_the_first_on_the_waiting_list_and_mails_them(RecordsProvider records)
    {
        await using var world = await TrainingWorld.StartAsync(records, capacity: 1, b => b.Started());
        var seated = await world.EnrolAsync(People.Person(0), marketing: false);
        world.Host.SettableClock.Advance(TimeSpan.FromMinutes(1));
        var first = await world.EnrolAsync(People.Person(1), marketing: false);
        world.Host.SettableClock.Advance(TimeSpan.FromMinutes(1));
        var second = await world.EnrolAsync(People.Person(2), marketing: false);
        await world.InScopeAsync(sp => sp.GetRequiredService<TrainingSignInLinks>().SendAsync(People.Email(0), "fi", Ct));
        using var trainee = world.Host.CreateClient();
        using var signedIn = await trainee.PostFormAsync(world.Host.LinkIn(People.Email(0), "/training/sign-in/"), [], cancellationToken: Ct);

        using var cancelled = await trainee.PostFormAsync("/training/me?handler=Cancel", [new("enrolment", seated.EnrolmentId.ToString("D"))], tokenFrom: "/training/me", cancellationToken: Ct);

        Assert.Equal((EnrolmentStatus.Enrolled, EnrolmentStatus.Waitlisted, EnrolmentStatus.Waitlisted), (seated.Status, first.Status, second.Status));
        Assert.Equal((HttpStatusCode.Redirect, HttpStatusCode.OK), (signedIn.StatusCode, cancelled.StatusCode));
        var (statuses, seats) = await world.InScopeAsync(async sp =>
        {
            var db = sp.GetRequiredService<TrainingDb>();
            var all = await db.Enrolments.ToDictionaryAsync(e => e.Id, e => e.Status, Ct);
            return ((all[seated.EnrolmentId], all[first.EnrolmentId], all[second.EnrolmentId]), (await db.Sessions.SingleAsync(s => s.Id == world.Session, Ct)).SeatsTaken);
        });
        Assert.Equal((EnrolmentStatus.Cancelled, EnrolmentStatus.Enrolled, EnrolmentStatus.Waitlisted), statuses);
        Assert.Equal(1, seats);
        var promotion = world.MailsTo(People.Email(1))[^1];
        Assert.Contains("kurssilta vapautui paikka", promotion, StringComparison.Ordinal);
        Assert.Contains(first.Reference, promotion, StringComparison.Ordinal);
        Assert.Single(world.Host.Mail.To(People.Email(2)));
    }

    [Theory]
    [InlineData(RecordsProvider.Sqlite)]
    [InlineData(RecordsProvider.Postgres)]
    public async Task Stopping_marketing_withdraws_the_consent_and_suppresses_the_address_once(RecordsProvider records)
    {
        await using var world = await TrainingWorld.StartAsync(records);
        var anna = await world.TraineeAsync("Anna", "Virtanen", "anna@example.fi");
        await world.InScopeAsync(sp => sp.GetRequiredService<IConsentLedger>().GiveAsync(anna.Subject, StopMarketing.Purpose, "Kurssitarjoukset sähköpostilla.", new ConsentEvidence(ConsentChannel.WebForm, "enrolment"), Ct));
        var index = world.Host.Services.GetRequiredService<IPersonalDataVault>().BlindIndexOf(IdentifierType.Email, "anna@example.fi");

        await world.InScopeAsync(sp => sp.GetRequiredService<StopMarketing>().StopAsync(anna.Subject, index, "self-service", Ct));
        await world.InScopeAsync(sp => sp.GetRequiredService<StopMarketing>().StopAsync(anna.Subject, index, "unsubscribe-link", Ct));

        var (consent, withdrawals, suppressed) = await world.InScopeAsync(async sp =>
        {
            var ledger = sp.GetRequiredService<IConsentLedger>();
            var history = await ledger.HistoryAsync(anna.Subject, Ct);
            return (await ledger.HasConsentAsync(anna.Subject, StopMarketing.Purpose, Ct), history.Count(e => !e.Given), await sp.GetRequiredService<TrainingDb>().Suppressions.ToListAsync(Ct));
        });
        Assert.False(consent);
        Assert.Equal(1, withdrawals);
        var entry = Assert.Single(suppressed);
        Assert.Equal(index, entry.EmailIndex);
        Assert.Equal("self-service", entry.Via);
    }

    [Theory]
    [InlineData(RecordsProvider.Sqlite)]
    [InlineData(RecordsProvider.Postgres)]
    public async Task An_employer_contact_sees_and_exports_only_its_own_employees(RecordsProvider records)
    {
        await using var world = await TrainingWorld.StartAsync(records);
        var rakennus = await world.EmployerAsync("Rakennus Oy", "2345678-0", "Pekka Esimies", "pekka@rakennus.fi");
        var sahko = await world.EmployerAsync("Sähkö Oy", "7654321-2", "Sari Sähkö", "sari@sahko.fi");
        var anna = await world.TraineeAsync("Anna", "Virtanen", "anna@example.fi");
        var ville = await world.TraineeAsync("Ville", "Nieminen", "ville@example.fi");
        var olli = await world.TraineeAsync("Olli", "Omatoiminen", "olli@example.fi");
        var annas = await world.EnrolAsync(anna, employer: rakennus, company: "Rakennus Oy", position: "=HYPERLINK(\"x\")");
        await world.PassAndCertifyAsync(anna, annas, new DateOnly(2026, 11, 30));
        await world.EnrolAsync(ville, employer: sahko, company: "Sähkö Oy", position: "Asentaja");
        await world.EnrolAsync(olli, company: "Rakennus Oy");
        var vault = world.Host.Services.GetRequiredService<IPersonalDataVault>();

        var pekkas = await world.InScopeAsync(sp => sp.GetRequiredService<EmployerRoster>().ReadAsync("employer-contact-1", vault.BlindIndexOf(IdentifierType.Email, "pekka@rakennus.fi"), "roster", Ct));
        var annasOwn = await world.InScopeAsync(sp => sp.GetRequiredService<EmployerRoster>().ReadAsync("trainee-1", vault.BlindIndexOf(IdentifierType.Email, "anna@example.fi"), "roster", Ct));

        var employer = Assert.Single(pekkas);
        var row = Assert.Single(employer.Rows);
        Assert.Equal(("Anna", "Virtanen", true, true), (row.FirstName, row.LastName, row.Passed, row.CardNumber is not null));
        Assert.Empty(annasOwn);
        var csv = System.Text.Encoding.UTF8.GetString(EmployerRosterExport.Write(employer, "csv").Content);
        Assert.Contains("Anna;Virtanen;\"'=HYPERLINK(\"\"x\"\")\"", csv, StringComparison.Ordinal);
        Assert.DoesNotContain("Ville", csv, StringComparison.Ordinal);
        Assert.DoesNotContain("Olli", csv, StringComparison.Ordinal);
        var xlsx = EmployerRosterExport.Write(employer, "xlsx").Content;
        using var stream = new MemoryStream(xlsx);
        var sheet = MiniExcelLibs.MiniExcel.Query(stream, useHeaderRow: true).Cast<IDictionary<string, object?>>().ToList();
        Assert.Equal("Anna", Assert.Single(sheet)["Etunimi"]);
        var trail = await world.InScopeAsync(sp => sp.GetRequiredService<Privacy.Abstractions.Audit.IAccessTrail>().ForSubjectAsync(anna.Subject, null, Ct));
        Assert.Contains(trail, v => v.Organisation == "Rakennus Oy" && v.Role == "employer contact");
    }

    [Fact]
    public async Task An_employer_needs_a_valid_y_tunnus_and_a_way_to_be_invoiced_and_is_registered_once()
    {
        await using var world = await TrainingWorld.StartAsync();
        RegisterEmployer.Input Input(string businessId, string? eInvoice = "003712345671", string? op = "003721291126", string? postal = null) =>
            new("Rakennus Oy", businessId, "Pekka Esimies", "pekka@rakennus.fi", eInvoice, op, postal, null);
        Task<Guid> Register(RegisterEmployer.Input input) => world.InScopeAsync(sp => sp.GetRequiredService<RegisterEmployer>().RegisterAsync(TrainingWorld.Registrar, input, Ct));

        var badCheck = await Assert.ThrowsAsync<TrainingInputException>(() => Register(Input("2345678-1")));
        var noBilling = await Assert.ThrowsAsync<TrainingInputException>(() => Register(Input("2345678-0", null, null)));
        var noOperator = await Assert.ThrowsAsync<TrainingInputException>(() => Register(Input("2345678-0", op: null)));
        await Register(Input("2345678-0", null, null, "Työmaantie 1, 00100 Helsinki"));
        var twice = await Assert.ThrowsAsync<TrainingInputException>(() => Register(Input("2345678-0")));

        Assert.Equal(("businessId", "eInvoiceAddress", "eInvoiceOperator", "businessId"), (badCheck.Field, noBilling.Field, noOperator.Field, twice.Field));
        Assert.Equal(1, await world.InScopeAsync(sp => sp.GetRequiredService<TrainingDb>().Employers.CountAsync(Ct)));
    }

    [Theory]
    [InlineData(RecordsProvider.Sqlite)]
    [InlineData(RecordsProvider.Postgres)]
    public async Task Erasing_an_employer_contact_keeps_the_company_and_its_employees_but_nothing_of_the_contact(RecordsProvider records)
    {
        await using var world = await TrainingWorld.StartAsync(records);
        var rakennus = await world.EmployerAsync("Rakennus Oy", "2345678-0", "Pekka Esimies", "pekka@rakennus.fi");
        var anna = await world.TraineeAsync("Anna", "Virtanen", "anna@example.fi");
        await world.EnrolAsync(anna, employer: rakennus);
        var vault = world.Host.Services.GetRequiredService<IPersonalDataVault>();

        var (before, erased, after, employers, annas) = await world.InScopeAsync(async sp =>
        {
            var provider = sp.GetRequiredService<TrainingDataProvider>();
            var pekka = Assert.Single(await provider.FindSubjectsAsync([new SubjectIdentifier(IdentifierType.Email, vault.BlindIndexOf(IdentifierType.Email, "pekka@rakennus.fi"))], Ct));
            var exported = await provider.ExportAsync(pekka, "training", Ct);
            var result = await provider.EraseAsync(pekka, "training", Ct);
            return (exported, result, await provider.ExportAsync(pekka, "training", Ct), await sp.GetRequiredService<TrainingDb>().Employers.ToListAsync(Ct), await provider.ExportAsync(anna.Subject, "training", Ct));
        });

        var contact = Assert.Single(before);
        Assert.Equal(("Pekka Esimies", "pekka@rakennus.fi"), (contact.Fields.Single(f => f.Name == "employer_contact_name").Value, contact.Fields.Single(f => f.Name == "employer_contact_email").Value));
        Assert.Equal((0, 1), (erased.Erased, erased.Anonymised));
        Assert.Empty(after);
        Assert.Equal(("Rakennus Oy", 0), (Assert.Single(employers).Name, employers[0].ContactEmailIndex.Length));
        Assert.Equal(2, annas.Count);
    }
}
