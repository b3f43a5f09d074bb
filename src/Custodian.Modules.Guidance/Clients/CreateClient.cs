using Custodian.Modules.Guidance.Programmes;
using Custodian.Privacy.Abstractions.Audit;
using Custodian.Privacy.Abstractions.Identifiers;
using Custodian.Privacy.Abstractions.Protection;
using Microsoft.EntityFrameworkCore;

namespace Custodian.Modules.Guidance.Clients;

/// <summary>
/// A coach takes on a new client in a programme they coach in: basic data only (anything more waits for the written
/// consent). The HETU is checked by the kernel's validator, stored encrypted, and found again only by its blind index.
/// </summary>
internal sealed class CreateClient(GuidanceDb db, IPersonalDataVault vault, IAuditLog audit, TimeProvider clock)
{
    public sealed record Request(Guid ProgrammeId, string? FirstName, string? LastName, string? Hetu, string? Address, string? Phone, string? Email, string? ReferrerAccount, string? Gender = null, string? Education = null);

    public async Task<Guid> CreateAsync(string account, Request request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var assignment = await db.Assignments.SingleOrDefaultAsync(a => a.ProgrammeId == request.ProgrammeId && a.Account == account, cancellationToken);
        if (assignment is null || !AccessMatrix.CreatesClients(assignment.Role))
        {
            throw new GuidanceNotFoundException();
        }

        var first = ManageProgrammes.Text(request.FirstName, 100, "Enter the first name (at most 100 characters).");
        var last = ManageProgrammes.Text(request.LastName, 100, "Enter the last name (at most 100 characters).");
        var hetu = Privacy.Abstractions.Identifiers.Hetu.Check(request.Hetu ?? string.Empty);
        if (!hetu.IsValid)
        {
            // The validator's reason quotes characters of the code: the person is told what to check instead.
            throw new GuidanceInputException("The personal identity code is not valid: check the birth date, the century sign and the check character.");
        }

        var address = Optional(request.Address, 300, "The address is too long (at most 300 characters).");
        var gender = request.Gender?.Trim() is { Length: > 0 } g ? (Genders.All.Contains(g) ? g : throw new GuidanceInputException("Choose the gender from the list, or leave it empty.")) : null;
        var education = Optional(request.Education, 200, "The education is too long (at most 200 characters).");
        var phone = request.Phone?.Trim() is { Length: > 0 } p ? Checked(Privacy.Abstractions.Identifiers.Phone.Check(p, "+358"), "The phone number is not valid") : null;
        var email = request.Email?.Trim() is { Length: > 0 } e ? Checked(Privacy.Abstractions.Identifiers.Email.Check(e), "The e-mail address is not valid") : null;
        string? referrer = null;
        if (request.ReferrerAccount is { Length: > 0 } named)
        {
            referrer = await db.Assignments.Where(a => a.ProgrammeId == request.ProgrammeId && a.Account == named && a.Role == GuidanceRole.SendingOrganisation)
                .Select(a => a.Account).SingleOrDefaultAsync(cancellationToken) ?? throw new GuidanceInputException("Choose a sending organisation of this programme.");
        }

        var hetuIndex = vault.BlindIndexOf(IdentifierType.Hetu, hetu.Normalised!);
        if (await db.Clients.AnyAsync(c => c.ProgrammeId == request.ProgrammeId && c.HetuIndex == hetuIndex, cancellationToken))
        {
            throw new GuidanceInputException("This person is a client of the programme already; ask the team lead to find their record.");
        }

        var id = Guid.CreateVersion7();
        var subject = SubjectId.New();
        var scope = KeyScope.Subject(subject);
        var row = id.ToString("N");
        var client = new ClientRecord
        {
            Id = id,
            ProgrammeId = request.ProgrammeId,
            SubjectId = subject,
            CoachAccount = account,
            Team = assignment.Team,
            ReferrerAccount = referrer,
            FirstName = await vault.SealAsync(scope, Field("first_name", row), first, cancellationToken),
            LastName = await vault.SealAsync(scope, Field("last_name", row), last, cancellationToken),
            BirthDate = await vault.SealAsync(scope, Field("birth_date", row), Privacy.Abstractions.Identifiers.Hetu.BirthDate(hetu.Normalised!), cancellationToken),
            Hetu = await vault.SealAsync(scope, Field("hetu", row), hetu.Normalised!, cancellationToken),
            HetuIndex = hetuIndex,
            Address = address is null ? null : await vault.SealAsync(scope, Field("address", row), address, cancellationToken),
            Gender = gender is null ? null : await vault.SealAsync(scope, Field("gender", row), gender, cancellationToken),
            Education = education is null ? null : await vault.SealAsync(scope, Field("education", row), education, cancellationToken),
            Phone = phone is null ? null : await vault.SealAsync(scope, Field("phone", row), phone, cancellationToken),
            Email = email is null ? null : await vault.SealAsync(scope, Field("email", row), email, cancellationToken),
            EmailIndex = email is null ? null : vault.BlindIndexOf(IdentifierType.Email, email),
            CreatedAtUtc = clock.GetUtcNow().UtcDateTime,
        };
        db.Clients.Add(client);
        await db.SaveChangesAsync(cancellationToken);
        var programme = await db.Programmes.SingleAsync(p => p.Id == request.ProgrammeId, cancellationToken);
        await audit.AppendAsync(new AuditEvent(GuidanceAudit.Actor(account), "guidance create client as " + GuidanceRoles.Key(assignment.Role), subject, programme.Register, GuidanceAudit.Purpose), cancellationToken);
        return id;
    }

    public static FieldAddress Field(string column, string row) => new(ClientRecord.Table, column, row);

    internal static string? Optional(string? value, int max, string problem) =>
        value?.Trim() is { Length: > 0 } text ? (text.Length <= max && !text.Any(c => char.IsControl(c) && c is not '\n' and not '\r') ? text : throw new GuidanceInputException(problem)) : null;

    internal static string Checked(IdentifierCheck check, string problem) => check.IsValid ? check.Normalised! : throw new GuidanceInputException(problem + ": " + check.Reason + ".");
}
