using Microsoft.EntityFrameworkCore;

namespace Custodian.Modules.Guidance.Programmes;

/// <summary>A programme as staff see it, with the person's role there.</summary>
internal sealed record ProgrammeView(Guid Id, string Name, string Register, string Controller, GuidanceRole Role, string Team, string Organisation);

/// <summary>An assignment as the CLI lists it.</summary>
internal sealed record AssignmentView(Guid ProgrammeId, string Programme, string Account, GuidanceRole Role, string Team, string Organisation);

/// <summary>Creates programmes, assigns staff accounts to them with a role, and lists a person's programmes.</summary>
internal sealed class ManageProgrammes(GuidanceDb db, TimeProvider clock)
{
    public async Task<Guid> CreateAsync(string name, string register, string controller, CancellationToken cancellationToken)
    {
        name = Text(name, 200, "The programme needs a name (at most 200 characters).");
        controller = Text(controller, 200, "Name the programme's controller (at most 200 characters).");
        if (!GuidanceRegisters.All.Contains(register))
        {
            throw new GuidanceInputException($"The register must be one of: {string.Join(", ", GuidanceRegisters.All)}.");
        }

        if (await db.Programmes.AnyAsync(p => p.Name == name, cancellationToken))
        {
            throw new GuidanceInputException("A programme of this name exists already.");
        }

        var programme = new ProgrammeRecord { Id = Guid.CreateVersion7(), Name = name, Register = register, Controller = controller, CreatedAtUtc = clock.GetUtcNow().UtcDateTime };
        db.Programmes.Add(programme);
        await db.SaveChangesAsync(cancellationToken);
        return programme.Id;
    }

    /// <summary>Assigns the account (or changes its role, team and organisation there); one role per person and programme.</summary>
    public async Task AssignAsync(Guid programmeId, string account, GuidanceRole role, string team, string organisation, CancellationToken cancellationToken)
    {
        account = Text(account, 80, "Name the staff account (staff- and the handle).");
        team = Text(team, 80, "Name the team (at most 80 characters).");
        organisation = Text(organisation, 200, "Name the organisation the person acts for (at most 200 characters).");
        if (!await db.Programmes.AnyAsync(p => p.Id == programmeId, cancellationToken))
        {
            throw new GuidanceInputException("No such programme.");
        }

        var assignment = await db.Assignments.SingleOrDefaultAsync(a => a.ProgrammeId == programmeId && a.Account == account, cancellationToken);
        if (assignment is null)
        {
            assignment = new AssignmentRecord { Id = Guid.CreateVersion7(), ProgrammeId = programmeId, Account = account };
            db.Assignments.Add(assignment);
        }

        (assignment.Role, assignment.Team, assignment.Organisation, assignment.AssignedAtUtc) = (role, team, organisation, clock.GetUtcNow().UtcDateTime);
        await db.SaveChangesAsync(cancellationToken);
    }

    /// <summary>The programmes the account is assigned to: the only ones it sees.</summary>
    public async Task<IReadOnlyList<ProgrammeView>> OfAsync(string account, CancellationToken cancellationToken) =>
        await (from a in db.Assignments
               join p in db.Programmes on a.ProgrammeId equals p.Id
               where a.Account == account
               orderby p.Name
               select new ProgrammeView(p.Id, p.Name, p.Register, p.Controller, a.Role, a.Team, a.Organisation)).ToListAsync(cancellationToken);

    public async Task<IReadOnlyList<ProgrammeRecord>> ListAsync(CancellationToken cancellationToken) =>
        await db.Programmes.OrderBy(p => p.Name).ToListAsync(cancellationToken);

    public async Task<IReadOnlyList<AssignmentView>> AssignmentsAsync(Guid programmeId, CancellationToken cancellationToken) =>
        await (from a in db.Assignments
               join p in db.Programmes on a.ProgrammeId equals p.Id
               where a.ProgrammeId == programmeId
               orderby a.Role, a.Account
               select new AssignmentView(p.Id, p.Name, a.Account, a.Role, a.Team, a.Organisation)).ToListAsync(cancellationToken);

    internal static string Text(string? value, int max, string problem) =>
        value?.Trim() is { Length: > 0 } text && text.Length <= max && !text.Any(char.IsControl) ? text : throw new GuidanceInputException(problem);
}
