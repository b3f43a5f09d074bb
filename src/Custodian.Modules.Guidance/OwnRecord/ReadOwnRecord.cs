using Custodian.Modules.Guidance.Clients;
using Custodian.Modules.Guidance.Messages;
using Custodian.Modules.Guidance.Plan;
using Custodian.Modules.Guidance.Statements;
using Custodian.Privacy.Abstractions.Audit;
using Custodian.Privacy.Abstractions.Protection;
using Microsoft.EntityFrameworkCore;

namespace Custodian.Modules.Guidance.OwnRecord;

internal sealed record OwnStatement(ConsentArea Area, DateTime IssuedAtUtc, string? Recipient, string Text);

/// <summary>One client record as its client sees it: the shareable parts and who viewed it.</summary>
internal sealed record OwnRecordView(
    Guid ClientId, string Programme, string Register, string Controller, BasicData Basic, ConsentView? Consent, DateOnly? EndedOn,
    IReadOnlyList<OwnStatement> Statements, IReadOnlyList<PlanItemView> Plan, IReadOnlyList<QuestionSetView> Questions, IReadOnlyList<AccessView> AccessList);

/// <summary>
/// The client's own view, for a person signed in with strong identification: every record whose identity code has the
/// session's blind index (one per programme they are a client of), with the parts shown to the client — basic data,
/// written consent, goals and plan, statements issued about them, the questions sent to them with their answers — and
/// the access list (organisations and roles that viewed the record). Staff's working notes (assessments, coaching
/// entries), unissued statements and attachments are not shown here; the client's copy of their data (an access
/// request) carries everything. Each view is an audit entry; the client's own views are not in the access list.
/// </summary>
internal sealed class ReadOwnRecord(GuidanceDb db, OpenClientRecord records, WrittenConsents consents, QuestionSets questions, IPersonalDataVault vault, IAuditLog audit)
{
    public async Task<IReadOnlyList<OwnRecordView>> ReadAsync(string sessionAccount, byte[] hetuIndex, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(hetuIndex);
        var found = await db.Clients.Where(c => c.HetuIndex == hetuIndex)
            .Join(db.Programmes, c => c.ProgrammeId, p => p.Id, (c, p) => new { Client = c, Programme = p })
            .ToListAsync(cancellationToken);
        var views = new List<OwnRecordView>();
        foreach (var (client, programme) in found.OrderBy(f => f.Client.CreatedAtUtc).Select(f => (f.Client, f.Programme)))
        {
            views.Add(new OwnRecordView(
                client.Id, programme.Name, programme.Register, programme.Controller,
                await records.BasicAsync(client, full: false, cancellationToken),
                await consents.CurrentAsync(client.Id, cancellationToken),
                client.ClosedAtUtc is { } closed ? DateOnly.FromDateTime(closed) : null,
                await StatementsAsync(client.Id, cancellationToken),
                await PlanAsync(client.Id, cancellationToken),
                await questions.ForClientAsync(client.Id, cancellationToken),
                await records.AccessListAsync(client, null, cancellationToken)));
        }

        if (found.Count > 0)
        {
            await audit.AppendAsync([.. found.Select(f => new AuditEvent(GuidanceAudit.Actor(sessionAccount), "guidance client viewed own record", f.Client.SubjectId, f.Programme.Register, GuidanceAudit.Purpose))], cancellationToken);
        }

        return views;
    }

    /// <summary>The session's client record with this id, or null when it is not the signed-in person's.</summary>
    public async Task<(ClientRecord Client, string Register)?> FindOwnAsync(byte[] hetuIndex, Guid clientId, CancellationToken cancellationToken)
    {
        var found = await db.Clients.Where(c => c.Id == clientId && c.HetuIndex == hetuIndex)
            .Join(db.Programmes, c => c.ProgrammeId, p => p.Id, (c, p) => new { Client = c, p.Register })
            .SingleOrDefaultAsync(cancellationToken);
        return found is null ? null : (found.Client, found.Register);
    }

    private async Task<IReadOnlyList<OwnStatement>> StatementsAsync(Guid clientId, CancellationToken cancellationToken)
    {
        var issued = await db.Statements.Where(s => s.ClientId == clientId && s.State == StatementState.Issued).ToListAsync(cancellationToken);
        var views = new List<OwnStatement>();
        foreach (var s in issued.OrderByDescending(s => s.IssuedAtUtc))
        {
            var text = (await vault.OpenAsync(
                (await db.StatementVersions.SingleAsync(v => v.StatementId == s.Id && v.Version == s.Version, cancellationToken)).Text,
                StatementDisclosure.Text(s.Id, s.Version), cancellationToken)).ValueOr("[erased]");
            views.Add(new OwnStatement(s.Area, s.IssuedAtUtc ?? s.CreatedAtUtc, s.Recipient, text));
        }

        return views;
    }

    private async Task<IReadOnlyList<PlanItemView>> PlanAsync(Guid clientId, CancellationToken cancellationToken) =>
        await PlanItems.ViewsAsync(db, vault, await db.PlanItems.Where(i => i.ClientId == clientId).ToListAsync(cancellationToken), cancellationToken);
}
