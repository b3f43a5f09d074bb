using Custodian.Privacy.Abstractions.Audit;
using Custodian.Modules.Guidance.Clients;
using Custodian.Modules.Guidance.Programmes;
using Custodian.Modules.Guidance.Sections;
using Custodian.Privacy.Abstractions.Requests;
using Custodian.Privacy.Abstractions.Retention;
using Microsoft.EntityFrameworkCore;

namespace Custodian.Modules.Guidance.Rights;

/// <summary>
/// The declared retention of both variants: a closed client relationship's data goes 12 years after closing
/// (<c>case-closed</c>). Basic data (identity, national-id, contact) goes with the whole record; consents, assessments and
/// coaching notes go by themselves where their rule runs first.
/// </summary>
internal sealed class GuidanceRetention(GuidanceDb db, IAccessTrail trail) : IRetentionTarget
{
    private static readonly string[] WholeRecord = ["identity", "background", "national-id", "contact"];

    public string Name => "guidance";

    public IReadOnlyCollection<string> Registers => GuidanceRegisters.All.ToList();

    public IReadOnlyCollection<string> Categories(string registerId) => [.. WholeRecord, "consents", "assessments", "coaching-notes", "messages", "statements", "goals-plan", "attachments", "appointments"];

    public async Task<IReadOnlyList<DueRecord>> FindDueAsync(string registerId, string category, DateTimeOffset cutoff, string? after, int batchSize, CancellationToken cancellationToken)
    {
        var cut = cutoff.UtcDateTime;
        var closed = from c in db.Clients
                     join p in db.Programmes on c.ProgrammeId equals p.Id
                     where p.Register == registerId && c.ClosedAtUtc != null && c.ClosedAtUtc <= cut
                     select c;
        closed = category switch
        {
            "consents" => closed.Where(c => db.Consents.Any(w => w.ClientId == c.Id)),
            "assessments" => closed.Where(c => db.Entries.Any(e => e.ClientId == c.Id && e.Kind == EntryKind.Assessment)),
            "coaching-notes" => closed.Where(c => db.Entries.Any(e => e.ClientId == c.Id && e.Kind == EntryKind.Coaching)),
            "messages" => closed.Where(c => db.QuestionSets.Any(q => q.ClientId == c.Id)),
            "statements" => closed.Where(c => db.Statements.Any(s => s.ClientId == c.Id)),
            "goals-plan" => closed.Where(c => db.PlanItems.Any(i => i.ClientId == c.Id)),
            "attachments" => closed.Where(c => db.Attachments.Any(a => a.ClientId == c.Id)),
            "appointments" => closed.Where(c => db.Appointments.Any(a => a.ClientId == c.Id)),
            _ => closed,
        };
        var rows = await closed.Select(c => new { c.Id, c.SubjectId, c.ClosedAtUtc }).ToListAsync(cancellationToken);
        return [.. rows.Select(r => (Key: r.Id.ToString("D"), r))
            .Where(r => after is null || string.CompareOrdinal(r.Key, after) > 0)
            .OrderBy(r => r.Key, StringComparer.Ordinal).Take(batchSize)
            .Select(r => new DueRecord(new RecordRef(registerId, "client", r.Key), r.r.SubjectId, new DateTimeOffset(DateTime.SpecifyKind(r.r.ClosedAtUtc!.Value, DateTimeKind.Utc))))];
    }

    public async Task<int> ApplyAsync(string registerId, string category, RetentionTreatment treatment, IReadOnlyList<DueRecord> records, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(records);
        var ids = records.Select(r => Guid.TryParse(r.Record.RecordId, out var id) ? id : Guid.Empty).Where(id => id != Guid.Empty).ToList();
        switch (category)
        {
            case "consents":
                await db.Consents.Where(c => ids.Contains(c.ClientId)).ExecuteDeleteAsync(cancellationToken);
                break;
            case "assessments" or "coaching-notes":
                var kind = category == "assessments" ? EntryKind.Assessment : EntryKind.Coaching;
                var entries = db.Entries.Where(e => ids.Contains(e.ClientId) && e.Kind == kind).Select(e => e.Id);
                await db.EntryVersions.Where(v => entries.Contains(v.EntryId)).ExecuteDeleteAsync(cancellationToken);
                await db.Entries.Where(e => ids.Contains(e.ClientId) && e.Kind == kind).ExecuteDeleteAsync(cancellationToken);
                break;
            case "messages":
                var sets = db.QuestionSets.Where(q => ids.Contains(q.ClientId)).Select(q => q.Id);
                await db.Answers.Where(a => sets.Contains(a.QuestionSetId)).ExecuteDeleteAsync(cancellationToken);
                await db.QuestionSets.Where(q => ids.Contains(q.ClientId)).ExecuteDeleteAsync(cancellationToken);
                break;
            case "attachments":
                await Attachments.AttachmentModel.DeleteAsync(db, ids, cancellationToken);
                break;
            case "appointments":
                await Appointments.AppointmentModel.DeleteAsync(db, ids, cancellationToken);
                break;
            case "goals-plan":
                await Plan.PlanModel.DeleteAsync(db, ids, cancellationToken);
                break;
            case "statements":
                await Statements.StatementExport.DeleteAsync(db, ids, cancellationToken);
                break;
            default:
                await GuidanceErasure.DeleteClientsAsync(db, trail, ids, cancellationToken);
                break;
        }

        return ids.Count;
    }
}
