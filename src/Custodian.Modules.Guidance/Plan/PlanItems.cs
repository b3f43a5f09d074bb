using System.Globalization;
using Custodian.Modules.Guidance.Clients;
using Custodian.Modules.Guidance.Programmes;
using Custodian.Modules.Guidance.Sections;
using Custodian.Privacy.Abstractions.Audit;
using Custodian.Privacy.Abstractions.Protection;
using Microsoft.EntityFrameworkCore;

namespace Custodian.Modules.Guidance.Plan;

internal sealed record PlanItemView(Guid Id, PlanItemKind Kind, ConsentArea Area, int Version, string Text, DateOnly? TargetDate, PlanItemStatus Status, DateTime WrittenAtUtc, string WrittenBy);

/// <summary>The goals and plan section as one person may see it (null from <see cref="PlanItems.OpenAsync"/> when the role does not see it).</summary>
internal sealed record PlanSection(Guid ClientId, bool Writes, IReadOnlyList<PlanItemView> Items, IReadOnlySet<ConsentArea> WritableAreas);

/// <summary>
/// Goals (with a target date and status) and plan steps agreed with the client and the authorities. Written only by the
/// coach and only in areas the written consent covers; every change is a new version that names the version it started
/// from, so no edit overwrites another unseen. Reading the section is logged like the record's other sections.
/// </summary>
internal sealed class PlanItems(GuidanceDb db, ClientScope scope, WrittenConsents consents, IPersonalDataVault vault, IAuditLog audit, TimeProvider clock)
{
    public const string What = "goals and plan";

    public sealed record Input(string? Kind, string? Area, string? Text, string? TargetDate, string? Status);

    public async Task<Guid> AddAsync(string account, Guid clientId, Input input, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(input);
        var reached = await scope.FindAsync(account, clientId, cancellationToken);
        WrittenConsents.Require(reached, RecordSection.Goals);
        var kind = input.Kind?.Trim() switch
        {
            "goal" => PlanItemKind.Goal,
            "step" => PlanItemKind.Step,
            _ => throw new GuidanceInputException("Choose whether this is a goal or a step of the plan."),
        };
        var area = ConsentAreas.Parse(input.Area) ?? throw new GuidanceInputException("Choose the area the goal or step belongs to.");
        var (text, target, status) = Parse(kind, input);
        if (!(await consents.AreasAsync(clientId, cancellationToken)).Contains(area))
        {
            throw new GuidanceInputException("The client's written consent does not cover this area: nothing was saved. Record the consent first.");
        }

        var now = clock.GetUtcNow().UtcDateTime;
        var item = new PlanItemRecord { Id = Guid.CreateVersion7(), ClientId = clientId, Kind = kind, Area = area, Version = 1, CreatedAtUtc = now, CreatedBy = account };
        db.PlanItems.Add(item);
        db.PlanItemVersions.Add(await VersionAsync(reached, item.Id, 1, text, target, status, account, now, cancellationToken));
        await db.SaveChangesAsync(cancellationToken);
        await audit.AppendAsync(GuidanceAudit.Event(reached, "write " + PlanWords.Key(kind)), cancellationToken);
        return item.Id;
    }

    /// <summary>Saves a new version of the goal or step, if <paramref name="baseVersion"/> is still its newest.</summary>
    public async Task<int> EditAsync(string account, Guid clientId, Guid itemId, int baseVersion, Input input, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(input);
        var reached = await scope.FindAsync(account, clientId, cancellationToken);
        WrittenConsents.Require(reached, RecordSection.Goals);
        var item = await db.PlanItems.SingleOrDefaultAsync(i => i.Id == itemId && i.ClientId == clientId, cancellationToken) ?? throw new GuidanceNotFoundException();
        var (text, target, status) = Parse(item.Kind, input);
        if (!(await consents.AreasAsync(clientId, cancellationToken)).Contains(item.Area))
        {
            throw new GuidanceInputException("The client has withdrawn consent for this area: the goal or step can no longer be changed.");
        }

        if (item.Version != baseVersion)
        {
            throw new GuidanceEditConflictException(item.Version);
        }

        item.Version++;
        db.PlanItemVersions.Add(await VersionAsync(reached, item.Id, item.Version, text, target, status, account, clock.GetUtcNow().UtcDateTime, cancellationToken));
        await db.SaveVersionedAsync((d, ct) => d.PlanItems.Where(i => i.Id == itemId).Select(i => i.Version).SingleAsync(ct), cancellationToken);

        await audit.AppendAsync(GuidanceAudit.Event(reached, "edit " + PlanWords.Key(item.Kind)), cancellationToken);
        return item.Version;
    }

    public async Task<PlanSection?> OpenAsync(string account, Guid clientId, CancellationToken cancellationToken)
    {
        var reached = await scope.FindAsync(account, clientId, cancellationToken);
        if (!AccessMatrix.CanRead(reached.Access(RecordSection.Goals)))
        {
            return null;
        }

        var section = await ReadAsync(reached, await consents.CurrentAsync(clientId, cancellationToken), cancellationToken);
        await audit.AppendAsync(GuidanceAudit.View(reached, What), cancellationToken);
        return section;
    }

    /// <summary>The section without logging the view: the record page logs it with the record's other sections.</summary>
    internal async Task<PlanSection?> ReadAsync(ReachableClient reached, ConsentView? consent, CancellationToken cancellationToken)
    {
        var access = reached.Access(RecordSection.Goals);
        if (!AccessMatrix.CanRead(access))
        {
            return null;
        }

        var items = await db.PlanItems.Where(i => i.ClientId == reached.Client.Id).ToListAsync(cancellationToken);
        if (access == SectionAccess.ReadShared)
        {
            var shared = consent?.SharedAreas ?? new HashSet<ConsentArea>();
            items = [.. items.Where(i => shared.Contains(i.Area))];
        }

        var views = await ViewsAsync(db, vault, items, cancellationToken);
        return new PlanSection(reached.Client.Id, access == SectionAccess.Write, views, consent?.Areas ?? new HashSet<ConsentArea>());
    }

    /// <summary>The items with their newest version opened, goals first, then in the order they were written.</summary>
    internal static async Task<List<PlanItemView>> ViewsAsync(GuidanceDb db, IPersonalDataVault vault, IReadOnlyList<PlanItemRecord> items, CancellationToken cancellationToken)
    {
        var ids = items.Select(i => i.Id).ToList();
        var versions = await db.PlanItemVersions.Where(v => ids.Contains(v.ItemId)).ToListAsync(cancellationToken);
        var views = new List<PlanItemView>();
        foreach (var item in items.OrderBy(i => i.Kind).ThenBy(i => i.CreatedAtUtc).ThenBy(i => i.Id))
        {
            var newest = versions.Where(v => v.ItemId == item.Id).MaxBy(v => v.Version)!;
            var text = (await vault.OpenAsync(newest.Text, PlanItemVersionRecord.Field(item.Id, newest.Version), cancellationToken)).ValueOr("[erased]");
            views.Add(new PlanItemView(item.Id, item.Kind, item.Area, item.Version, text, newest.TargetDate, newest.Status, newest.WrittenAtUtc, newest.WrittenBy));
        }

        return views;
    }

    private (string Text, DateOnly? Target, PlanItemStatus Status) Parse(PlanItemKind kind, Input input)
    {
        var text = SectionEntries.Body(input.Text);
        var status = string.IsNullOrWhiteSpace(input.Status) ? PlanItemStatus.Open : PlanWords.Parse(input.Status) ?? throw new GuidanceInputException("Choose a status from the list.");
        DateOnly? target = null;
        if (!string.IsNullOrWhiteSpace(input.TargetDate))
        {
            if (!DateOnly.TryParseExact(input.TargetDate.Trim(), "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var parsed))
            {
                throw new GuidanceInputException("Enter the target date as a date in the calendar.");
            }

            var today = DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime);
            if (parsed < today.AddYears(-5) || parsed > today.AddYears(10))
            {
                throw new GuidanceInputException("The target date must be within five years back and ten years ahead.");
            }

            target = parsed;
        }
        else if (kind == PlanItemKind.Goal)
        {
            throw new GuidanceInputException("A goal needs a target date.");
        }

        return (text, target, status);
    }

    private async Task<PlanItemVersionRecord> VersionAsync(ReachableClient reached, Guid itemId, int version, string text, DateOnly? target, PlanItemStatus status, string account, DateTime now, CancellationToken cancellationToken) => new()
    {
        ItemId = itemId,
        Version = version,
        Text = await vault.SealAsync(KeyScope.Subject(reached.Client.SubjectId), PlanItemVersionRecord.Field(itemId, version), text, cancellationToken),
        TargetDate = target,
        Status = status,
        WrittenAtUtc = now,
        WrittenBy = account,
    };
}
