using Custodian.Modules.Guidance.Programmes;
using Custodian.Modules.Guidance.Rights;
using Custodian.Modules.Guidance.Sections;
using Custodian.Privacy.Abstractions.Protection;
using Custodian.Privacy.Abstractions.Requests;
using Custodian.Privacy.Audit;
using Custodian.Privacy.Requests;
using Custodian.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Custodian.Modules.Guidance.Tests;

/// <summary>
/// The city's admin decides in the app the erasure and rectification requests the kernel forwards about clients of a
/// city programme: approval runs the kernel's erasure (legal holds respected), refusal needs a reason, and nobody else
/// reaches these requests.
/// </summary>
public sealed class ControllerApprovalTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Theory]
    [InlineData(RecordsProvider.Sqlite)]
    [InlineData(RecordsProvider.Postgres)]
    public async Task The_city_admin_approves_a_forwarded_erasure_and_the_client_record_is_gone_while_the_audit_trail_stays(RecordsProvider records)
    {
        await using var world = await GuidanceWorld.StartAsync(records, register: GuidanceRegisters.City);
        var client = await world.CreateClientAsync();
        await world.ConsentAsync(client, ["employment"], []);
        await world.WriteAsync(client, EntryKind.Coaching, "employment", "Ensitapaaminen.");
        var subject = await SubjectOfAsync(world, client);
        var reference = await ForwardAsync(world, "erasure");

        var waiting = await world.InScopeAsync(sp => sp.GetRequiredService<ControllerRequests>().WaitingAsync(GuidanceWorld.CityAdmin, Ct));
        var result = await world.InScopeAsync(sp => sp.GetRequiredService<ControllerRequests>().ApproveAsync(GuidanceWorld.CityAdmin, reference, null, null, null, Ct));

        Assert.Equal([(reference, "erasure", client, "Aino Virtanen")], waiting.Select(w => (w.Reference, w.Kind, w.ClientId, w.ClientName)));
        Assert.Equal(ControllerDecisionOutcome.CarriedOut, result.Outcome);
        await Assert.ThrowsAsync<GuidanceNotFoundException>(() => world.OpenAsync(client));
        Assert.Equal((0, 0, 0), await world.InScopeAsync(async sp =>
        {
            var db = sp.GetRequiredService<GuidanceDb>();
            return (await db.Clients.CountAsync(Ct), await db.Entries.CountAsync(Ct), await db.Consents.CountAsync(Ct));
        }));
        var (status, audit) = await world.InScopeAsync(async sp =>
            ((await sp.GetRequiredService<RequestRules>().FindAsync(reference, Ct)).Status, await sp.GetRequiredService<AuditReader>().ReadAsync(1, subject.ToString(), Ct)));
        Assert.Equal(RequestStatus.Completed, status);
        Assert.Contains(audit, e => e.Action.StartsWith("guidance create client", StringComparison.Ordinal));
        Assert.Contains(audit, e => e.Action == "request.completed");
    }

    [Theory]
    [InlineData(RecordsProvider.Sqlite)]
    [InlineData(RecordsProvider.Postgres)]
    public async Task An_approved_erasure_that_a_legal_hold_keeps_erases_nothing_and_is_refused_with_the_hold_s_reason(RecordsProvider records)
    {
        await using var world = await GuidanceWorld.StartAsync(records, register: GuidanceRegisters.City);
        var client = await world.CreateClientAsync();
        await world.InScopeAsync(sp => sp.GetRequiredService<LegalHolds>().PlaceAsync("operator:test", client, "authority-process", "Kelan muutoksenhaku 2026/55 vireillä.", null, Ct));
        var reference = await ForwardAsync(world, "erasure");

        var result = await world.InScopeAsync(sp => sp.GetRequiredService<ControllerRequests>().ApproveAsync(GuidanceWorld.CityAdmin, reference, null, null, null, Ct));

        Assert.Equal((ControllerDecisionOutcome.Held, "Kelan muutoksenhaku 2026/55 vireillä."), (result.Outcome, result.Text));
        Assert.Equal("Aino", (await world.OpenAsync(client)).Basic.FirstName);
        var request = await world.InScopeAsync(sp => sp.GetRequiredService<RequestRules>().FindAsync(reference, Ct));
        Assert.Equal(RequestStatus.Refused, request.Status);
        Assert.Contains("Kelan muutoksenhaku 2026/55", request.Outcome, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_lifted_or_expired_hold_no_longer_keeps_the_record_from_erasure()
    {
        await using var world = await GuidanceWorld.StartAsync(register: GuidanceRegisters.City);
        var client = await world.CreateClientAsync();
        var hold = await world.InScopeAsync(sp => sp.GetRequiredService<LegalHolds>().PlaceAsync("operator:test", client, "court-order", "Säilytysmääräys 12/2026.", null, Ct));
        await world.InScopeAsync(sp => sp.GetRequiredService<LegalHolds>().PlaceAsync("operator:test", client, "court-order", "Vanhentunut.", "2026-12-06", Ct));
        await world.InScopeAsync(sp => sp.GetRequiredService<LegalHolds>().LiftAsync("operator:test", hold, Ct));
        var reference = await ForwardAsync(world, "erasure");

        var result = await world.InScopeAsync(sp => sp.GetRequiredService<ControllerRequests>().ApproveAsync(GuidanceWorld.CityAdmin, reference, null, null, null, Ct));

        Assert.Equal(ControllerDecisionOutcome.CarriedOut, result.Outcome);
        await Assert.ThrowsAsync<GuidanceNotFoundException>(() => world.OpenAsync(client));
    }

    [Fact]
    public async Task The_city_admin_approves_a_correction_with_the_field_and_value_and_the_record_shows_it()
    {
        await using var world = await GuidanceWorld.StartAsync(register: GuidanceRegisters.City);
        var client = await world.CreateClientAsync();
        var reference = await ForwardAsync(world, "rectification", "Osoitteeni on muuttunut: Uusikatu 5.");

        var waiting = await world.InScopeAsync(sp => sp.GetRequiredService<ControllerRequests>().WaitingAsync(GuidanceWorld.CityAdmin, Ct));
        var noValue = await Assert.ThrowsAsync<GuidanceInputException>(() => world.InScopeAsync(sp => sp.GetRequiredService<ControllerRequests>().ApproveAsync(GuidanceWorld.CityAdmin, reference, "address", " ", null, Ct)));
        var result = await world.InScopeAsync(sp => sp.GetRequiredService<ControllerRequests>().ApproveAsync(GuidanceWorld.CityAdmin, reference, "address", "Uusikatu 5", null, Ct));

        Assert.Equal("Osoitteeni on muuttunut: Uusikatu 5.", waiting.Single().Details);
        Assert.Equal("Give the corrected value.", noValue.Message);
        Assert.Equal(ControllerDecisionOutcome.CarriedOut, result.Outcome);
        Assert.Equal("Uusikatu 5", (await world.OpenAsync(client)).Basic.Address);
    }

    [Fact]
    public async Task A_refusal_needs_a_reason_and_then_closes_the_request_as_refused_with_it_and_keeps_the_record()
    {
        await using var world = await GuidanceWorld.StartAsync(register: GuidanceRegisters.City);
        var client = await world.CreateClientAsync();
        var reference = await ForwardAsync(world, "erasure");

        var blank = await Assert.ThrowsAsync<GuidanceInputException>(() => world.InScopeAsync(sp => sp.GetRequiredService<ControllerRequests>().RefuseAsync(GuidanceWorld.CityAdmin, reference, "  ", Ct)));
        await world.InScopeAsync(sp => sp.GetRequiredService<ControllerRequests>().RefuseAsync(GuidanceWorld.CityAdmin, reference, "Asiakkuus jatkuu; tiedot tarvitaan palvelun antamiseen.", Ct));

        Assert.StartsWith("Give the reason", blank.Message, StringComparison.Ordinal);
        var request = await world.InScopeAsync(sp => sp.GetRequiredService<RequestRules>().FindAsync(reference, Ct));
        Assert.Equal((RequestStatus.Refused, "Refused by the controller: Asiakkuus jatkuu; tiedot tarvitaan palvelun antamiseen."), (request.Status, request.Outcome));
        Assert.Equal("Aino", (await world.OpenAsync(client)).Basic.FirstName);
        Assert.Empty(await world.InScopeAsync(sp => sp.GetRequiredService<ControllerRequests>().WaitingAsync(GuidanceWorld.CityAdmin, Ct)));
    }

    [Theory]
    [InlineData(GuidanceWorld.Coach)]
    [InlineData(GuidanceWorld.TeamLead)]
    [InlineData(GuidanceWorld.Office)]
    [InlineData(GuidanceWorld.Admin)]
    [InlineData(GuidanceWorld.Sender)]
    [InlineData("staff-city.other")]
    public async Task Nobody_but_the_city_s_admin_of_the_client_s_programme_sees_or_decides_the_request(string account)
    {
        await using var world = await GuidanceWorld.StartAsync(register: GuidanceRegisters.City);
        await world.InScopeAsync(async sp =>
        {
            var other = await sp.GetRequiredService<ManageProgrammes>().CreateAsync("Toinen kaupunki", GuidanceRegisters.City, "Toinen kaupunki", Ct);
            await sp.GetRequiredService<ManageProgrammes>().AssignAsync(other, "staff-city.other", GuidanceRole.ControllerAdmin, "-", "Toinen kaupunki", Ct);
        });
        var client = await world.CreateClientAsync();
        var reference = await ForwardAsync(world, "erasure");

        var waiting = await world.InScopeAsync(sp => sp.GetRequiredService<ControllerRequests>().WaitingAsync(account, Ct));

        Assert.Empty(waiting);
        await Assert.ThrowsAsync<GuidanceNotFoundException>(() => world.InScopeAsync(sp => sp.GetRequiredService<ControllerRequests>().ApproveAsync(account, reference, null, null, null, Ct)));
        await Assert.ThrowsAsync<GuidanceNotFoundException>(() => world.InScopeAsync(sp => sp.GetRequiredService<ControllerRequests>().RefuseAsync(account, reference, "Ei.", Ct)));
        Assert.Equal("Aino", (await world.OpenAsync(client)).Basic.FirstName);
    }

    [Fact]
    public async Task In_a_programme_where_the_provider_is_controller_the_request_is_carried_out_by_the_kernel_and_no_one_decides_it_in_the_app()
    {
        await using var world = await GuidanceWorld.StartAsync();
        var client = await world.CreateClientAsync();

        var reference = await SubmitAsync(world, GuidanceRegisters.Provider, "erasure", null);
        var executed = await world.InScopeAsync(sp => sp.GetRequiredService<ExecuteRequest>().ExecuteAsync(reference, new ExecutionInput(), Ct));

        Assert.Equal(RequestStatus.Completed, executed.Status);
        Assert.Empty(await world.InScopeAsync(sp => sp.GetRequiredService<ControllerRequests>().WaitingAsync(GuidanceWorld.CityAdmin, Ct)));
        await Assert.ThrowsAsync<GuidanceNotFoundException>(() => world.OpenAsync(client));
    }

    [Theory]
    [InlineData(GuidanceRole.ControllerAdmin, GuidanceRegisters.City, true)]
    [InlineData(GuidanceRole.ControllerAdmin, GuidanceRegisters.Provider, false)]
    [InlineData(GuidanceRole.ProgrammeAdmin, GuidanceRegisters.City, false)]
    [InlineData(GuidanceRole.Coach, GuidanceRegisters.City, false)]
    [InlineData(GuidanceRole.TeamLead, GuidanceRegisters.City, false)]
    [InlineData(GuidanceRole.OfficeStaff, GuidanceRegisters.City, false)]
    [InlineData(GuidanceRole.SendingOrganisation, GuidanceRegisters.City, false)]
    internal void Only_the_controller_s_admin_of_a_city_programme_decides_requests(GuidanceRole role, string register, bool decides) =>
        Assert.Equal(decides, AccessMatrix.DecidesRequests(role, register));

    private static Task<SubjectId> SubjectOfAsync(GuidanceWorld world, Guid client) =>
        world.InScopeAsync(async sp => (await sp.GetRequiredService<GuidanceDb>().Clients.SingleAsync(c => c.Id == client, Ct)).SubjectId);

    /// <summary>A request by e-mail about the city register, identity checked by the operator, run: the kernel forwards it.</summary>
    private static async Task<string> ForwardAsync(GuidanceWorld world, string kind, string? details = null)
    {
        var reference = await SubmitAsync(world, GuidanceRegisters.City, kind, details);
        var executed = await world.InScopeAsync(sp => sp.GetRequiredService<ExecuteRequest>().ExecuteAsync(reference, new ExecutionInput(), Ct));
        Assert.Equal(RequestStatus.Forwarded, executed.Status);
        return reference;
    }

    private static async Task<string> SubmitAsync(GuidanceWorld world, string register, string kind, string? details)
    {
        var receipt = await world.InScopeAsync(sp => sp.GetRequiredService<SubmitRequest.Intake>().SubmitAsync(new SubmitRequest.Request(register, kind, "aino@example.fi", details, "fi"), RequestChannel.Email, null, Ct));
        await world.InScopeAsync(sp => sp.GetRequiredService<VerifyRequest>().VerifyAsync(receipt.Reference, VerificationMethod.OperatorCheck, "Henkilökortti nähty toimistolla.", null, Ct));
        return receipt.Reference;
    }
}
