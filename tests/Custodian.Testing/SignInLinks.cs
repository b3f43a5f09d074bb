using Custodian.Modules.Marketplace.Sellers;
using Custodian.Modules.Marketplace.Teams;
using Microsoft.Extensions.DependencyInjection;

namespace Custodian.Testing;

/// <summary>
/// Fresh single-use sign-in links, made by the real use cases and delivered as in production (mailed to the person,
/// or printed for an operator); each returns the link's path with its token, not yet used.
/// </summary>
public static class SignInLinks
{
    /// <summary>An active seller (added as an operator adds one) asks for a sign-in link by e-mail.</summary>
    public static async Task<string> SellerAsync(CustodianHost host, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(host);
        var email = $"seller.{Guid.NewGuid():N}@example.ru";
        await using var scope = host.Scope();
        await scope.ServiceProvider.GetRequiredService<AddSeller>().AddAsync(email, null, "operator", confirmed: true, cancellationToken);
        await scope.ServiceProvider.GetRequiredService<ISellerAccounts>().SendSignInLinkAsync(email, "en", cancellationToken);
        return host.LinkIn(email, "/account/seller-link/");
    }

    /// <summary>A seller invites a new person to the team as a member: the invitation mailed to them.</summary>
    public static async Task<string> TeamInvitationAsync(CustodianHost host, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(host);
        var email = $"member.{Guid.NewGuid():N}@example.ru";
        await using var scope = host.Scope();
        var owner = await scope.ServiceProvider.GetRequiredService<AddSeller>().AddAsync($"team.{Guid.NewGuid():N}@example.ru", null, "operator", confirmed: true, cancellationToken);
        await scope.ServiceProvider.GetRequiredService<ISellerTeams>().InviteAsync(owner.Id, email, TeamRole.Member, "en", cancellationToken);
        return host.LinkIn(email, "/seller/team/join/");
    }
}
