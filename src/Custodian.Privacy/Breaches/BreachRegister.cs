using Custodian.Privacy.Abstractions.Protection;
using Custodian.Privacy;
using System.Globalization;
using Custodian.Privacy.Abstractions.Audit;
using Custodian.Privacy.Declarations;
using Custodian.Privacy.Requests;
using Microsoft.EntityFrameworkCore;

namespace Custodian.Privacy.Breaches;

/// <summary>What an operator records about a breach (categories and counts, never the personal data).</summary>
public sealed record BreachReport(
    DateTime DetectedAtUtc,
    DateTime? OccurredAtUtc,
    string Nature,
    IReadOnlyList<string> Registers,
    IReadOnlyList<string> Categories,
    int ApproximateSubjects,
    int ApproximateRecords,
    string LikelyConsequences,
    string MeasuresTaken,
    string? MeasuresProposed,
    bool HighRiskToSubjects,
    string? NoRiskReason);

/// <summary>The incident register: record a breach, move it on, record each notification sent; every step on the timeline and in the audit log.</summary>
public sealed class BreachRegister(PrivacyDb db, RegisterCatalog registers, IAuditLog audit, ICurrentActor actor, TimeProvider clock)
{
    public async Task<BreachRecord> RecordAsync(BreachReport report, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(report);
        var now = clock.GetUtcNow().UtcDateTime;
        Require(report.Nature, "nature", "Describe what happened (nature of the breach).");
        Require(report.LikelyConsequences, "likelyConsequences", "Describe the likely consequences for the people concerned.");
        Require(report.MeasuresTaken, "measuresTaken", "Describe the measures taken or proposed.");
        if (report.Registers.Count == 0)
        {
            throw new RequestRefusedException("registers", "Name at least one register affected.");
        }

        if (report.Registers.FirstOrDefault(r => registers.Find(r) is null) is { } unknownRegister)
        {
            throw new RequestRefusedException("registers", $"There is no register '{unknownRegister}'.");
        }

        var declared = report.Registers.SelectMany(r => registers.Find(r)!.Categories.Select(c => c.Id)).ToHashSet(StringComparer.Ordinal);
        if (report.Categories.Count == 0)
        {
            throw new RequestRefusedException("categories", "Name the data categories affected.");
        }

        if (report.Categories.FirstOrDefault(c => !declared.Contains(c)) is { } unknownCategory)
        {
            throw new RequestRefusedException("categories", $"'{unknownCategory}' is not a data category of the registers named.");
        }

        if (report.ApproximateSubjects < 0 || report.ApproximateRecords < 0)
        {
            throw new RequestRefusedException("approximateSubjects", "Counts cannot be negative; give an estimate.");
        }

        if (report.DetectedAtUtc > now || report.OccurredAtUtc > report.DetectedAtUtc)
        {
            throw new RequestRefusedException("detectedAt", "The breach cannot be detected in the future, or occur after it was detected.");
        }

        var breach = new BreachRecord
        {
            Id = Guid.CreateVersion7(),
            Reference = OneTimeTokens.NewReference("BR"),
            DetectedAtUtc = report.DetectedAtUtc,
            OccurredAtUtc = report.OccurredAtUtc,
            Nature = report.Nature.Trim(),
            Registers = string.Join(' ', report.Registers),
            Categories = string.Join(' ', report.Categories),
            ApproximateSubjects = report.ApproximateSubjects,
            ApproximateRecords = report.ApproximateRecords,
            LikelyConsequences = report.LikelyConsequences.Trim(),
            MeasuresTaken = report.MeasuresTaken.Trim(),
            MeasuresProposed = report.MeasuresProposed?.Trim(),
            HighRiskToSubjects = report.HighRiskToSubjects,
            NoRiskReason = string.IsNullOrWhiteSpace(report.NoRiskReason) ? null : report.NoRiskReason.Trim(),
            Status = BreachStatus.Open,
        };
        db.Breaches.Add(breach);
        await NoteAsync(breach, "Recorded. Clocks: " + string.Join("; ", BreachClocks.Of(breach, registers).Select(c => string.Create(CultureInfo.InvariantCulture, $"{c.Notice} due {c.DueAtUtc:yyyy-MM-dd HH:mm} UTC"))), cancellationToken);
        return breach;
    }

    public async Task MarkNotifiedAsync(string reference, BreachNotice notice, CancellationToken cancellationToken)
    {
        var breach = await FindAsync(reference, cancellationToken);
        if (!BreachClocks.Of(breach, registers).Any(c => c.Notice == notice))
        {
            throw new RequestRefusedException("notice", $"Breach {reference} does not call for the notice {notice}.");
        }

        var now = clock.GetUtcNow().UtcDateTime;
        switch (notice)
        {
            case BreachNotice.GdprAuthority: breach.GdprAuthorityNotifiedAtUtc = now; break;
            case BreachNotice.GdprSubjects: breach.GdprSubjectsNotifiedAtUtc = now; break;
            case BreachNotice.RknInitial: breach.RknInitialNotifiedAtUtc = now; break;
            case BreachNotice.RknInvestigation: breach.RknInvestigationNotifiedAtUtc = now; break;
        }

        await NoteAsync(breach, $"{notice} notification sent.", cancellationToken);
    }

    public async Task UpdateAsync(string reference, BreachStatus status, string note, string? cause, CancellationToken cancellationToken)
    {
        Require(note, "note", "Say what changed.");
        var breach = await FindAsync(reference, cancellationToken);
        if (breach.Status == BreachStatus.Closed)
        {
            throw new RequestRefusedException("status", $"Breach {reference} is closed.");
        }

        breach.Status = status;
        breach.Cause = string.IsNullOrWhiteSpace(cause) ? breach.Cause : cause.Trim();
        await NoteAsync(breach, $"{status}: {note.Trim()}", cancellationToken);
    }

    public async Task<BreachRecord> FindAsync(string reference, CancellationToken cancellationToken) =>
        await db.Breaches.FirstOrDefaultAsync(b => b.Reference == reference, cancellationToken) ?? throw new RequestRefusedException("reference", $"There is no breach {reference}.");

    public async Task<IReadOnlyList<BreachEventRecord>> TimelineAsync(BreachRecord breach, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(breach);
        return await db.BreachEvents.AsNoTracking().Where(e => e.BreachId == breach.Id).OrderBy(e => e.AtUtc).ThenBy(e => e.Id).ToListAsync(cancellationToken);
    }

    public async Task<IReadOnlyList<BreachRecord>> ListAsync(CancellationToken cancellationToken) =>
        await db.Breaches.AsNoTracking().OrderByDescending(b => b.DetectedAtUtc).Take(200).ToListAsync(cancellationToken);

    public IReadOnlyList<BreachClock> Clocks(BreachRecord breach) => BreachClocks.Of(breach, registers);

    private async Task NoteAsync(BreachRecord breach, string note, CancellationToken cancellationToken)
    {
        db.BreachEvents.Add(new BreachEventRecord { Id = Guid.CreateVersion7(), BreachId = breach.Id, AtUtc = clock.GetUtcNow().UtcDateTime, Actor = actor.Actor, Note = note });
        await db.SaveChangesAsync(cancellationToken);
        await audit.AppendAsync(new AuditEvent(actor.Actor, "breach.update", null, breach.Registers.Split(' ')[0], null, breach.Reference), cancellationToken);
    }

    private static void Require(string? text, string field, string message)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            throw new RequestRefusedException(field, message);
        }
    }
}
