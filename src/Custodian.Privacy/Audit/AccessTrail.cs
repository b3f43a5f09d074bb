using System.Globalization;
using System.Text;
using Custodian.Privacy.Abstractions.Audit;
using Custodian.Privacy.Abstractions.Protection;
using Microsoft.EntityFrameworkCore;

namespace Custodian.Privacy.Audit;

/// <summary>
/// Reads and forgets subjects' access trails. The rows are written by <see cref="AuditLog"/> inside the transaction of
/// the audit block that holds their entries (<see cref="Rows"/>), so a view is durable in both or in neither.
/// </summary>
public sealed class AccessTrail(PrivacyDb db, IAuditLog audit) : IAccessTrail
{
    public const string Table = "privacy_access_trail";

    // Seven parameters a row; SQLite allows 32 766 a statement, PostgreSQL 65 535.
    private const int RowsPerStatement = 500;

    public async Task<IReadOnlyList<AccessTrailEntry>> ForSubjectAsync(SubjectId subject, int? newest, CancellationToken cancellationToken)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(newest ?? 0, nameof(newest));
        var key = subject.ToString();
        var views = db.AccessTrail.AsNoTracking()
            .Where(v => v.Subject == key)
            .OrderByDescending(v => v.ViewedAtUtc).ThenByDescending(v => v.Sequence);
        var rows = await (newest is { } count ? views.Take(count) : views).ToListAsync(cancellationToken);

        // SQLite gives the time back without its kind; it was written in UTC.
        return [.. rows.Select(v => new AccessTrailEntry(v.Sequence, DateTime.SpecifyKind(v.ViewedAtUtc, DateTimeKind.Utc), v.Register, v.Organisation, v.Role, v.What))];
    }

    public async Task<int> ForgetAsync(IReadOnlyCollection<SubjectId> subjects, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(subjects);
        if (subjects.Count == 0)
        {
            return 0;
        }

        // The log writes its queue in order: once this entry is durable, every view queued before it is in the trail
        // and goes with the delete below, instead of coming back after it.
        await audit.AppendAsync([.. subjects.Select(s => new AuditEvent("system", "access trail forgotten", s))], cancellationToken);
        var keys = subjects.Select(s => s.ToString()).ToList();
        return await db.AccessTrail.Where(v => keys.Contains(v.Subject)).ExecuteDeleteAsync(cancellationToken);
    }

    /// <summary>
    /// The statements that add a row for each entry recording a view (<see cref="AuditEvent.Viewed"/>); the audit log runs
    /// them in the block's transaction.
    /// </summary>
    internal static IEnumerable<AuditStatement> Rows(IEnumerable<(long Sequence, long AtUnixMicroseconds, AuditEvent Entry)> entries)
    {
        var rows = entries.Where(e => e.Entry.Viewed is not null).ToList();
        for (var start = 0; start < rows.Count; start += RowsPerStatement)
        {
            var sql = new StringBuilder($"INSERT INTO {Table} (sequence, subject, viewed_at, register, organisation, role, what) VALUES ");
            var parameters = new List<(string, object)>();
            foreach (var (row, i) in rows.Skip(start).Take(RowsPerStatement).Select((r, i) => (r, i)))
            {
                var viewed = row.Entry.Viewed!;
                sql.Append(i == 0 ? "" : ", ").Append(CultureInfo.InvariantCulture, $"(@q{i}, @s{i}, @t{i}, @r{i}, @o{i}, @l{i}, @w{i})");
                parameters.AddRange([
                    ($"@q{i}", row.Sequence), ($"@s{i}", row.Entry.Subject!.Value.ToString()), ($"@t{i}", DateTime.UnixEpoch.AddTicks(row.AtUnixMicroseconds * 10)),
                    ($"@r{i}", row.Entry.Register ?? string.Empty), ($"@o{i}", viewed.Organisation), ($"@l{i}", viewed.Role), ($"@w{i}", viewed.What)]);
            }

            yield return new AuditStatement(sql.ToString(), [.. parameters]);
        }
    }
}

/// <summary>One statement of an audit block's transaction, with its parameters.</summary>
internal sealed record AuditStatement(string Sql, (string Name, object Value)[] Parameters);
