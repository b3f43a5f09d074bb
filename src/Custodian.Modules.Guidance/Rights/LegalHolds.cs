using System.Globalization;
using Custodian.Modules.Guidance.Clients;
using Custodian.Modules.Guidance.Programmes;
using Custodian.Privacy.Abstractions.Audit;
using Custodian.Privacy.Abstractions.Protection;
using Custodian.Privacy.Abstractions.Requests;
using Microsoft.EntityFrameworkCore;

namespace Custodian.Modules.Guidance.Rights;

/// <summary>
/// Why a client's record must stay although its basis ended or erasure was asked (<c>guidance_legal_holds</c>): an
/// authority process pending or a court's preservation order. Neither erasure nor the retention sweep removes a record
/// while a hold is in force; a lifted hold keeps its row as the trace of why the record stayed.
/// </summary>
internal sealed class LegalHoldRecord
{
    public Guid Id { get; set; }

    public Guid ClientId { get; set; }

    public HoldReason Reason { get; set; }

    /// <summary>The reason in words the client is shown (a case number, never the client's data).</summary>
    public string Explanation { get; set; } = string.Empty;

    public DateOnly? Until { get; set; }

    public DateTime PlacedAtUtc { get; set; }

    public string PlacedBy { get; set; } = string.Empty;

    public DateTime? LiftedAtUtc { get; set; }

    public const string Table = "guidance_legal_holds";
}

/// <summary>Places and lifts legal holds on client records (an operator on the controller's instruction), and reports those in force.</summary>
internal sealed class LegalHolds(GuidanceDb db, IAuditLog audit, TimeProvider clock)
{
    /// <summary>The reasons the module accepts, by the key a person types.</summary>
    public static HoldReason? ParseReason(string? key) => key?.Trim() switch
    {
        "authority-process" => HoldReason.AuthorityProcess,
        "court-order" => HoldReason.LegalClaims,
        _ => null,
    };

    public async Task<Guid> PlaceAsync(string actor, Guid clientId, string? reason, string? explanation, string? until, CancellationToken cancellationToken)
    {
        var why = ParseReason(reason) ?? throw new GuidanceInputException("Choose the reason: authority-process or court-order.");
        var text = ManageProgrammes.Text(explanation, 300, "Say why the record must be kept (at most 300 characters, e.g. the authority's case number); the client is shown it.");
        DateOnly? last = null;
        if (!string.IsNullOrWhiteSpace(until))
        {
            last = DateOnly.TryParseExact(until.Trim(), "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var day)
                ? day : throw new GuidanceInputException("Give the end date as YYYY-MM-DD, or leave it out while it is not known.");
        }

        var client = await db.Clients.SingleOrDefaultAsync(c => c.Id == clientId, cancellationToken) ?? throw new GuidanceNotFoundException();
        var register = await db.Programmes.Where(p => p.Id == client.ProgrammeId).Select(p => p.Register).SingleAsync(cancellationToken);
        var hold = new LegalHoldRecord { Id = Guid.CreateVersion7(), ClientId = clientId, Reason = why, Explanation = text, Until = last, PlacedAtUtc = clock.GetUtcNow().UtcDateTime, PlacedBy = actor };
        db.LegalHolds.Add(hold);
        await db.SaveChangesAsync(cancellationToken);
        await audit.AppendAsync(new AuditEvent(actor, "guidance legal hold placed", client.SubjectId, register, GuidanceAudit.Purpose), cancellationToken);
        return hold.Id;
    }

    public async Task LiftAsync(string actor, Guid holdId, CancellationToken cancellationToken)
    {
        var hold = await db.LegalHolds.SingleOrDefaultAsync(h => h.Id == holdId && h.LiftedAtUtc == null, cancellationToken) ?? throw new GuidanceNotFoundException();
        hold.LiftedAtUtc = clock.GetUtcNow().UtcDateTime;
        await db.SaveChangesAsync(cancellationToken);
        var client = await db.Clients.Where(c => c.Id == hold.ClientId).Select(c => new { c.SubjectId, c.ProgrammeId }).SingleAsync(cancellationToken);
        var register = await db.Programmes.Where(p => p.Id == client.ProgrammeId).Select(p => p.Register).SingleAsync(cancellationToken);
        await audit.AppendAsync(new AuditEvent(actor, "guidance legal hold lifted", client.SubjectId, register, GuidanceAudit.Purpose), cancellationToken);
    }

    /// <summary>Holds in force on the given clients, as the kernel's contract reports them.</summary>
    public async Task<IReadOnlyList<LegalHold>> InForceAsync(string registerId, IReadOnlyCollection<Guid> clients, CancellationToken cancellationToken)
    {
        if (clients.Count == 0)
        {
            return [];
        }

        var today = DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime);
        var holds = await db.LegalHolds.Where(h => clients.Contains(h.ClientId) && h.LiftedAtUtc == null).ToListAsync(cancellationToken);
        return [.. holds.Where(h => h.Until is null || h.Until >= today).OrderBy(h => h.PlacedAtUtc)
            .Select(h => new LegalHold(new RecordRef(registerId, "client", h.ClientId.ToString("D")), h.Reason, h.Explanation, h.Until))];
    }
}
