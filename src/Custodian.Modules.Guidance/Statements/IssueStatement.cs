using Custodian.Modules.Guidance.Clients;
using Custodian.Modules.Guidance.Programmes;
using Custodian.Privacy.Abstractions.Audit;
using Microsoft.EntityFrameworkCore;

namespace Custodian.Modules.Guidance.Statements;

/// <summary>
/// Issues an approved statement to the organisation that referred the client: a disclosure. It is recorded on the
/// statement (recipient, legal basis, when, who) and in the kernel's hash-chained audit log (who, when, whose, basis), and it is refused unless the
/// client's written consent in force shares the statement's area with that organisation. The controller decides on
/// disclosures (<see cref="AccessMatrix.IssuesStatements"/>). An issued statement never changes again.
/// </summary>
internal sealed class IssueStatement(GuidanceDb db, ClientScope scope, WrittenConsents consents, IAuditLog audit, TimeProvider clock)
{
    /// <summary>The kernel's audit entry of a disclosure carries its legal basis as the purpose (the recipient is on the statement: audit fields are short and fixed).</summary>
    public const string Disclosure = "disclosure ";

    public async Task IssueAsync(string account, Guid clientId, Guid statementId, int baseRevision, CancellationToken cancellationToken)
    {
        var reached = await scope.FindAsync(account, clientId, cancellationToken);
        if (!AccessMatrix.IssuesStatements(reached.Role, reached.Programme.Register))
        {
            throw new GuidanceInputException(reached.Programme.Register == GuidanceRegisters.City
                ? "The city decides on disclosures: only the city's administrator can issue a statement."
                : "Your role in this programme does not let you issue statements.");
        }

        var statement = await StatementSteps.FindAsync(db, reached, statementId, cancellationToken);
        StatementSteps.RequireRevision(statement, baseRevision);
        if (statement.State != StatementState.Approved)
        {
            throw new GuidanceInputException(statement.State == StatementState.Issued ? "The statement is already issued." : "Only an approved statement can be issued.");
        }

        var referrer = reached.Client.ReferrerAccount is { } referrerAccount
            ? await db.Assignments.SingleOrDefaultAsync(a => a.ProgrammeId == reached.Programme.Id && a.Account == referrerAccount && a.Role == GuidanceRole.SendingOrganisation, cancellationToken)
            : null;
        if (referrer is null)
        {
            throw new GuidanceInputException("The client has no sending organisation in this programme: there is nobody to issue the statement to.");
        }

        if (await consents.CurrentAsync(clientId, cancellationToken) is not { } consent || !consent.SharedAreas.Contains(statement.Area))
        {
            throw new GuidanceInputException("The client's written consent does not share this area with the sending organisation: the statement was not issued.");
        }

        var basis = StatementDisclosure.Basis(reached.Programme.Register);
        statement.State = StatementState.Issued;
        statement.IssuedAtUtc = clock.GetUtcNow().UtcDateTime;
        statement.IssuedBy = account;
        statement.Recipient = referrer.Organisation;
        statement.DisclosureBasis = basis;
        // Saved first, as every change of the module: a stale step stores nothing and leaves no entry. (The audit log
        // shares the SQLite file, so holding a transaction open across the append would lock it.)
        await StatementSteps.SaveAsync(db, statement, cancellationToken);
        await audit.AppendAsync(GuidanceAudit.Event(reached, "disclose statement") with { Purpose = Disclosure + basis }, cancellationToken);
    }
}
