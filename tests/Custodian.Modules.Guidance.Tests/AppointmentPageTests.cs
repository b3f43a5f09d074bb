using System.Net;
using Custodian.Privacy.Abstractions.Access;
using Custodian.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Custodian.Modules.Guidance.Tests;

/// <summary>The appointment pages over HTTP, as signed-in staff use them.</summary>
public sealed class AppointmentPageTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static KeyValuePair<string, string>[] Form(string day, string place = "Toimisto, Mannerheimintie 1", string link = "") =>
        [new("day", day), new("start", "14:00"), new("end", "15:00"), new("place", place), new("videoLink", link), new("note", "<b>Ota CV mukaan.</b>")];

    [Fact]
    public async Task Office_staff_book_through_the_form_and_see_the_appointment_on_the_record_and_on_their_calendar()
    {
        await using var world = await GuidanceWorld.StartAsync(started: true);
        var client = await world.CreateClientAsync();
        using var office = world.Host.CreateClient();
        await StaffSignIns.EnrolAsync(world.Host, office, "office.emma", [Roles.OfficeStaff], Ct);
        var record = "/guidance/clients/" + client;

        using var booked = await office.PostFormAsync(record + "/appointments?handler=Book", Form("2026-12-09"), tokenFrom: record, cancellationToken: Ct);

        Assert.Equal(HttpStatusCode.Redirect, booked.StatusCode);
        Assert.Matches("^/guidance/clients/[0-9a-f-]{36}\\?done=appointment#appointment-[0-9a-f-]{36}$", booked.Headers.Location!.OriginalString);
        var page = await office.GetStringAsync(new Uri(record, UriKind.Relative), Ct);
        Assert.Contains("Toimisto, Mannerheimintie 1", page, StringComparison.Ordinal);
        Assert.Contains("&lt;b&gt;Ota CV mukaan.&lt;/b&gt;", page, StringComparison.Ordinal);
        Assert.Contains("9.12.2026 14.00–15.00", page, StringComparison.Ordinal);
        var calendar = await office.GetStringAsync(new Uri("/guidance/appointments", UriKind.Relative), Ct);
        Assert.Contains("data-day=\"2026-12-09\"", calendar, StringComparison.Ordinal);
        Assert.Contains("Aino Virtanen", calendar, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_past_date_or_a_plain_http_link_answers_400_with_the_reason_keeps_the_typed_values_and_stores_nothing()
    {
        await using var world = await GuidanceWorld.StartAsync(started: true);
        var client = await world.CreateClientAsync();
        using var coach = world.Host.CreateClient();
        await StaffSignIns.EnrolAsync(world.Host, coach, "coach.anna", [Roles.Coach], Ct);
        var record = "/guidance/clients/" + client;

        using var past = await coach.PostFormAsync(record + "/appointments?handler=Book", Form("2026-12-01"), tokenFrom: record, cancellationToken: Ct);
        using var http = await coach.PostFormAsync(record + "/appointments?handler=Book", Form("2026-12-09", "", "http://meet.example.fi/abc"), tokenFrom: record, cancellationToken: Ct);

        Assert.Equal((HttpStatusCode.BadRequest, HttpStatusCode.BadRequest), (past.StatusCode, http.StatusCode));
        var html = await past.Content.ReadAsStringAsync(Ct);
        Assert.Contains("The appointment must start in the future.", html, StringComparison.Ordinal);
        Assert.Contains("value=\"2026-12-01\"", html, StringComparison.Ordinal);
        Assert.Contains("The video link must be a full https:// address", await http.Content.ReadAsStringAsync(Ct), StringComparison.Ordinal);
        Assert.Equal(0, await world.InScopeAsync(sp => sp.GetRequiredService<GuidanceDb>().Appointments.CountAsync(Ct)));
    }

    [Fact]
    public async Task Another_coach_booking_for_a_client_by_id_gets_404_and_nothing_is_stored()
    {
        await using var world = await GuidanceWorld.StartAsync(started: true);
        var client = await world.CreateClientAsync();
        using var other = world.Host.CreateClient();
        await StaffSignIns.EnrolAsync(world.Host, other, "coach.bertta", [Roles.Coach], Ct);

        using var refused = await other.PostFormAsync($"/guidance/clients/{client}/appointments?handler=Book", Form("2026-12-09"), tokenFrom: "/guidance", cancellationToken: Ct);
        using var calendar = await other.GetAsync(new Uri("/guidance/appointments", UriKind.Relative), Ct);

        Assert.Equal((HttpStatusCode.NotFound, HttpStatusCode.OK), (refused.StatusCode, calendar.StatusCode));
        Assert.Equal(0, await world.InScopeAsync(sp => sp.GetRequiredService<GuidanceDb>().Appointments.CountAsync(Ct)));
    }
}
