using System.Text.RegularExpressions;
using Custodian.Modules.Marketplace.Sellers;
using Custodian.Modules.Marketplace.Teams;
using Custodian.Privacy.Abstractions.Protection;
using Custodian.Privacy.Abstractions.Requests;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Custodian.Modules.Marketplace.Tests;

/// <summary>Teams: invitations by e-mail, joining by the link, what owners and members may do, and erasure of either side.</summary>
public sealed partial class SellerTeamTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Members_see_the_team_accounts_owners_may_revoke_them_and_a_link_works_once()
    {
        await using var world = await MarketplaceWorld.StartAsync(withBot: true);
        var account = await world.ConnectOzonSellerAsync(71);
        var teamSeller = await world.InScopeAsync(sp => sp.GetRequiredService<MarketplaceDb>().Accounts.Where(a => a.Id == account).Select(a => a.SellerId).SingleAsync(Ct));

        var memberLink = await InviteAsync(world, teamSeller, "member@example.ru", TeamRole.Member);
        var ownerLink = await InviteAsync(world, teamSeller, "co.owner@example.ru", TeamRole.Owner);
        var member = await world.InScopeAsync(sp => sp.GetRequiredService<ISellerTeams>().JoinAsync(memberLink, false, Ct));
        var coOwner = await world.InScopeAsync(sp => sp.GetRequiredService<ISellerTeams>().JoinAsync(ownerLink, false, Ct));
        var again = await world.InScopeAsync(sp => sp.GetRequiredService<ISellerTeams>().JoinAsync(memberLink, false, Ct));

        Assert.NotNull(member);
        Assert.NotNull(coOwner);
        Assert.Null(again);
        var teams = await world.InScopeAsync(sp => sp.GetRequiredService<ISellerTeams>().TeamsAsync(member!.Value, Ct));
        var team = Assert.Single(teams);
        Assert.Equal(TeamRole.Member, team.Role);
        Assert.Equal(account, Assert.Single(team.Accounts).Id);
        var own = await world.InScopeAsync(sp => sp.GetRequiredService<ISellerTeams>().OwnTeamAsync(teamSeller, Ct));
        Assert.Equal(["member@example.ru", "co.owner@example.ru"], own.Members.Select(m => m.Email));
        Assert.Empty(own.Invitations);
        Assert.False(await world.InScopeAsync(sp => sp.GetRequiredService<ISellerAccounts>().RevokeAsync(member!.Value, account, Ct)));
        Assert.True(await world.InScopeAsync(sp => sp.GetRequiredService<ISellerAccounts>().RevokeAsync(coOwner!.Value, account, Ct)));
        await Assert.ThrowsAsync<MarketplaceInputException>(() => InviteAsync(world, teamSeller, "member@example.ru", TeamRole.Owner)); // in the team already
    }

    [Fact]
    public async Task Erasing_a_member_or_the_team_seller_leaves_no_membership_or_invitation_behind()
    {
        await using var world = await MarketplaceWorld.StartAsync(withBot: true);
        var account = await world.ConnectOzonSellerAsync(72);
        var teamSeller = await world.InScopeAsync(sp => sp.GetRequiredService<MarketplaceDb>().Accounts.Where(a => a.Id == account).Select(a => a.SellerId).SingleAsync(Ct));
        var member = (await world.InScopeAsync(sp => InviteAndJoinAsync(world, sp, teamSeller, "leaving.member@example.ru")))!.Value;
        await InviteAsync(world, teamSeller, "never.joined@example.ru", TeamRole.Member);

        var exported = await world.InScopeAsync(async sp => await Provider(sp).ExportAsync(await SubjectOfAsync(sp, member), "marketplace-sellers", Ct));
        Assert.Contains(exported, r => r.Record.RecordType == "team-membership");

        await world.InScopeAsync(async sp => await Provider(sp).EraseAsync(await SubjectOfAsync(sp, member), "marketplace-sellers", Ct));
        Assert.Empty(await world.InScopeAsync(sp => sp.GetRequiredService<MarketplaceDb>().TeamMembers.ToListAsync(Ct)));

        await world.InScopeAsync(async sp => await Provider(sp).EraseAsync(await SubjectOfAsync(sp, teamSeller), "marketplace-sellers", Ct));
        Assert.Empty(await world.InScopeAsync(sp => sp.GetRequiredService<MarketplaceDb>().TeamInvitations.ToListAsync(Ct)));
    }

    [Fact]
    public async Task A_team_member_sees_the_team_accounts_on_dashboards_and_another_seller_finds_none_of_them()
    {
        await using var world = await MarketplaceWorld.StartAsync(withBot: true);
        var account = await world.ConnectOzonSellerAsync(73);
        var stranger = await world.ConnectSellerAsync(74);
        var teamSeller = await world.InScopeAsync(sp => sp.GetRequiredService<MarketplaceDb>().Accounts.Where(a => a.Id == account).Select(a => a.SellerId).SingleAsync(Ct));
        var strangerSeller = await world.InScopeAsync(sp => sp.GetRequiredService<MarketplaceDb>().Accounts.Where(a => a.Id == stranger).Select(a => a.SellerId).SingleAsync(Ct));
        var member = (await world.InScopeAsync(sp => InviteAndJoinAsync(world, sp, teamSeller, "dashboards.member@example.ru")))!.Value;

        var memberSees = await world.InScopeAsync(sp => sp.GetRequiredService<Dashboards.DashboardScope>().VisibleAsync(member, Ct));
        var strangerSees = await world.InScopeAsync(sp => sp.GetRequiredService<Dashboards.DashboardScope>().VisibleAsync(strangerSeller, Ct));
        var filter = Dashboards.DashboardFilter.Parse(name => name == "account" ? account.ToString() : null, new DateOnly(2026, 12, 6));

        Assert.Equal([account], memberSees.Select(a => a.Id));
        Assert.Equal([stranger], strangerSees.Select(a => a.Id));
        Assert.Equal([account], Dashboards.DashboardScope.Select(memberSees, filter).Select(a => a.Id));
        Assert.Throws<Dashboards.DashboardNotFoundException>(() => Dashboards.DashboardScope.Select(strangerSees, filter));
    }

    private static IPersonalDataProvider Provider(IServiceProvider services) => services.GetServices<IPersonalDataProvider>().Single(p => p.Registers.Contains("marketplace-sellers") && p is SellerDataProvider);

    private static async Task<SubjectId> SubjectOfAsync(IServiceProvider services, Guid sellerId) =>
        new(await services.GetRequiredService<MarketplaceDb>().Sellers.Where(s => s.Id == sellerId).Select(s => s.SubjectId).SingleAsync(Ct));

    private static async Task<Guid?> InviteAndJoinAsync(MarketplaceWorld world, IServiceProvider services, Guid teamSeller, string email) =>
        await services.GetRequiredService<ISellerTeams>().JoinAsync(await InviteAsync(world, teamSeller, email, TeamRole.Member), false, Ct);

    /// <summary>Invites and returns the token from the link in the mail the invitee received.</summary>
    private static async Task<string> InviteAsync(MarketplaceWorld world, Guid teamSeller, string email, TeamRole role)
    {
        await world.InScopeAsync(async sp => { await sp.GetRequiredService<ISellerTeams>().InviteAsync(teamSeller, email, role, "en", Ct); return 0; });
        var mail = world.Smtp!.To(email)[^1].Data.Replace("=\r\n", "", StringComparison.Ordinal);
        return JoinLink().Match(mail).Groups[1].Value;
    }

    [GeneratedRegex("/seller/team/join/([A-Za-z0-9_-]+)")]
    private static partial Regex JoinLink();
}
