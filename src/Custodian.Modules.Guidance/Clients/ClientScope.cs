using Custodian.Modules.Guidance.Programmes;
using Microsoft.EntityFrameworkCore;

namespace Custodian.Modules.Guidance.Clients;

/// <summary>A client the person may open, with their programme and their role in it.</summary>
internal sealed record ReachableClient(ClientRecord Client, ProgrammeRecord Programme, AssignmentRecord Assignment)
{
    public GuidanceRole Role => Assignment.Role;

    public SectionAccess Access(RecordSection section) => AccessMatrix.Access(Role, section);
}

/// <summary>
/// Tenancy in every query: a person reaches a client only through an assignment to the client's programme and only
/// within the role's record scope. A client out of reach and a client that does not exist look the same.
/// </summary>
internal sealed class ClientScope(GuidanceDb db)
{
    public async Task<ReachableClient> FindAsync(string account, Guid clientId, CancellationToken cancellationToken)
    {
        var found = await (from c in db.Clients
                           join a in db.Assignments on c.ProgrammeId equals a.ProgrammeId
                           join p in db.Programmes on c.ProgrammeId equals p.Id
                           where c.Id == clientId && a.Account == account
                           select new { c, a, p }).SingleOrDefaultAsync(cancellationToken);
        return found is not null && Reaches(found.a, found.c) ? new ReachableClient(found.c, found.p, found.a) : throw new GuidanceNotFoundException();
    }

    /// <summary>The clients the account reaches in all its programmes (ids and programme only; names are opened by the caller).</summary>
    public async Task<IReadOnlyList<ReachableClient>> ListAsync(string account, CancellationToken cancellationToken)
    {
        var rows = await (from a in db.Assignments
                          join p in db.Programmes on a.ProgrammeId equals p.Id
                          join c in db.Clients on a.ProgrammeId equals c.ProgrammeId
                          where a.Account == account
                             && (a.Role == GuidanceRole.OfficeStaff || a.Role == GuidanceRole.ProgrammeAdmin || a.Role == GuidanceRole.ControllerAdmin
                                 || (a.Role == GuidanceRole.Coach && c.CoachAccount == account)
                                 || (a.Role == GuidanceRole.TeamLead && c.Team == a.Team)
                                 || (a.Role == GuidanceRole.SendingOrganisation && c.ReferrerAccount == account))
                          select new { c, a, p }).ToListAsync(cancellationToken);
        return [.. rows.Where(r => Reaches(r.a, r.c)).OrderBy(r => r.c.CreatedAtUtc).Select(r => new ReachableClient(r.c, r.p, r.a))];
    }

    /// <summary>The scope rule itself, checked again on every row a query brings back.</summary>
    public static bool Reaches(AssignmentRecord assignment, ClientRecord client) => assignment.ProgrammeId == client.ProgrammeId && AccessMatrix.Scope(assignment.Role) switch
    {
        RecordScope.Own => client.CoachAccount == assignment.Account,
        RecordScope.Team => client.Team == assignment.Team,
        RecordScope.Programme => true,
        RecordScope.Referred => client.ReferrerAccount == assignment.Account,
        _ => false,
    };
}
