using Custodian.Modules.Guidance.Plan;
using Custodian.Modules.Guidance.Rights;
using Custodian.Privacy.Abstractions.Requests;
using Custodian.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Custodian.Modules.Guidance.Tests;

/// <summary>Goals and plan steps on both records engines: versioned, written only under consent, shared only as the client allows.</summary>
public sealed class PlanTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Theory]
    [InlineData(RecordsProvider.Sqlite)]
    [InlineData(RecordsProvider.Postgres)]
    public async Task A_goal_keeps_its_target_date_and_status_and_each_change_is_a_new_version_with_who_and_when(RecordsProvider records)
    {
        await using var world = await GuidanceWorld.StartAsync(records);
        var client = await world.CreateClientAsync();
        await world.ConsentAsync(client, ["employment"], []);

        var goal = await world.AddPlanAsync(client, new("goal", "employment", "Osa-aikatyö keväällä.", "2027-05-31", null));
        var version = await world.EditPlanAsync(client, goal, 1, new(null, null, "Osa-aikatyö keväällä.", "2027-05-31", "in-progress"));

        var item = Assert.Single((await world.PlanAsync(client))!.Items);
        Assert.Equal((2, PlanItemStatus.InProgress, new DateOnly(2027, 5, 31), GuidanceWorld.Coach, 2), (version, item.Status, item.TargetDate!.Value, item.WrittenBy, item.Version));
        Assert.Equal(2, await world.InScopeAsync(sp => sp.GetRequiredService<GuidanceDb>().PlanItemVersions.CountAsync(v => v.ItemId == goal, Ct)));
    }

    [Theory]
    [InlineData(RecordsProvider.Sqlite)]
    [InlineData(RecordsProvider.Postgres)]
    public async Task An_edit_from_an_older_version_is_refused_and_stores_nothing(RecordsProvider records)
    {
        await using var world = await GuidanceWorld.StartAsync(records);
        var client = await world.CreateClientAsync();
        await world.ConsentAsync(client, ["employment"], []);
        var step = await world.AddPlanAsync(client, new("step", "employment", "CV valmiiksi.", null, null));
        await world.EditPlanAsync(client, step, 1, new(null, null, "CV valmiiksi.", null, "achieved"));

        var conflict = await Assert.ThrowsAsync<GuidanceEditConflictException>(() => world.EditPlanAsync(client, step, 1, new(null, null, "Vanha.", null, "dropped")));

        Assert.Equal(2, conflict.CurrentVersion);
        Assert.Equal((PlanItemStatus.Achieved, "CV valmiiksi."), (await world.PlanAsync(client))!.Items.Select(i => (i.Status, i.Text)).Single());
    }

    [Theory]
    [InlineData("goal", "employment", "Tavoite.", null, null, "A goal needs a target date.")]
    [InlineData("goal", "employment", "Tavoite.", "2027-02-30", null, "Enter the target date as a date in the calendar.")]
    [InlineData("goal", "employment", "Tavoite.", "31.5.2027", null, "Enter the target date as a date in the calendar.")]
    [InlineData("goal", "employment", "Tavoite.", "2027-05-31", "finished", "Choose a status from the list.")]
    [InlineData("wish", "employment", "Tavoite.", "2027-05-31", null, "Choose whether this is a goal or a step of the plan.")]
    [InlineData("goal", "rehabilitation", "Tavoite.", "2027-05-31", null, "The client's written consent does not cover this area: nothing was saved. Record the consent first.")]
    [InlineData("step", "employment", "  ", null, null, "Write the entry's text.")]
    public async Task Bad_input_is_refused_with_a_clear_message_and_nothing_is_stored(string kind, string area, string text, string? target, string? status, string problem)
    {
        await using var world = await GuidanceWorld.StartAsync();
        var client = await world.CreateClientAsync();
        await world.ConsentAsync(client, ["employment"], []);

        var refused = await Assert.ThrowsAsync<GuidanceInputException>(() => world.AddPlanAsync(client, new(kind, area, text, target, status)));

        Assert.Equal(problem, refused.Message);
        Assert.Equal(0, await world.InScopeAsync(sp => sp.GetRequiredService<GuidanceDb>().PlanItems.CountAsync(Ct)));
    }

    [Fact]
    public async Task After_a_withdrawal_a_goal_in_that_area_can_no_longer_be_changed_and_no_new_one_written()
    {
        await using var world = await GuidanceWorld.StartAsync();
        var client = await world.CreateClientAsync();
        await world.ConsentAsync(client, ["employment", "guidance"], []);
        var goal = await world.AddPlanAsync(client, new("goal", "employment", "Tavoite.", "2027-05-31", null));
        await world.WithdrawAsync(client, ["employment"]);

        await Assert.ThrowsAsync<GuidanceInputException>(() => world.EditPlanAsync(client, goal, 1, new(null, null, "Muutos.", "2027-05-31", null)));
        await Assert.ThrowsAsync<GuidanceInputException>(() => world.AddPlanAsync(client, new("goal", "employment", "Uusi.", "2027-05-31", null)));

        Assert.Equal(1, (await world.PlanAsync(client))!.Items.Single().Version);
    }

    [Fact]
    public async Task The_sending_organisation_reads_only_goals_in_shared_areas_team_lead_reads_all_and_neither_writes()
    {
        await using var world = await GuidanceWorld.StartAsync();
        var client = await world.CreateClientAsync();
        await world.ConsentAsync(client, ["employment", "guidance"], ["employment"]);
        var shared = await world.AddPlanAsync(client, new("goal", "employment", "Jaettu.", "2027-05-31", null));
        await world.AddPlanAsync(client, new("step", "guidance", "Ei jaettu.", null, null));

        Assert.Equal([shared], (await world.PlanAsync(client, GuidanceWorld.Sender))!.Items.Select(i => i.Id));
        Assert.Equal(2, (await world.PlanAsync(client, GuidanceWorld.TeamLead))!.Items.Count);
        Assert.Null(await world.PlanAsync(client, GuidanceWorld.Office));
        await Assert.ThrowsAsync<GuidanceInputException>(() => world.AddPlanAsync(client, new("goal", "employment", "Lähettäjän.", "2027-05-31", null), GuidanceWorld.Sender));
        Assert.Contains(await world.AuditAsync(client), e => e.Action == "guidance view goals and plan as sending-organisation");
    }

    [Fact]
    public async Task The_clients_copy_holds_every_version_of_the_goals_and_erasure_removes_them()
    {
        await using var world = await GuidanceWorld.StartAsync();
        var client = await world.CreateClientAsync();
        await world.ConsentAsync(client, ["employment"], []);
        var goal = await world.AddPlanAsync(client, new("goal", "employment", "Tavoite.", "2027-05-31", null));
        await world.EditPlanAsync(client, goal, 1, new(null, null, "Tavoite, tarkennettu.", "2027-06-30", "in-progress"));

        var (exported, left) = await world.InScopeAsync(async sp =>
        {
            var db = sp.GetRequiredService<GuidanceDb>();
            var subject = await db.Clients.Where(c => c.Id == client).Select(c => c.SubjectId).SingleAsync(Ct);
            var provider = sp.GetServices<IPersonalDataProvider>().OfType<GuidanceDataProvider>().Single();
            var exported = await provider.ExportAsync(subject, "guidance", Ct);
            await provider.EraseAsync(subject, "guidance", Ct);
            return (exported, (await db.PlanItems.CountAsync(Ct), await db.PlanItemVersions.CountAsync(Ct)));
        });

        Assert.Equal(["Tavoite.", "Tavoite, tarkennettu."], exported.Where(r => r.Record.RecordType == "goal").Select(r => r.Fields.Single(f => f.Name == "plan_text").Value));
        Assert.Equal((0, 0), left);
    }
}

/// <summary>The goals-and-plan steps as the tests take them, each in its own scope as a request would.</summary>
internal static class PlanWorld
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public static Task<Guid> AddPlanAsync(this GuidanceWorld world, Guid client, PlanItems.Input input, string account = GuidanceWorld.Coach) =>
        world.InScopeAsync(sp => sp.GetRequiredService<PlanItems>().AddAsync(account, client, input, Ct));

    public static Task<int> EditPlanAsync(this GuidanceWorld world, Guid client, Guid item, int baseVersion, PlanItems.Input input) =>
        world.InScopeAsync(sp => sp.GetRequiredService<PlanItems>().EditAsync(GuidanceWorld.Coach, client, item, baseVersion, input, Ct));

    public static Task<PlanSection?> PlanAsync(this GuidanceWorld world, Guid client, string account = GuidanceWorld.Coach) =>
        world.InScopeAsync(sp => sp.GetRequiredService<PlanItems>().OpenAsync(account, client, Ct));
}
