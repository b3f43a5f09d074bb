using System.Security.Claims;
using Custodian.Privacy.Abstractions.Access;
using Custodian.Privacy.Abstractions.Protection;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.EntityFrameworkCore;

namespace Custodian.Modules.Training.SignIn;

/// <summary>Who an e-mail address is in the register: the trainees enrolled with it, and the employers whose contact person it is.</summary>
internal sealed record TrainingPeople(IReadOnlyList<Guid> Trainees, IReadOnlyList<SubjectId> TraineeSubjects, IReadOnlyList<Guid> Employers)
{
    public bool IsTrainee => Trainees.Count > 0;

    public bool IsEmployerContact => Employers.Count > 0;

    public static async Task<bool> AnyAsync(TrainingDb db, byte[] emailIndex, CancellationToken cancellationToken) =>
        await db.Trainees.AnyAsync(t => t.EmailIndex == emailIndex, cancellationToken) || await db.Employers.AnyAsync(e => e.ContactEmailIndex == emailIndex, cancellationToken);

    public static async Task<TrainingPeople> OfAsync(TrainingDb db, byte[] emailIndex, CancellationToken cancellationToken)
    {
        var trainees = await db.Trainees.AsNoTracking().Where(t => t.EmailIndex == emailIndex).OrderBy(t => t.CreatedAtUtc).Select(t => new { t.Id, t.SubjectId }).ToListAsync(cancellationToken);
        var employers = await db.Employers.AsNoTracking().Where(e => e.ContactEmailIndex == emailIndex).OrderBy(e => e.CreatedAtUtc).Select(e => e.Id).ToListAsync(cancellationToken);
        return new TrainingPeople([.. trainees.Select(t => t.Id)], [.. trainees.Select(t => t.SubjectId)], employers);
    }
}

/// <summary>
/// The cookie of a person signed in by a training link: an account id the sessions and audit log know (the trainee's
/// or the employer's id, never the address), the roles, and the blind index of the address, from which every page looks
/// the person up again (so an erased trainee or a changed contact sees nothing more).
/// </summary>
internal static class TrainingSession
{
    public const string EmailIndexClaim = "training:email-index";
    public const string TraineePrefix = "trainee-";
    public const string EmployerContactPrefix = "employer-contact-";

    public static string AccountOf(TrainingPeople people) =>
        people.IsTrainee ? TraineePrefix + people.Trainees[0].ToString("N") : EmployerContactPrefix + people.Employers[0].ToString("N");

    public static Task SignInAsync(HttpContext context, byte[] emailIndex, TrainingPeople people)
    {
        ArgumentNullException.ThrowIfNull(context);
        var claims = new List<Claim>
        {
            new(ClaimTypes.NameIdentifier, AccountOf(people)),
            new(EmailIndexClaim, Convert.ToBase64String(emailIndex)),
            new(SessionClaims.Method, SignInMethods.EmailLink),
        };
        if (people.IsTrainee)
        {
            claims.Add(new Claim(ClaimTypes.Role, Roles.Trainee));
        }

        if (people.IsEmployerContact)
        {
            claims.Add(new Claim(ClaimTypes.Role, Roles.EmployerContact));
        }

        return context.SignInAsync(CookieAuthenticationDefaults.AuthenticationScheme, new ClaimsPrincipal(new ClaimsIdentity(claims, CookieAuthenticationDefaults.AuthenticationScheme)));
    }

    /// <summary>The blind index of the signed-in person's address, or null when this is no training link session.</summary>
    public static byte[]? EmailIndex(ClaimsPrincipal user) =>
        user?.FindFirst(EmailIndexClaim)?.Value is { } value ? Convert.FromBase64String(value) : null;

    public static string Account(ClaimsPrincipal user) => user?.FindFirst(ClaimTypes.NameIdentifier)?.Value ?? "anonymous";
}
