using Custodian.Modules.Guidance.Programmes;
using Custodian.Modules.Guidance.Rights;
using Custodian.Privacy.Abstractions.Requests;
using Custodian.Privacy.Requests;
using Custodian.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Custodian.Modules.Guidance.Tests;

/// <summary>
/// The city's admin decides in the app the access, restriction and objection requests the kernel forwards about clients
/// of a city programme (ADR 0025): the kernel carries out the approval — the copy with its download link, the
/// restriction, the objection for the purpose chosen — or the refusal with its reason, with the request's timeline,
/// receipt and audit entries.
/// </summary>
public sealed class ControllerAccessRestrictionObjectionTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Theory]
    [InlineData(RecordsProvider.Sqlite)]
    [InlineData(RecordsProvider.Postgres)]
    public async Task An_approved_access_request_completes_with_a_copy_of_the_client_record_and_its_download_link(RecordsProvider records)
    {
        await using var world = await GuidanceWorld.StartAsync(records, register: GuidanceRegisters.City);
        var client = await world.CreateClientAsync();
        await world.OpenAsync(client, GuidanceWorld.Coach);
        var reference = await ForwardAsync(world, "access");

        var waiting = await world.InScopeAsync(sp => sp.GetRequiredService<ControllerRequests>().WaitingAsync(GuidanceWorld.CityAdmin, Ct));
        var result = await world.InScopeAsync(sp => sp.GetRequiredService<ControllerRequests>().ApproveAsync(GuidanceWorld.CityAdmin, reference, null, null, null, Ct));

        Assert.Equal([(reference, "access", client)], waiting.Select(w => (w.Reference, w.Kind, w.ClientId)));
        Assert.Equal(ControllerDecisionOutcome.CarriedOut, result.Outcome);
        var request = await world.InScopeAsync(sp => sp.GetRequiredService<RequestRules>().FindAsync(reference, Ct));
        Assert.Equal(RequestStatus.Completed, request.Status);
        Assert.NotNull(request.PackageSha256);
        Assert.NotNull(request.DownloadExpiresAtUtc);
        Assert.Contains("record(s)", request.Outcome, StringComparison.Ordinal);
        Assert.Empty(await world.InScopeAsync(sp => sp.GetRequiredService<ControllerRequests>().WaitingAsync(GuidanceWorld.CityAdmin, Ct)));
    }

    [Theory]
    [InlineData(RecordsProvider.Sqlite)]
    [InlineData(RecordsProvider.Postgres)]
    public async Task An_approved_restriction_marks_the_client_record_restricted(RecordsProvider records)
    {
        await using var world = await GuidanceWorld.StartAsync(records, register: GuidanceRegisters.City);
        var client = await world.CreateClientAsync();
        var reference = await ForwardAsync(world, "restriction");

        var result = await world.InScopeAsync(sp => sp.GetRequiredService<ControllerRequests>().ApproveAsync(GuidanceWorld.CityAdmin, reference, null, null, null, Ct));

        Assert.Equal(ControllerDecisionOutcome.CarriedOut, result.Outcome);
        Assert.True(await world.InScopeAsync(sp => sp.GetRequiredService<GuidanceDb>().Clients.Where(c => c.Id == client).Select(c => c.Restricted).SingleAsync(Ct)));
        Assert.Equal(RequestStatus.Completed, (await world.InScopeAsync(sp => sp.GetRequiredService<RequestRules>().FindAsync(reference, Ct))).Status);
    }

    [Theory]
    [InlineData(RecordsProvider.Sqlite)]
    [InlineData(RecordsProvider.Postgres)]
    public async Task An_upheld_objection_records_a_restriction_for_the_purpose_chosen(RecordsProvider records)
    {
        await using var world = await GuidanceWorld.StartAsync(records, register: GuidanceRegisters.City);
        var client = await world.CreateClientAsync();
        var subject = await world.InScopeAsync(async sp => (await sp.GetRequiredService<GuidanceDb>().Clients.SingleAsync(c => c.Id == client, Ct)).SubjectId.Value);
        var reference = await ForwardAsync(world, "objection", "Vastustan tietojeni käsittelyä.");

        var waiting = Assert.Single(await world.InScopeAsync(sp => sp.GetRequiredService<ControllerRequests>().WaitingAsync(GuidanceWorld.CityAdmin, Ct)));
        var result = await world.InScopeAsync(sp => sp.GetRequiredService<ControllerRequests>().ApproveAsync(GuidanceWorld.CityAdmin, reference, null, null, "client-work", Ct));

        Assert.Contains(waiting.Purposes, p => p.Id == "client-work");
        Assert.Equal(ControllerDecisionOutcome.CarriedOut, result.Outcome);
        var scopes = await world.InScopeAsync(sp => sp.GetRequiredService<RequestRules>().Db.Restrictions.Where(r => r.SubjectId == subject).Select(r => r.Scope).ToListAsync(Ct));
        Assert.Equal(["objection:client-work"], scopes);
        Assert.Equal(RequestStatus.Completed, (await world.InScopeAsync(sp => sp.GetRequiredService<RequestRules>().FindAsync(reference, Ct))).Status);
    }

    [Fact]
    public async Task An_objection_without_a_purpose_is_refused_and_keeps_waiting_for_the_decision()
    {
        await using var world = await GuidanceWorld.StartAsync(register: GuidanceRegisters.City);
        await world.CreateClientAsync();
        var reference = await ForwardAsync(world, "objection");

        var refused = await Assert.ThrowsAsync<GuidanceInputException>(() => world.InScopeAsync(sp => sp.GetRequiredService<ControllerRequests>().ApproveAsync(GuidanceWorld.CityAdmin, reference, null, null, "not-a-purpose", Ct)));

        Assert.Equal("Choose the purpose the objection is upheld for.", refused.Message);
        Assert.Equal(RequestStatus.Forwarded, (await world.InScopeAsync(sp => sp.GetRequiredService<RequestRules>().FindAsync(reference, Ct))).Status);
    }

    [Theory]
    [InlineData(RecordsProvider.Sqlite)]
    [InlineData(RecordsProvider.Postgres)]
    public async Task A_refused_access_request_is_closed_with_the_reason_and_no_copy(RecordsProvider records)
    {
        await using var world = await GuidanceWorld.StartAsync(records, register: GuidanceRegisters.City);
        await world.CreateClientAsync();
        var reference = await ForwardAsync(world, "access");

        var result = await world.InScopeAsync(sp => sp.GetRequiredService<ControllerRequests>().RefuseAsync(GuidanceWorld.CityAdmin, reference, "Sama pyyntö on vastattu 2026-12-01.", Ct));

        Assert.Equal(ControllerDecisionOutcome.Refused, result.Outcome);
        var request = await world.InScopeAsync(sp => sp.GetRequiredService<RequestRules>().FindAsync(reference, Ct));
        Assert.Equal(RequestStatus.Refused, request.Status);
        Assert.Null(request.PackageSha256);
        Assert.Contains("Sama pyyntö on vastattu 2026-12-01.", request.Outcome, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_city_admin_of_another_programme_does_not_reach_the_access_request()
    {
        await using var world = await GuidanceWorld.StartAsync(register: GuidanceRegisters.City);
        await world.CreateClientAsync();
        var reference = await ForwardAsync(world, "access");
        var other = await world.InScopeAsync(async sp =>
        {
            var programmes = sp.GetRequiredService<ManageProgrammes>();
            var programme = await programmes.CreateAsync("Toinen kaupunki", GuidanceRegisters.City, "Toinen kaupunki", Ct);
            await programmes.AssignAsync(programme, "staff-city.olga", GuidanceRole.ControllerAdmin, "-", "Toinen kaupunki", Ct);
            return "staff-city.olga";
        });

        Assert.Empty(await world.InScopeAsync(sp => sp.GetRequiredService<ControllerRequests>().WaitingAsync(other, Ct)));
        await Assert.ThrowsAsync<GuidanceNotFoundException>(() => world.InScopeAsync(sp => sp.GetRequiredService<ControllerRequests>().ApproveAsync(other, reference, null, null, null, Ct)));
        Assert.Equal(RequestStatus.Forwarded, (await world.InScopeAsync(sp => sp.GetRequiredService<RequestRules>().FindAsync(reference, Ct))).Status);
    }

    /// <summary>A request by e-mail about the city register, identity checked by the operator, run: the kernel forwards it.</summary>
    private static async Task<string> ForwardAsync(GuidanceWorld world, string kind, string? details = null)
    {
        var receipt = await world.InScopeAsync(sp => sp.GetRequiredService<SubmitRequest.Intake>().SubmitAsync(new SubmitRequest.Request(GuidanceRegisters.City, kind, "aino@example.fi", details, "fi"), RequestChannel.Email, null, Ct));
        await world.InScopeAsync(sp => sp.GetRequiredService<VerifyRequest>().VerifyAsync(receipt.Reference, VerificationMethod.OperatorCheck, "Henkilökortti nähty toimistolla.", null, Ct));
        var executed = await world.InScopeAsync(sp => sp.GetRequiredService<ExecuteRequest>().ExecuteAsync(receipt.Reference, new ExecutionInput(), Ct));
        Assert.Equal(RequestStatus.Forwarded, executed.Status);
        return receipt.Reference;
    }
}
