using Custodian.Modules.Training.Enrolment;
using Custodian.Privacy.Abstractions.Consent;
using Custodian.Privacy.Abstractions.Identifiers;
using Custodian.Privacy.Abstractions.Protection;
using Custodian.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Custodian.Modules.Training.Tests;

/// <summary>Enrolment through the one use case behind the form and the API, on SQLite and PostgreSQL.</summary>
public sealed class EnrolmentTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Theory]
    [InlineData(RecordsProvider.Sqlite)]
    [InlineData(RecordsProvider.Postgres)]
    public async Task A_person_gets_a_seat_stored_encrypted_and_found_again_only_by_the_blind_index_of_the_hetu(RecordsProvider records)
    {
        await using var world = await TrainingWorld.StartAsync(records);

        var result = await world.EnrolAsync(People.Person(1), marketing: false);

        Assert.Equal((EnrolmentStatus.Enrolled, false), (result.Status, result.Replayed));
        Assert.Matches("^TR-[0-9A-Z]{8}$", result.Reference);
        await world.InScopeAsync(async sp =>
        {
            var db = sp.GetRequiredService<TrainingDb>();
            var vault = sp.GetRequiredService<IPersonalDataVault>();
            var trainee = await db.Trainees.SingleAsync(t => t.HetuIndex == vault.BlindIndexOf(IdentifierType.Hetu, People.Hetu(1)), Ct);
            var enrolment = await db.Enrolments.SingleAsync(Ct);
            Assert.Equal(People.Hetu(1), (await vault.OpenAsync(trainee.Hetu, TrainingFields.Trainee("hetu", trainee.Id), Ct)).Value);
            Assert.Equal("+358401234567", (await vault.OpenAsync(trainee.Phone!, TrainingFields.Trainee("phone", trainee.Id), Ct)).Value);
            Assert.Equal("Rakennus Oy", (await vault.OpenAsync(enrolment.CompanyName!, TrainingFields.Enrolment("company_name", enrolment.Id), Ct)).Value);
            Assert.True(trainee.LastName.Ciphertext.AsSpan().IndexOf("Virtanen"u8) < 0);
            Assert.Equal((1, EnrolmentSource.Person, "1572860-0", false), ((await db.Sessions.SingleAsync(Ct)).SeatsTaken, enrolment.Source, enrolment.CompanyBusinessId, enrolment.MarketingConsent));
            Assert.Equal(32, enrolment.CancelTokenHash.Length);
        });
    }

    [Theory]
    [InlineData(RecordsProvider.Sqlite)]
    [InlineData(RecordsProvider.Postgres)]
    public async Task The_same_person_enrolling_again_is_refused_as_a_duplicate_even_with_another_email_and_stays_one_trainee(RecordsProvider records)
    {
        await using var world = await TrainingWorld.StartAsync(records);
        await world.EnrolAsync(People.Person(1), marketing: false);

        var again = await Assert.ThrowsAsync<TrainingConflictException>(() => world.EnrolAsync(People.Person(1, email: "uusi.osoite@example.fi"), marketing: false));

        Assert.Equal(SeatBooking.AlreadyEnrolled, again.Message);
        await world.InScopeAsync(async sp =>
        {
            var db = sp.GetRequiredService<TrainingDb>();
            Assert.Equal((1, 1, 1), (await db.Trainees.CountAsync(Ct), await db.Enrolments.CountAsync(Ct), (await db.Sessions.SingleAsync(Ct)).SeatsTaken));
        });
    }

    [Theory]
    [InlineData(RecordsProvider.Sqlite)]
    [InlineData(RecordsProvider.Postgres)]
    public async Task A_known_person_in_another_session_keeps_one_trainee_whose_stored_contact_data_a_public_form_cannot_replace(RecordsProvider records)
    {
        await using var world = await TrainingWorld.StartAsync(records);
        var second = await world.AddSessionAsync(capacity: 5);
        await world.EnrolAsync(People.Person(1), marketing: false);

        await world.EnrolAsync(People.Person(1, email: "Aino.Uusi@Example.FI", phone: "050 765 4321") with { FirstName = "Toinen" }, marketing: false, session: second);

        await world.InScopeAsync(async sp =>
        {
            var db = sp.GetRequiredService<TrainingDb>();
            var vault = sp.GetRequiredService<IPersonalDataVault>();
            var trainee = await db.Trainees.SingleAsync(Ct);
            Assert.Equal(2, await db.Enrolments.CountAsync(e => e.TraineeId == trainee.Id, Ct));
            var stored = await vault.OpenAsync(trainee.Email, TrainingFields.Trainee("email", trainee.Id), Ct);
            Assert.NotEqual("aino.uusi@example.fi", stored.Value);
            Assert.Equal(vault.BlindIndexOf(IdentifierType.Email, stored.Value!), trainee.EmailIndex);
            Assert.NotEqual("+358507654321", trainee.Phone is null ? null : (await vault.OpenAsync(trainee.Phone, TrainingFields.Trainee("phone", trainee.Id), Ct)).Value);
            Assert.Equal("Aino", (await vault.OpenAsync(trainee.FirstName, TrainingFields.Trainee("first_name", trainee.Id), Ct)).Value);
        });
    }

    [Theory]
    [InlineData(RecordsProvider.Sqlite)]
    [InlineData(RecordsProvider.Postgres)]
    public async Task Past_capacity_people_are_waitlisted_and_a_cancelled_or_started_or_unknown_session_takes_nobody(RecordsProvider records)
    {
        await using var world = await TrainingWorld.StartAsync(records, capacity: 2);
        var statuses = new List<EnrolmentStatus>();
        for (var i = 0; i < 3; i++)
        {
            statuses.Add((await world.EnrolAsync(People.Person(i), marketing: false)).Status);
        }

        var cancelled = await world.AddSessionAsync(capacity: 5);
        var started = await world.AddSessionAsync(capacity: 5, startsAtUtc: TrainingWorld.Start.UtcDateTime.AddDays(1));
        await world.InScopeAsync(sp => sp.GetRequiredService<TrainingDb>().Sessions.Where(s => s.Id == cancelled).ExecuteUpdateAsync(u => u.SetProperty(s => s.CancelledAtUtc, TrainingWorld.Start.UtcDateTime), Ct));
        world.Host.SettableClock.Advance(TimeSpan.FromDays(2));

        Assert.Equal([EnrolmentStatus.Enrolled, EnrolmentStatus.Enrolled, EnrolmentStatus.Waitlisted], statuses);
        await Assert.ThrowsAsync<TrainingConflictException>(() => world.EnrolAsync(People.Person(10), marketing: false, session: cancelled));
        await Assert.ThrowsAsync<TrainingConflictException>(() => world.EnrolAsync(People.Person(11), marketing: false, session: started));
        await Assert.ThrowsAsync<TrainingNotFoundException>(() => world.EnrolAsync(People.Person(12), marketing: false, session: Guid.NewGuid()));
        Assert.Equal(3, await world.InScopeAsync(sp => sp.GetRequiredService<TrainingDb>().Trainees.CountAsync(Ct)));
    }

    [Theory]
    [InlineData(RecordsProvider.Sqlite)]
    [InlineData(RecordsProvider.Postgres)]
    public async Task Thirty_people_enrolling_at_once_into_twenty_seats_gives_exactly_twenty_enrolled_and_ten_waitlisted(RecordsProvider records)
    {
        await using var world = await TrainingWorld.StartAsync(records, capacity: 20);

        var results = await Task.WhenAll(Enumerable.Range(0, 30).Select(i => Task.Run(() => world.EnrolAsync(People.Person(i), marketing: false), Ct)));

        Assert.Equal((20, 10), (results.Count(r => r.Status == EnrolmentStatus.Enrolled), results.Count(r => r.Status == EnrolmentStatus.Waitlisted)));
        await world.InScopeAsync(async sp =>
        {
            var db = sp.GetRequiredService<TrainingDb>();
            Assert.Equal(20, (await db.Sessions.SingleAsync(Ct)).SeatsTaken);
            Assert.Equal(20, await db.Enrolments.CountAsync(e => e.Status == EnrolmentStatus.Enrolled, Ct));
            Assert.Equal(30, await db.Trainees.CountAsync(Ct));
        });
    }

    [Theory]
    [InlineData(RecordsProvider.Sqlite)]
    [InlineData(RecordsProvider.Postgres)]
    public async Task The_same_person_sent_ten_times_at_once_is_enrolled_once_and_the_rest_are_duplicates(RecordsProvider records)
    {
        await using var world = await TrainingWorld.StartAsync(records);

        var attempts = await Task.WhenAll(Enumerable.Range(0, 10).Select(_ => Task.Run(async () =>
        {
            try
            {
                return (await world.EnrolAsync(People.Person(5), marketing: false)).Status.ToString();
            }
            catch (TrainingConflictException)
            {
                return "duplicate";
            }
        }, Ct)));

        Assert.Equal((1, 9), (attempts.Count(a => a == "Enrolled"), attempts.Count(a => a == "duplicate")));
        await world.InScopeAsync(async sp =>
        {
            var db = sp.GetRequiredService<TrainingDb>();
            Assert.Equal((1, 1, 1), (await db.Trainees.CountAsync(Ct), await db.Enrolments.CountAsync(Ct), (await db.Sessions.SingleAsync(Ct)).SeatsTaken));
        });
    }

    [Theory]
    [InlineData(RecordsProvider.Sqlite)]
    [InlineData(RecordsProvider.Postgres)]
    public async Task A_double_submitted_form_enrols_once_and_answers_both_times_with_the_same_reference(RecordsProvider records)
    {
        await using var world = await TrainingWorld.StartAsync(records);
        var key = Convert.ToHexString(Guid.NewGuid().ToByteArray());

        var both = await Task.WhenAll(Task.Run(() => world.EnrolAsync(People.Person(3), marketing: true, key: key), Ct), Task.Run(() => world.EnrolAsync(People.Person(3), marketing: true, key: key), Ct));
        var later = await world.EnrolAsync(People.Person(3), marketing: true, key: key);

        Assert.Single(both.Concat([later]).Select(r => r.Reference).Distinct());
        Assert.Equal(2, both.Concat([later]).Count(r => r.Replayed));
        Assert.Single(world.Host.Mail.To(People.Email(3)));
        Assert.Equal((1, 1), await world.InScopeAsync(async sp => (await sp.GetRequiredService<TrainingDb>().Enrolments.CountAsync(Ct), (await sp.GetRequiredService<TrainingDb>().Sessions.SingleAsync(Ct)).SeatsTaken)));
    }

    [Theory]
    [InlineData(RecordsProvider.Sqlite)]
    [InlineData(RecordsProvider.Postgres)]
    public async Task Bad_input_names_every_bad_field_at_once_and_stores_nothing(RecordsProvider records)
    {
        await using var world = await TrainingWorld.StartAsync(records);

        var refused = await Assert.ThrowsAsync<TrainingInvalidException>(() => world.EnrolAsync(
            new PersonInput("<script>alert(1)</script>", new string('a', 101), "131052-308U", "not-an-email", "12", "Yritys", "1572860-1", new string('x', 101)), marketing: true));

        Assert.Equal(["company.businessId", "company.position", "email", "firstName", "hetu", "lastName", "phone"], refused.Errors.Keys.Order(StringComparer.Ordinal));
        Assert.DoesNotContain(refused.Errors.Values.SelectMany(m => m), m => m.Contains("131052", StringComparison.Ordinal) || m.Contains("script", StringComparison.Ordinal));
        await world.InScopeAsync(async sp =>
        {
            var db = sp.GetRequiredService<TrainingDb>();
            Assert.Equal((0, 0, 0), (await db.Trainees.CountAsync(Ct), await db.Enrolments.CountAsync(Ct), (await db.Sessions.SingleAsync(Ct)).SeatsTaken));
        });
        Assert.Empty(world.Host.Mail.Received);
    }

    [Theory]
    [InlineData(RecordsProvider.Sqlite)]
    [InlineData(RecordsProvider.Postgres)]
    public async Task The_ticked_marketing_box_is_stored_on_the_enrolment_and_recorded_in_the_consent_ledger_and_an_unticked_one_records_nothing(RecordsProvider records)
    {
        await using var world = await TrainingWorld.StartAsync(records);

        await world.EnrolAsync(People.Person(1), marketing: true);
        await world.EnrolAsync(People.Person(2), marketing: false);

        await world.InScopeAsync(async sp =>
        {
            var db = sp.GetRequiredService<TrainingDb>();
            var ledger = sp.GetRequiredService<IConsentLedger>();
            var vault = sp.GetRequiredService<IPersonalDataVault>();
            var yes = await db.Trainees.SingleAsync(t => t.HetuIndex == vault.BlindIndexOf(IdentifierType.Hetu, People.Hetu(1)), Ct);
            var no = await db.Trainees.SingleAsync(t => t.HetuIndex == vault.BlindIndexOf(IdentifierType.Hetu, People.Hetu(2)), Ct);
            Assert.True(await ledger.HasConsentAsync(yes.SubjectId, EnrolPerson.Marketing, Ct));
            Assert.Empty(await ledger.HistoryAsync(no.SubjectId, Ct));
            Assert.Equal([false, true], (await db.Enrolments.Select(e => e.MarketingConsent).ToListAsync(Ct)).Order());
        });
    }

    [Theory]
    [InlineData(RecordsProvider.Sqlite)]
    [InlineData(RecordsProvider.Postgres)]
    public async Task The_confirmation_mail_in_finnish_and_english_names_course_time_place_reference_and_a_cancellation_link(RecordsProvider records)
    {
        await using var world = await TrainingWorld.StartAsync(records);

        var result = await world.EnrolAsync(People.Person(1), marketing: false);

        var body = Assert.Single(world.MailsTo(People.Email(1)));
        Assert.Contains("Kurssi: Työturvallisuuskorttikoulutus", body, StringComparison.Ordinal);
        Assert.Contains("Course: Occupational safety card course", body, StringComparison.Ordinal);
        Assert.Contains("ma 14.12.2026 8.00–16.00", body, StringComparison.Ordinal);
        Assert.Contains("Mon 14.12.2026 8.00–16.00", body, StringComparison.Ordinal);
        Assert.Contains("Mannerheimintie 1, 00100 Helsinki", body, StringComparison.Ordinal);
        Assert.Contains("Viite: " + result.Reference, body, StringComparison.Ordinal);
        Assert.Matches("/training/cancel/[A-Za-z0-9_-]{43}", body);
        Assert.DoesNotContain(People.Hetu(1), body, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(RecordsProvider.Sqlite)]
    [InlineData(RecordsProvider.Postgres)]
    public async Task An_employer_enrols_a_group_all_or_nothing_with_its_company_details_and_the_waiting_list_after_the_seats(RecordsProvider records)
    {
        await using var world = await TrainingWorld.StartAsync(records, capacity: 2);
        var employer = await world.AddEmployerAsync();
        await world.EnrolAsync(People.Person(9), marketing: false);

        var invalid = await Assert.ThrowsAsync<TrainingInvalidException>(() => world.EnrolGroupAsync(employer, [People.Person(1, phone: null), People.Person(3), People.Person(1), People.Person(2) with { Hetu = "xx" }]));
        var enrolledBefore = await Assert.ThrowsAsync<TrainingInvalidException>(() => world.EnrolGroupAsync(employer, [People.Person(1, phone: null), People.Person(9)]));
        var enrolled = await world.EnrolGroupAsync(employer, [People.Person(1, phone: null) with { CompanyName = null, CompanyBusinessId = null }, People.Person(2)]);

        Assert.Equal(["people[2].hetu", "people[3].hetu"], invalid.Errors.Keys.Order(StringComparer.Ordinal));
        Assert.Equal((SeatBooking.AlreadyEnrolled, 1), (enrolledBefore.Errors["people[1].hetu"].Single(), enrolledBefore.Errors.Count));
        Assert.Equal([EnrolmentStatus.Enrolled, EnrolmentStatus.Waitlisted], enrolled.Enrolments.Select(e => e.Status));
        await world.InScopeAsync(async sp =>
        {
            var db = sp.GetRequiredService<TrainingDb>();
            var rows = await db.Enrolments.Where(e => e.Source == EnrolmentSource.Employer).ToListAsync(Ct);
            Assert.Equal(2, rows.Count);
            Assert.All(rows, r => Assert.Equal((employer, false), (r.EmployerId!.Value, r.MarketingConsent)));
            Assert.Contains(rows, r => r.CompanyBusinessId == "3141593-8");
            Assert.Equal((3, 2), (await db.Trainees.CountAsync(Ct), (await db.Sessions.SingleAsync(Ct)).SeatsTaken));
        });
        Assert.Single(world.MailsTo(People.Email(1)));
    }

    [Fact]
    public async Task The_demo_enrols_three_people_in_the_first_safety_session_and_fills_the_hygiene_passport_session_with_one_waiting()
    {
        await using var host = await CustodianHost.Builder().WithClock(TrainingWorld.Start).BuildAsync(Ct);
        await using var scope = host.Scope();
        await scope.ServiceProvider.GetRequiredService<Demo.TrainingDemoSeed>().SeedAsync(Ct);

        var db = scope.ServiceProvider.GetRequiredService<TrainingDb>();
        var perSession = (await (from e in db.Enrolments
                                 join s in db.Sessions on e.SessionId equals s.Id
                                 join c in db.Courses on s.CourseId equals c.Id
                                 select new { c.CardTypeKey, e.Status }).ToListAsync(Ct))
            .GroupBy(x => x.CardTypeKey).ToDictionary(g => g.Key, g => (g.Count(x => x.Status == EnrolmentStatus.Enrolled), g.Count(x => x.Status == EnrolmentStatus.Waitlisted)));
        Assert.Equal((3, 0), perSession["tyoturvallisuuskortti"]);
        Assert.Equal((3, 1), perSession["hygieniapassi"]);
        Assert.Equal(7, await db.Trainees.CountAsync(Ct));
    }
}
