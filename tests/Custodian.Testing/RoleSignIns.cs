using System.Globalization;
using System.Net;
using System.Text.RegularExpressions;

namespace Custodian.Testing;

/// <summary>
/// How a person in each role obtains the session cookie, through the same use cases and pages as in production:
/// the link is made by the real use case, mailed (or printed) as in production, and opened and confirmed on its page.
/// A module that brings new roles adds their sign-in here.
/// </summary>
internal static class RoleSignIns
{
    public static readonly IReadOnlyList<string> Roles = [Privacy.Abstractions.Access.Roles.SellerOwner, Privacy.Abstractions.Access.Roles.SellerMember, Privacy.Abstractions.Access.Roles.Operator, Privacy.Abstractions.Access.Roles.Administrator, Privacy.Abstractions.Access.Roles.Coach,
        Privacy.Abstractions.Access.Roles.Trainer, Privacy.Abstractions.Access.Roles.Registrar, Privacy.Abstractions.Access.Roles.Trainee, Privacy.Abstractions.Access.Roles.EmployerContact];

    public static async Task SignInAsync(CustodianHost host, CustodianClient client, string role, int person, CancellationToken cancellationToken)
    {
        if (Privacy.Abstractions.Access.Roles.Staff.Contains(role))
        {
            // Staff enrol through their first-time link: password, authenticator, recovery codes; then they are signed in.
            // Unique across hosts that share one database (several instances), not only within this host.
            await StaffSignIns.EnrolAsync(host, client, $"staff{person.ToString(CultureInfo.InvariantCulture)}.{Guid.NewGuid():N}"[..24], [role], cancellationToken);
            return;
        }

        var path = role switch
        {
            Privacy.Abstractions.Access.Roles.SellerOwner => await SignInLinks.SellerAsync(host, cancellationToken),
            Privacy.Abstractions.Access.Roles.SellerMember => await SignInLinks.TeamInvitationAsync(host, cancellationToken),
            Privacy.Abstractions.Access.Roles.Trainee => await SignInLinks.TraineeAsync(host, cancellationToken),
            Privacy.Abstractions.Access.Roles.EmployerContact => await SignInLinks.EmployerContactAsync(host, cancellationToken),
            _ => throw new NotSupportedException($"No sign-in for role '{role}' yet: the module that serves it adds one to RoleSignIns."),
        };
        using var response = await client.PostFormAsync(path, [], cancellationToken: cancellationToken);
        if (response.StatusCode != HttpStatusCode.Redirect || !client.CookieHeader.Contains("custodian.session=", StringComparison.Ordinal))
        {
            throw new InvalidOperationException($"Signing in as {role} through {path} answered {(int)response.StatusCode} without a session: {await response.Content.ReadAsStringAsync(cancellationToken)}");
        }
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
