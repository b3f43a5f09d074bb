using System.Net;
using Custodian.Privacy.Abstractions.Access;
using Custodian.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Custodian.Modules.Guidance.Tests;

/// <summary>The guidance pages over HTTP, as signed-in staff use them.</summary>
public sealed partial class GuidancePageTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_coach_creates_a_client_through_the_form_and_lands_on_a_record_whose_address_carries_no_personal_data()
    {
        await using var world = await GuidanceWorld.StartAsync(started: true);
        using var coach = world.Host.CreateClient();
        await StaffSignIns.EnrolAsync(world.Host, coach, "coach.anna", [Roles.Coach], Ct);
        var form = $"/guidance/programmes/{world.Programme}/clients/new";

        using var created = await coach.PostFormAsync(form, [new("Input.FirstName", "Aino"), new("Input.LastName", "Virtanen"), new("Input.Hetu", GuidanceWorld.Hetu), new("Input.Referrer", GuidanceWorld.Sender)], tokenFrom: form, cancellationToken: Ct);

        Assert.Equal(HttpStatusCode.Redirect, created.StatusCode);
        var location = created.Headers.Location!.OriginalString;
        Assert.Matches("^/guidance/clients/[0-9a-f-]{36}$", location);
        var page = await coach.GetStringAsync(new Uri(location, UriKind.Relative), Ct);
        Assert.Contains("Virtanen", page, StringComparison.Ordinal);
        Assert.Contains(GuidanceWorld.Hetu, page, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_invalid_hetu_in_the_form_answers_400_with_the_reason_and_stores_nothing()
    {
        await using var world = await GuidanceWorld.StartAsync(started: true);
        using var coach = world.Host.CreateClient();
        await StaffSignIns.EnrolAsync(world.Host, coach, "coach.anna", [Roles.Coach], Ct);
        var form = $"/guidance/programmes/{world.Programme}/clients/new";

        using var refused = await coach.PostFormAsync(form, [new("Input.FirstName", "Aino"), new("Input.LastName", "Virtanen"), new("Input.Hetu", "010190-901X")], tokenFrom: form, cancellationToken: Ct);

        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        var html = await refused.Content.ReadAsStringAsync(Ct);
        Assert.Contains("not valid", html, StringComparison.Ordinal);
        Assert.DoesNotContain("010190-901X", html, StringComparison.Ordinal);
        Assert.Equal(0, await world.InScopeAsync(sp => sp.GetRequiredService<GuidanceDb>().Clients.CountAsync(Ct)));
    }

    [Fact]
    public async Task Another_coach_opening_a_client_by_id_gets_the_same_404_as_for_an_id_that_does_not_exist()
    {
        await using var world = await GuidanceWorld.StartAsync(started: true);
        var id = await world.CreateClientAsync();
        using var other = world.Host.CreateClient();
        await StaffSignIns.EnrolAsync(world.Host, other, "coach.bertta", [Roles.Coach], Ct);

        using var existing = await other.GetAsync(new Uri("/guidance/clients/" + id, UriKind.Relative), Ct);
        var unknown = Guid.NewGuid();
        using var missing = await other.GetAsync(new Uri("/guidance/clients/" + unknown, UriKind.Relative), Ct);
        using var edit = await other.GetAsync(new Uri($"/guidance/clients/{id}/entries/{Guid.NewGuid()}", UriKind.Relative), Ct);

        Assert.Equal((HttpStatusCode.NotFound, HttpStatusCode.NotFound, HttpStatusCode.NotFound), (existing.StatusCode, missing.StatusCode, edit.StatusCode));
        // The pages are the same but for the form token and trace reference, and the address itself (the language switch returns to it).
        Assert.Equal(WithoutFormToken(await missing.Content.ReadAsStringAsync(Ct)).Replace(unknown.ToString(), "ID", StringComparison.Ordinal), WithoutFormToken(await existing.Content.ReadAsStringAsync(Ct)).Replace(id.ToString(), "ID", StringComparison.Ordinal));
        Assert.DoesNotContain(await world.AuditAsync(id), e => e.Actor == "account:staff-coach.bertta");
    }

    /// <summary>Without the per-request parts: the form token and the trace reference of the error page.</summary>
    private static string WithoutFormToken(string html) => FormToken().Replace(html, "token");

    [System.Text.RegularExpressions.GeneratedRegex("value=\"CfDJ8[^\"]*\"|<code>[^<]*</code>")]
    private static partial System.Text.RegularExpressions.Regex FormToken();
}
