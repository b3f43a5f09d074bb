using Custodian.Modules.Guidance.Appointments;
using Custodian.Modules.Guidance.Clients;
using Custodian.Modules.Guidance.Rights;
using Custodian.Privacy.Abstractions.Requests;
using Custodian.Privacy.Abstractions.Scheduling;
using Custodian.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Custodian.Modules.Guidance.Tests;

/// <summary>Appointments on both records engines: booked within reach, versioned, reminded once, cancelled with a mail.</summary>
public sealed class AppointmentTests
{
    /// <summary>Wednesday 9 December 2026, 14.00–15.00 Finnish time (12.00–13.00 UTC); the world's clock is 7 December, 09.00 UTC.</summary>
    private static readonly ClientAppointments.Input Meeting = new("2026-12-09", "14:00", "15:00", "Toimisto, Mannerheimintie 1", null, "Ota CV mukaan.");

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Theory]
    [InlineData(RecordsProvider.Sqlite)]
    [InlineData(RecordsProvider.Postgres)]
    public async Task Office_staff_book_an_appointment_that_the_coach_sees_as_upcoming_in_finnish_time_with_its_place_and_note(RecordsProvider records)
    {
        await using var world = await GuidanceWorld.StartAsync(records);
        var client = await world.CreateClientAsync();

        var booked = await world.BookAsync(client, Meeting, GuidanceWorld.Office);

        var shown = Assert.Single((await world.AppointmentsAsync(client))!.Upcoming);
        Assert.Equal((booked, new DateTime(2026, 12, 9, 12, 0, 0), new DateTime(2026, 12, 9, 13, 0, 0), "Toimisto, Mannerheimintie 1", "Ota CV mukaan.", GuidanceWorld.Office, 1),
            (shown.Id, shown.StartsAtUtc, shown.EndsAtUtc, shown.Place, shown.Note, shown.WrittenBy, shown.Version));
        Assert.Contains(await world.AuditAsync(client), e => e.Action == "guidance book appointment as office-staff");
    }

    [Theory]
    [InlineData(RecordsProvider.Sqlite)]
    [InlineData(RecordsProvider.Postgres)]
    public async Task A_change_is_a_new_version_and_a_change_from_an_older_version_stores_nothing(RecordsProvider records)
    {
        await using var world = await GuidanceWorld.StartAsync(records);
        var client = await world.CreateClientAsync();
        var booked = await world.BookAsync(client, Meeting);
        var version = await world.ChangeAsync(client, booked, 1, Meeting with { Place = null, VideoLink = "https://meet.example.fi/abc-123" });

        var conflict = await Assert.ThrowsAsync<GuidanceEditConflictException>(() => world.ChangeAsync(client, booked, 1, Meeting with { Start = "10:00" }));

        var shown = Assert.Single((await world.AppointmentsAsync(client))!.Upcoming);
        Assert.Equal((2, 2, null, "https://meet.example.fi/abc-123", new DateTime(2026, 12, 9, 12, 0, 0)), (version, conflict.CurrentVersion, shown.Place, shown.VideoLink, shown.StartsAtUtc));
        Assert.Equal(2, await world.InScopeAsync(sp => sp.GetRequiredService<GuidanceDb>().AppointmentVersions.CountAsync(v => v.AppointmentId == booked, Ct)));
    }

    [Theory]
    [InlineData(RecordsProvider.Sqlite)]
    [InlineData(RecordsProvider.Postgres)]
    public async Task A_coach_books_and_sees_only_their_own_clients_while_office_staff_see_the_whole_programme(RecordsProvider records)
    {
        await using var world = await GuidanceWorld.StartAsync(records);
        var mine = await world.CreateClientAsync();
        var theirs = await world.CreateClientAsync(GuidanceWorld.OtherTeamCoach, "131052-308T");
        await world.BookAsync(mine, Meeting);
        await world.BookAsync(theirs, Meeting with { Start = "09:00", End = "09:45" }, GuidanceWorld.OtherTeamCoach);

        await Assert.ThrowsAsync<GuidanceNotFoundException>(() => world.BookAsync(theirs, Meeting));

        Assert.Equal([mine], (await world.CalendarAsync(GuidanceWorld.Coach)).Select(e => e.Appointment.ClientId));
        Assert.Equal([theirs, mine], (await world.CalendarAsync(GuidanceWorld.Office)).Select(e => e.Appointment.ClientId));
        Assert.Empty(await world.CalendarAsync(GuidanceWorld.Sender));
        Assert.Equal("Aino Virtanen", (await world.CalendarAsync(GuidanceWorld.Office))[1].ClientName);
        Assert.Equal(1, await world.InScopeAsync(sp => sp.GetRequiredService<GuidanceDb>().Appointments.CountAsync(a => a.ClientId == theirs, Ct)));
    }

    [Theory]
    [InlineData(RecordsProvider.Sqlite)]
    [InlineData(RecordsProvider.Postgres)]
    public async Task The_reminder_goes_once_a_day_before_however_often_and_wherever_the_scheduler_runs(RecordsProvider records)
    {
        await using var world = await GuidanceWorld.StartAsync(records);
        var client = await world.CreateClientAsync();
        await world.BookAsync(client, Meeting with { Place = null, VideoLink = "https://meet.example.fi/abc-123" });

        Assert.Equal(0, await world.RunMailRoundAsync());
        world.Host.SettableClock.Set(new DateTimeOffset(2026, 12, 8, 12, 0, 0, TimeSpan.Zero));
        var rounds = await Task.WhenAll(world.RunMailRoundAsync(), world.RunMailRoundAsync());
        await world.RunMailRoundAsync();

        var body = Assert.Single(world.Mails("aino@example.fi"));
        Assert.Equal(1, rounds.Sum());
        Assert.Contains("keskiviikko 9.12.2026 klo 14.00–15.00", body, StringComparison.Ordinal);
        Assert.Contains("Wednesday 9 December 2026, 14:00–15:00", body, StringComparison.Ordinal);
        Assert.Contains("https://meet.example.fi/abc-123", body, StringComparison.Ordinal);
        Assert.DoesNotContain("Aino", body, StringComparison.Ordinal);
        Assert.DoesNotContain("Ota CV mukaan", body, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(RecordsProvider.Sqlite)]
    [InlineData(RecordsProvider.Postgres)]
    public async Task Cancelling_stores_the_reason_tells_the_client_once_and_leaves_no_reminder_to_send(RecordsProvider records)
    {
        await using var world = await GuidanceWorld.StartAsync(records);
        var client = await world.CreateClientAsync();
        var booked = await world.BookAsync(client, Meeting);

        await world.CancelAsync(client, booked, 1, "Valmentaja sairastui.");
        world.Host.SettableClock.Set(new DateTimeOffset(2026, 12, 8, 13, 0, 0, TimeSpan.Zero));
        await world.RunMailRoundAsync();

        var mail = Assert.Single(world.Mails("aino@example.fi"));
        Assert.Contains("Tapaamisesi on peruttu", mail, StringComparison.Ordinal);
        Assert.DoesNotContain("sairastui", mail, StringComparison.Ordinal);
        var shown = Assert.Single((await world.AppointmentsAsync(client))!.Upcoming);
        Assert.Equal((true, "Valmentaja sairastui.", 2), (shown.Cancelled, shown.CancelReason, shown.Version));
        await Assert.ThrowsAsync<GuidanceInputException>(() => world.ChangeAsync(client, booked, 2, Meeting));
    }

    [Fact]
    public async Task A_reminder_the_mail_server_refused_is_sent_at_the_next_round()
    {
        await using var world = await GuidanceWorld.StartAsync();
        var client = await world.CreateClientAsync();
        await world.BookAsync(client, Meeting);
        world.Host.SettableClock.Set(new DateTimeOffset(2026, 12, 8, 12, 30, 0, TimeSpan.Zero));
        world.Host.Mail.RefuseNext(1);

        Assert.Equal(0, await world.RunMailRoundAsync());
        Assert.Equal(1, await world.RunMailRoundAsync());
        Assert.Single(world.Mails("aino@example.fi"));
    }

    [Fact]
    public async Task The_mail_round_is_work_of_the_shared_scheduler()
    {
        await using var world = await GuidanceWorld.StartAsync();
        var client = await world.CreateClientAsync();
        await world.BookAsync(client, Meeting);
        world.Host.SettableClock.Set(new DateTimeOffset(2026, 12, 8, 12, 30, 0, TimeSpan.Zero));

        var work = world.Host.Services.GetServices<IScheduledWork>().Single(w => w.Name == "guidance.appointment-mail");
        await world.InScopeAsync(sp => work.RunAsync(sp, Ct));

        Assert.Equal(TimeSpan.FromMinutes(5), work.Every);
        Assert.Single(world.Mails("aino@example.fi"));
    }

    [Theory]
    [InlineData("2026-12-06", "14:00", "15:00", "Toimisto", null, "The appointment must start in the future.")]
    [InlineData("2026-12-07", "10:00", "11:00", "Toimisto", null, "The appointment must start in the future.")]
    [InlineData("2026-12-09", "15:00", "14:00", "Toimisto", null, "The appointment must end after it starts.")]
    [InlineData("2026-12-09", "14:00", "14:00", "Toimisto", null, "The appointment must end after it starts.")]
    [InlineData("2026-12-09", "08:00", "17:00", "Toimisto", null, "An appointment lasts at most 8 hours.")]
    [InlineData("2026-02-30", "14:00", "15:00", "Toimisto", null, "Enter the appointment's date (a date in the calendar).")]
    [InlineData("2026-12-09", "25:00", "15:00", "Toimisto", null, "Enter the start time as hours and minutes (for example 14:00).")]
    [InlineData("2027-03-28", "03:30", "04:30", "Toimisto", null, "That time does not exist in Finland (the clocks move forward that night). Choose another time.")]
    [InlineData("2026-12-09", "14:00", "15:00", null, "http://meet.example.fi/abc", "The video link must be a full https:// address (for example https://meet.example.fi/abc).")]
    [InlineData("2026-12-09", "14:00", "15:00", null, "javascript:alert(1)", "The video link must be a full https:// address (for example https://meet.example.fi/abc).")]
    [InlineData("2026-12-09", "14:00", "15:00", null, "https://user:pw@meet.example.fi/", "The video link must be a full https:// address (for example https://meet.example.fi/abc).")]
    [InlineData("2026-12-09", "14:00", "15:00", "Toimisto", "https://meet.example.fi/abc", "Give either a place or a video link, not both.")]
    [InlineData("2026-12-09", "14:00", "15:00", " ", null, "Give the place of the appointment or its video link.")]
    public async Task Bad_input_is_refused_with_a_clear_message_and_nothing_is_stored(string day, string start, string end, string? place, string? link, string problem)
    {
        await using var world = await GuidanceWorld.StartAsync();
        var client = await world.CreateClientAsync();

        var refused = await Assert.ThrowsAsync<GuidanceInputException>(() => world.BookAsync(client, new(day, start, end, place, link, null)));

        Assert.Equal(problem, refused.Message);
        Assert.Equal((0, 0), await world.InScopeAsync(async sp => (await sp.GetRequiredService<GuidanceDb>().Appointments.CountAsync(Ct), await sp.GetRequiredService<GuidanceDb>().AppointmentVersions.CountAsync(Ct))));
    }

    [Fact]
    public async Task A_closed_client_relationship_takes_no_appointment_and_a_role_without_booking_is_refused()
    {
        await using var world = await GuidanceWorld.StartAsync();
        var client = await world.CreateClientAsync();
        await Assert.ThrowsAsync<GuidanceInputException>(() => world.BookAsync(client, Meeting, GuidanceWorld.TeamLead));
        await world.InScopeAsync(sp => sp.GetRequiredService<CloseClient>().CloseAsync(GuidanceWorld.Coach, client, "2026-12-07", "goals-reached", Ct));

        var refused = await Assert.ThrowsAsync<GuidanceInputException>(() => world.BookAsync(client, Meeting));

        Assert.Equal("The client relationship is closed: nothing new can be written in the record.", refused.Message);
        Assert.Equal(0, await world.InScopeAsync(sp => sp.GetRequiredService<GuidanceDb>().Appointments.CountAsync(Ct)));
    }

    [Fact]
    public async Task The_clients_copy_lists_every_version_of_an_appointment_and_erasure_removes_them()
    {
        await using var world = await GuidanceWorld.StartAsync();
        var client = await world.CreateClientAsync();
        var booked = await world.BookAsync(client, Meeting);
        await world.CancelAsync(client, booked, 1, "Asiakas perui.");

        var (exported, left) = await world.InScopeAsync(async sp =>
        {
            var db = sp.GetRequiredService<GuidanceDb>();
            var subject = await db.Clients.Where(c => c.Id == client).Select(c => c.SubjectId).SingleAsync(Ct);
            var provider = sp.GetServices<IPersonalDataProvider>().OfType<GuidanceDataProvider>().Single();
            var exported = await provider.ExportAsync(subject, "guidance", Ct);
            await provider.EraseAsync(subject, "guidance", Ct);
            return (exported, (await db.Appointments.CountAsync(Ct), await db.AppointmentVersions.CountAsync(Ct)));
        });

        var versions = exported.Where(r => r.Record.RecordType == "appointment").ToList();
        Assert.Equal(["Toimisto, Mannerheimintie 1", "Toimisto, Mannerheimintie 1"], versions.Select(r => r.Fields.Single(f => f.Name == "appointment_place").Value));
        Assert.Equal([null, "Asiakas perui."], versions.Select(r => r.Fields.Single(f => f.Name == "appointment_cancel_reason").Value));
        Assert.Equal((0, 0), left);
    }
}

/// <summary>The appointment steps as the tests take them, each in its own scope as a request would.</summary>
internal static class AppointmentWorld
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public static Task<Guid> BookAsync(this GuidanceWorld world, Guid client, ClientAppointments.Input input, string account = GuidanceWorld.Coach) =>
        world.InScopeAsync(sp => sp.GetRequiredService<ClientAppointments>().BookAsync(account, client, input, Ct));

    public static Task<int> ChangeAsync(this GuidanceWorld world, Guid client, Guid appointment, int baseVersion, ClientAppointments.Input input, string account = GuidanceWorld.Coach) =>
        world.InScopeAsync(sp => sp.GetRequiredService<ClientAppointments>().ChangeAsync(account, client, appointment, baseVersion, input, Ct));

    public static Task CancelAsync(this GuidanceWorld world, Guid client, Guid appointment, int baseVersion, string reason, string account = GuidanceWorld.Coach) =>
        world.InScopeAsync(sp => sp.GetRequiredService<ClientAppointments>().CancelAsync(account, client, appointment, baseVersion, reason, Ct));

    public static Task<AppointmentsSection?> AppointmentsAsync(this GuidanceWorld world, Guid client, string account = GuidanceWorld.Coach) =>
        world.InScopeAsync(sp => sp.GetRequiredService<ClientAppointments>().OpenAsync(account, client, Ct));

    public static Task<IReadOnlyList<CalendarEntry>> CalendarAsync(this GuidanceWorld world, string account) =>
        world.InScopeAsync(sp => sp.GetRequiredService<StaffCalendar>().UpcomingAsync(account, Ct));

    public static Task<int> RunMailRoundAsync(this GuidanceWorld world) =>
        world.InScopeAsync(sp => sp.GetRequiredService<AppointmentMail>().SendDueAsync(Ct));

    /// <summary>The text bodies of the mails the client got.</summary>
    public static IReadOnlyList<string> Mails(this GuidanceWorld world, string address) =>
        [.. world.Host.Mail.To(address).Select(m => MimeKit.MimeMessage.Load(new MemoryStream(System.Text.Encoding.UTF8.GetBytes(m.Data))).TextBody ?? string.Empty)];
}
