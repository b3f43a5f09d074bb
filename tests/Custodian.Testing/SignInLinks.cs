using Custodian.Modules.Marketplace.Sellers;
using Custodian.Modules.Marketplace.Teams;
using Custodian.Modules.Training.Catalogue;
using Custodian.Modules.Training.Employers;
using Custodian.Modules.Training.Enrolment;
using Custodian.Modules.Training.SignIn;
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

    /// <summary>A person enrolled in a card-training session (as through the public form) asks for a sign-in link by e-mail.</summary>
    public static async Task<string> TraineeAsync(CustodianHost host, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(host);
        var email = $"trainee.{Guid.NewGuid():N}@example.fi";
        await using var scope = host.Scope();
        var catalogue = scope.ServiceProvider.GetRequiredService<ManageCatalogue>();
        await catalogue.EnsureStandardCardTypesAsync(cancellationToken);
        var course = await catalogue.AddCourseAsync(new ManageCatalogue.CourseInput("hygieniapassi", "Hygieniapassikoulutus", "Hygiene passport course", "", "", 80m, 6m), cancellationToken);
        var starts = host.Clock.GetUtcNow().UtcDateTime.Date.AddDays(7).AddHours(7);
        var session = await catalogue.AddSessionAsync(new ManageCatalogue.SessionInput(course, starts, starts.AddHours(6), "Aleksanterinkatu 1, 00100 Helsinki", 20, null), cancellationToken);
        var person = new PersonInput("Aino", "Virtanen", TemporaryHetu(), email, "040 123 4567", null, null, null);
        await scope.ServiceProvider.GetRequiredService<EnrolPerson>().EnrolAsync(new EnrolPerson.Request(session, person, Marketing: false, SubmissionKey: null), cancellationToken);
        await scope.ServiceProvider.GetRequiredService<TrainingSignInLinks>().SendAsync(email, "en", cancellationToken);
        return host.LinkIn(email, "/" + TrainingSignInLinks.LinkPath);
    }

    /// <summary>The registrar registers an employer with its contact person, who asks for a sign-in link by e-mail.</summary>
    public static async Task<string> EmployerContactAsync(CustodianHost host, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(host);
        var email = $"contact.{Guid.NewGuid():N}@example.fi";
        await using var scope = host.Scope();
        await scope.ServiceProvider.GetRequiredService<RegisterEmployer>().RegisterAsync("registrar",
            new RegisterEmployer.Input("Rakennus Oy", BusinessId(), "Kaisa Mäkinen", email, "003715728600", "003721291126", null, null), cancellationToken);
        await scope.ServiceProvider.GetRequiredService<TrainingSignInLinks>().SendAsync(email, "en", cancellationToken);
        return host.LinkIn(email, "/" + TrainingSignInLinks.LinkPath);
    }

    /// <summary>A random valid temporary henkilötunnus (individual number 900–999, never issued), of someone born in the 1900s.</summary>
    private static string TemporaryHetu()
    {
        const string checks = "0123456789ABCDEFHJKLMNPRSTUVWXY";
        var birth = new DateTime(1940, 1, 1, 0, 0, 0, DateTimeKind.Utc).AddDays(Random.Shared.Next(365 * 59));
        var digits = string.Create(System.Globalization.CultureInfo.InvariantCulture, $"{birth:ddMMyy}{Random.Shared.Next(900, 1000):000}");
        return $"{digits[..6]}-{digits[6..]}{checks[(int)(long.Parse(digits, System.Globalization.CultureInfo.InvariantCulture) % 31)]}";
    }

    /// <summary>A random valid Y-tunnus: seven digits and the check digit (weights 7 9 10 5 8 4 2; a remainder of 1 has no check digit).</summary>
    private static string BusinessId()
    {
        int[] weights = [7, 9, 10, 5, 8, 4, 2];
        while (true)
        {
            var digits = Random.Shared.Next(1_000_000, 10_000_000).ToString(System.Globalization.CultureInfo.InvariantCulture);
            var remainder = digits.Select((d, i) => (d - '0') * weights[i]).Sum() % 11;
            if (remainder != 1)
            {
                return $"{digits}-{(remainder == 0 ? 0 : 11 - remainder)}";
            }
        }
    }
}
