using Custodian.Modules.Guidance.Clients;
using Custodian.Modules.Guidance.Programmes;
using Custodian.Privacy.Abstractions.Audit;
using Custodian.Privacy.Abstractions.Protection;

namespace Custodian.Modules.Guidance.Statements;

/// <summary>
/// The reviewer's part (team lead or programme administrator): approves a statement submitted for review, or returns it
/// to the coach with a comment. An approved statement not yet issued can still be returned.
/// </summary>
internal sealed class ReviewStatements(GuidanceDb db, ClientScope scope, IPersonalDataVault vault, IAuditLog audit, TimeProvider clock)
{
    public const int MaxComment = 2_000;

    public async Task ApproveAsync(string account, Guid clientId, Guid statementId, int baseRevision, CancellationToken cancellationToken)
    {
        var (reached, statement) = await FindAsync(account, clientId, statementId, baseRevision, cancellationToken);
        if (statement.State != StatementState.InReview)
        {
            throw new GuidanceInputException("Only a statement submitted for review can be approved.");
        }

        statement.State = StatementState.Approved;
        statement.ReviewedAtUtc = clock.GetUtcNow().UtcDateTime;
        statement.ReviewedBy = account;
        statement.ReviewComment = null;
        await StatementSteps.SaveAsync(db, statement, cancellationToken);
        await audit.AppendAsync(GuidanceAudit.Event(reached, "approve statement"), cancellationToken);
    }

    public async Task ReturnAsync(string account, Guid clientId, Guid statementId, int baseRevision, string? comment, CancellationToken cancellationToken)
    {
        var (reached, statement) = await FindAsync(account, clientId, statementId, baseRevision, cancellationToken);
        if (statement.State is not (StatementState.InReview or StatementState.Approved))
        {
            throw new GuidanceInputException("Only a statement under review or approved but not issued can be returned.");
        }

        var text = comment?.Trim() ?? string.Empty;
        if (text.Length is 0 or > MaxComment || text.Any(c => char.IsControl(c) && c is not '\n' and not '\r' and not '\t'))
        {
            throw new GuidanceInputException("Write what the coach should change (at most 2 000 characters of plain text).");
        }

        statement.State = StatementState.Returned;
        statement.ReviewedAtUtc = clock.GetUtcNow().UtcDateTime;
        statement.ReviewedBy = account;
        statement.ReviewComment = await vault.SealAsync(KeyScope.Subject(reached.Client.SubjectId), StatementDisclosure.Comment(statement.Id), text, cancellationToken);
        await StatementSteps.SaveAsync(db, statement, cancellationToken);
        await audit.AppendAsync(GuidanceAudit.Event(reached, "return statement"), cancellationToken);
    }

    private async Task<(ReachableClient, StatementRecord)> FindAsync(string account, Guid clientId, Guid statementId, int baseRevision, CancellationToken cancellationToken)
    {
        var reached = await scope.FindAsync(account, clientId, cancellationToken);
        if (reached.Access(RecordSection.Statements) != SectionAccess.Review)
        {
            throw new GuidanceInputException("Your role in this programme does not let you review statements.");
        }

        var statement = await StatementSteps.FindAsync(db, reached, statementId, cancellationToken);
        StatementSteps.RequireRevision(statement, baseRevision);
        return (reached, statement);
    }
}
