using Custodian.Modules.Guidance.Clients;
using Custodian.Modules.Guidance.Programmes;
using Custodian.Modules.Guidance.Sections;
using Custodian.Privacy.Abstractions.Audit;
using Custodian.Privacy.Abstractions.Protection;

namespace Custodian.Modules.Guidance.Statements;

/// <summary>
/// The coach's part: drafts a statement in an area the client's written consent covers, edits it as new versions while
/// it is a draft or returned, and submits it for review. Nothing is changed once it waits for review, is approved or issued.
/// </summary>
internal sealed class DraftStatements(GuidanceDb db, ClientScope scope, WrittenConsents consents, IPersonalDataVault vault, IAuditLog audit, TimeProvider clock)
{
    public async Task<Guid> DraftAsync(string account, Guid clientId, string? area, string? text, CancellationToken cancellationToken)
    {
        var reached = await scope.FindAsync(account, clientId, cancellationToken);
        WrittenConsents.Require(reached, RecordSection.Statements);
        var consentArea = ConsentAreas.Parse(area) ?? throw new GuidanceInputException("Choose the area the statement is about.");
        var body = SectionEntries.Body(text);
        if (!(await consents.AreasAsync(clientId, cancellationToken)).Contains(consentArea))
        {
            throw new GuidanceInputException("The client's written consent does not cover this area: nothing was saved. Record the consent first.");
        }

        var now = clock.GetUtcNow().UtcDateTime;
        var statement = new StatementRecord { Id = Guid.CreateVersion7(), ClientId = clientId, Area = consentArea, State = StatementState.Draft, Version = 1, Revision = 1, CreatedAtUtc = now, CreatedBy = account };
        db.Statements.Add(statement);
        db.StatementVersions.Add(await VersionAsync(reached, statement.Id, 1, body, account, now, cancellationToken));
        await db.SaveChangesAsync(cancellationToken);
        await audit.AppendAsync(GuidanceAudit.Event(reached, "draft statement"), cancellationToken);
        return statement.Id;
    }

    /// <summary>Saves a new version of a draft or returned statement, if <paramref name="baseRevision"/> is still its newest state.</summary>
    public async Task EditAsync(string account, Guid clientId, Guid statementId, int baseRevision, string? text, CancellationToken cancellationToken)
    {
        var reached = await scope.FindAsync(account, clientId, cancellationToken);
        WrittenConsents.Require(reached, RecordSection.Statements);
        var statement = await StatementSteps.FindAsync(db, reached, statementId, cancellationToken);
        var body = SectionEntries.Body(text);
        StatementSteps.RequireRevision(statement, baseRevision);
        RequireEditable(statement);
        if (!(await consents.AreasAsync(clientId, cancellationToken)).Contains(statement.Area))
        {
            throw new GuidanceInputException("The client has withdrawn consent for this area: the statement can no longer be changed.");
        }

        statement.Version++;
        db.StatementVersions.Add(await VersionAsync(reached, statement.Id, statement.Version, body, account, clock.GetUtcNow().UtcDateTime, cancellationToken));
        await StatementSteps.SaveAsync(db, statement, cancellationToken);
        await audit.AppendAsync(GuidanceAudit.Event(reached, "edit statement"), cancellationToken);
    }

    public async Task SubmitAsync(string account, Guid clientId, Guid statementId, int baseRevision, CancellationToken cancellationToken)
    {
        var reached = await scope.FindAsync(account, clientId, cancellationToken);
        WrittenConsents.Require(reached, RecordSection.Statements);
        var statement = await StatementSteps.FindAsync(db, reached, statementId, cancellationToken);
        StatementSteps.RequireRevision(statement, baseRevision);
        RequireEditable(statement);
        statement.State = StatementState.InReview;
        await StatementSteps.SaveAsync(db, statement, cancellationToken);
        await audit.AppendAsync(GuidanceAudit.Event(reached, "submit statement for review"), cancellationToken);
    }

    private static void RequireEditable(StatementRecord statement)
    {
        switch (statement.State)
        {
            case StatementState.Issued:
                throw new GuidanceInputException("An issued statement cannot be changed: it is kept as it was sent.");
            case StatementState.InReview or StatementState.Approved:
                throw new GuidanceInputException("The statement is with the reviewer: it can be changed only after it is returned.");
        }
    }

    private async Task<StatementVersionRecord> VersionAsync(ReachableClient reached, Guid statementId, int version, string body, string account, DateTime now, CancellationToken cancellationToken) => new()
    {
        StatementId = statementId,
        Version = version,
        Text = await vault.SealAsync(KeyScope.Subject(reached.Client.SubjectId), StatementDisclosure.Text(statementId, version), body, cancellationToken),
        WrittenAtUtc = now,
        WrittenBy = account,
    };
}
