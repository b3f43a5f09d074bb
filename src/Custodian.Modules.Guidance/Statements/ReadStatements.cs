using Custodian.Modules.Guidance.Clients;
using Custodian.Modules.Guidance.Programmes;
using Custodian.Privacy.Abstractions.Audit;
using Custodian.Privacy.Abstractions.Protection;
using Microsoft.EntityFrameworkCore;

namespace Custodian.Modules.Guidance.Statements;

internal sealed record StatementVersionView(int Version, DateTime WrittenAtUtc, string WrittenBy);

internal sealed record StatementView(
    Guid Id, ConsentArea Area, StatementState State, int Version, int Revision, string Text, DateTime CreatedAtUtc, string CreatedBy,
    IReadOnlyList<StatementVersionView> Versions, DateTime? ReviewedAtUtc, string? ReviewedBy, string? ReviewComment,
    DateTime? IssuedAtUtc, string? IssuedBy, string? Recipient, string? DisclosureBasis);

/// <summary>The statements section as one person may see it, and what they may do there.</summary>
internal sealed record StatementsSection(ReachableClient Reached, IReadOnlyList<StatementView> Statements, IReadOnlySet<ConsentArea> WritableAreas)
{
    public bool Writes => Reached.Access(RecordSection.Statements) == SectionAccess.Write;

    public bool Reviews => Reached.Access(RecordSection.Statements) == SectionAccess.Review;

    public bool Issues => AccessMatrix.IssuesStatements(Reached.Role, Reached.Programme.Register);
}

/// <summary>
/// Opens a client's statements for a person: none for a role without the section, only issued statements in areas the
/// client shares for the sending organisation. Each view is logged like the record's other sections (audit log and the
/// client's access list).
/// </summary>
internal sealed class ReadStatements(GuidanceDb db, ClientScope scope, WrittenConsents consents, IPersonalDataVault vault, IAuditLog audit)
{
    public const string What = "statements";

    /// <summary>The section, or null when the role does not see statements.</summary>
    public async Task<StatementsSection?> OpenAsync(string account, Guid clientId, CancellationToken cancellationToken)
    {
        var reached = await scope.FindAsync(account, clientId, cancellationToken);
        if (!AccessMatrix.CanRead(reached.Access(RecordSection.Statements)))
        {
            return null;
        }

        var section = await ReadAsync(reached, await consents.CurrentAsync(clientId, cancellationToken), cancellationToken);
        await audit.AppendAsync(GuidanceAudit.View(reached, What), cancellationToken);
        return section;
    }

    /// <summary>The section without logging the view: the record page logs it with the record's other sections.</summary>
    internal async Task<StatementsSection?> ReadAsync(ReachableClient reached, ConsentView? consent, CancellationToken cancellationToken)
    {
        var access = reached.Access(RecordSection.Statements);
        if (!AccessMatrix.CanRead(access))
        {
            return null;
        }

        var clientId = reached.Client.Id;
        var statements = await db.Statements.Where(s => s.ClientId == clientId).ToListAsync(cancellationToken);
        if (access == SectionAccess.ReadShared)
        {
            var shared = consent?.SharedAreas ?? new HashSet<ConsentArea>();
            statements = [.. statements.Where(s => s.State == StatementState.Issued && shared.Contains(s.Area))];
        }

        var ids = statements.Select(s => s.Id).ToList();
        var versions = await db.StatementVersions.Where(v => ids.Contains(v.StatementId)).ToListAsync(cancellationToken);
        var views = new List<StatementView>();
        foreach (var s in statements.OrderByDescending(s => s.CreatedAtUtc).ThenByDescending(s => s.Id))
        {
            var own = versions.Where(v => v.StatementId == s.Id).OrderBy(v => v.Version).ToList();
            var newest = own[^1];
            var text = (await vault.OpenAsync(newest.Text, StatementDisclosure.Text(s.Id, newest.Version), cancellationToken)).ValueOr("[erased]");
            var comment = s.ReviewComment is null ? null : (await vault.OpenAsync(s.ReviewComment, StatementDisclosure.Comment(s.Id), cancellationToken)).ValueOr("[erased]");
            views.Add(new StatementView(s.Id, s.Area, s.State, s.Version, s.Revision, text, s.CreatedAtUtc, s.CreatedBy,
                [.. own.Select(v => new StatementVersionView(v.Version, v.WrittenAtUtc, v.WrittenBy))],
                s.ReviewedAtUtc, s.ReviewedBy, access == SectionAccess.ReadShared ? null : comment, s.IssuedAtUtc, s.IssuedBy, s.Recipient, s.DisclosureBasis));
        }

        return new StatementsSection(reached, views, consent?.Areas ?? new HashSet<ConsentArea>());
    }

    public static string StateLabel(StatementState state) => state switch
    {
        StatementState.Draft => "Draft",
        StatementState.InReview => "Waiting for review",
        StatementState.Returned => "Returned to the coach",
        StatementState.Approved => "Approved, not issued",
        StatementState.Issued => "Issued",
        _ => throw new ArgumentOutOfRangeException(nameof(state)),
    };

    public static string StateKey(StatementState state) => state switch
    {
        StatementState.Draft => "draft",
        StatementState.InReview => "in-review",
        StatementState.Returned => "returned",
        StatementState.Approved => "approved",
        StatementState.Issued => "issued",
        _ => throw new ArgumentOutOfRangeException(nameof(state)),
    };
}
