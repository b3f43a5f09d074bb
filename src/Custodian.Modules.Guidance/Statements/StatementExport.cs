using System.Globalization;
using Custodian.Modules.Guidance.Clients;
using Custodian.Privacy.Abstractions.Protection;
using Custodian.Privacy.Abstractions.Requests;
using Microsoft.EntityFrameworkCore;

namespace Custodian.Modules.Guidance.Statements;

/// <summary>A client's statements in their copy of their data (every version, and to whom and on what basis each was disclosed), and their deletion.</summary>
internal static class StatementExport
{
    public static async Task<IReadOnlyList<ExportedRecord>> ExportAsync(GuidanceDb db, IPersonalDataVault vault, string registerId, ClientRecord client, CancellationToken cancellationToken)
    {
        var records = new List<ExportedRecord>();
        var statements = await db.Statements.Where(s => s.ClientId == client.Id).OrderBy(s => s.CreatedAtUtc).ToListAsync(cancellationToken);
        var ids = statements.Select(s => s.Id).ToList();
        var versions = await db.StatementVersions.Where(v => ids.Contains(v.StatementId)).ToListAsync(cancellationToken);
        foreach (var statement in statements)
        {
            var comment = statement.ReviewComment is null ? null : await OpenAsync(vault, statement.ReviewComment, StatementDisclosure.Comment(statement.Id), cancellationToken);
            records.Add(new ExportedRecord(new RecordRef(registerId, "statement", statement.Id.ToString("D")),
            [
                new("area", ConsentAreas.Key(statement.Area)), new("state", ReadStatements.StateKey(statement.State)), new("statement_review_comment", comment),
                new("issued_at", statement.IssuedAtUtc is { } issued ? Utc(issued) : null), new("recipient", statement.Recipient), new("disclosure_basis", statement.DisclosureBasis),
            ], client.Restricted));
            foreach (var version in versions.Where(v => v.StatementId == statement.Id).OrderBy(v => v.Version))
            {
                records.Add(new ExportedRecord(new RecordRef(registerId, "statement-version", $"{statement.Id:D}/{version.Version}"),
                [
                    new("statement_text", await OpenAsync(vault, version.Text, StatementDisclosure.Text(statement.Id, version.Version), cancellationToken)),
                    new("version", version.Version.ToString(CultureInfo.InvariantCulture)), new("written_at", Utc(version.WrittenAtUtc)),
                ], client.Restricted));
            }
        }

        return records;
    }

    /// <summary>Deletes the clients' statements with their versions (inside the caller's transaction, if any).</summary>
    public static async Task DeleteAsync(GuidanceDb db, IReadOnlyCollection<Guid> clients, CancellationToken cancellationToken)
    {
        var statements = db.Statements.Where(s => clients.Contains(s.ClientId)).Select(s => s.Id);
        await db.StatementVersions.Where(v => statements.Contains(v.StatementId)).ExecuteDeleteAsync(cancellationToken);
        await db.Statements.Where(s => clients.Contains(s.ClientId)).ExecuteDeleteAsync(cancellationToken);
    }

    private static async Task<string?> OpenAsync(IPersonalDataVault vault, Encrypted<string> value, FieldAddress field, CancellationToken cancellationToken) =>
        (await vault.OpenAsync(value, field, cancellationToken)) is { IsErased: false } opened ? opened.Value : null;

    private static string Utc(DateTime value) => value.ToString("yyyy-MM-ddTHH:mm:ssZ", CultureInfo.InvariantCulture);
}
