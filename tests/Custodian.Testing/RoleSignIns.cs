using System.Globalization;
using System.Net;
using System.Text.RegularExpressions;
using Custodian.Modules.Marketplace.Sellers;
using Custodian.Modules.Marketplace.Teams;
using Custodian.Privacy.Abstractions.Access;
using Custodian.Web.Platform;
using Microsoft.Extensions.DependencyInjection;

namespace Custodian.Testing;

/// <summary>
/// How a person in each role obtains the session cookie, through the same use cases and pages as in production:
/// the link is made by the real use case, mailed (or printed) as in production, and opened and confirmed on its page.
/// A module that brings new roles adds their sign-in here.
/// </summary>
internal static partial class RoleSignIns
{
    public static readonly IReadOnlyList<string> Roles = [Privacy.Abstractions.Access.Roles.SellerOwner, Privacy.Abstractions.Access.Roles.SellerMember, Privacy.Abstractions.Access.Roles.Operator];

    public static async Task SignInAsync(CustodianHost host, CustodianClient client, string role, int person, CancellationToken cancellationToken)
    {
        var path = role switch
        {
            Privacy.Abstractions.Access.Roles.Operator => await OperatorLinkAsync(host, person, cancellationToken),
            Privacy.Abstractions.Access.Roles.SellerOwner => await SellerLinkAsync(host, person, cancellationToken),
            Privacy.Abstractions.Access.Roles.SellerMember => await TeamInvitationAsync(host, person, cancellationToken),
            _ => throw new NotSupportedException($"No sign-in for role '{role}' yet: the module that serves it adds one to RoleSignIns."),
        };
        using var response = await client.PostFormAsync(path, [], cancellationToken: cancellationToken);
        if (response.StatusCode != HttpStatusCode.Redirect || !client.CookieHeader.Contains("custodian.session=", StringComparison.Ordinal))
        {
            throw new InvalidOperationException($"Signing in as {role} through {path} answered {(int)response.StatusCode} without a session: {await response.Content.ReadAsStringAsync(cancellationToken)}");
        }
    }

    /// <summary>The link <c>custodian operators link ops.N</c> prints.</summary>
    private static async Task<string> OperatorLinkAsync(CustodianHost host, int person, CancellationToken cancellationToken)
    {
        await using var scope = host.Scope();
        var token = await scope.ServiceProvider.GetRequiredService<OperatorSignInLinks>().IssueAsync("ops." + person.ToString(CultureInfo.InvariantCulture), cancellationToken);
        return "/account/operator-link/" + token;
    }

    /// <summary>An active seller (added as an operator adds one) asks for a sign-in link by e-mail.</summary>
    private static async Task<string> SellerLinkAsync(CustodianHost host, int person, CancellationToken cancellationToken)
    {
        var email = $"seller.{person}.{Guid.NewGuid():N}@example.ru";
        await using var scope = host.Scope();
        await scope.ServiceProvider.GetRequiredService<AddSeller>().AddAsync(email, null, "operator", confirmed: true, cancellationToken);
        await scope.ServiceProvider.GetRequiredService<ISellerAccounts>().SendSignInLinkAsync(email, "en", cancellationToken);
        return LinkIn(host, email, "/account/seller-link/");
    }

    /// <summary>A seller invites the person to the team as a member; the person opens the invitation.</summary>
    private static async Task<string> TeamInvitationAsync(CustodianHost host, int person, CancellationToken cancellationToken)
    {
        var email = $"member.{person}.{Guid.NewGuid():N}@example.ru";
        await using var scope = host.Scope();
        var owner = await scope.ServiceProvider.GetRequiredService<AddSeller>().AddAsync($"team.{person}.{Guid.NewGuid():N}@example.ru", null, "operator", confirmed: true, cancellationToken);
        await scope.ServiceProvider.GetRequiredService<ISellerTeams>().InviteAsync(owner.Id, email, TeamRole.Member, "en", cancellationToken);
        return LinkIn(host, email, "/seller/team/join/");
    }

    /// <summary>The path of the newest link to <paramref name="path"/> in the mail to <paramref name="address"/>.</summary>
    public static string LinkIn(CustodianHost host, string address, string path)
    {
        var link = host.Mail.To(address)
            .Select(m => MimeKit.MimeMessage.Load(new MemoryStream(System.Text.Encoding.UTF8.GetBytes(m.Data))).TextBody ?? string.Empty)
            .Select(body => Regex.Match(body, Regex.Escape(path) + "[A-Za-z0-9_-]+"))
            .LastOrDefault(m => m.Success);
        return link?.Value ?? throw new InvalidOperationException($"No mail to {address} with a link to {path}.");
    }
}
