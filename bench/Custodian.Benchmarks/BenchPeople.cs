using System.Data.Common;
using Custodian.Privacy;
using Custodian.Privacy.Abstractions.Identifiers;
using Custodian.Privacy.Abstractions.Protection;
using Custodian.Privacy.Abstractions.Requests;
using Custodian.Privacy.Abstractions.Retention;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Custodian.Benchmarks;

/// <summary>
/// A module-like table for the request benchmark (<c>bench_people</c>: one row per subject, e-mail and name encrypted,
/// e-mail blind index, last activity), with the provider and retention contracts implemented in plain SQL on the same
/// database the kernel uses.
/// </summary>
internal sealed class BenchPeople(IServiceScopeFactory scopes, IPersonalDataVault vault) : IPersonalDataProvider, IRetentionTarget
{
    public static readonly KeyScope Scope = KeyScope.Purpose("training", "bench");

    private static readonly string[] ColumnParameters = ["@id", "@subject", "@index", "@email", "@name", "@at"];

    public string Name => "bench-people";

    public IReadOnlyCollection<string> Registers => ["training"];

    public IReadOnlyCollection<string> Categories(string registerId) => registerId == "training" ? ["contact"] : [];

    public static string EmailOf(int i) => $"person{i}@example.fi";

    public async Task CreateAndLoadAsync(int people, DateTimeOffset lastActivity)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<PrivacyDb>();
        var postgres = db.Database.IsNpgsql();
        await CreateTableAsync(db, "bench_people");
        var at = lastActivity.ToUnixTimeMilliseconds() * 1000;
        await vault.SealAsync(Scope, new FieldAddress("bench_people", "email", "warm-up"), "x", CancellationToken.None); // creates the data key before the bulk load holds the database
        var connection = db.Database.GetDbConnection();
        await db.Database.OpenConnectionAsync();
        if (postgres)
        {
            await using var import = await ((Npgsql.NpgsqlConnection)connection).BeginBinaryImportAsync("COPY bench_people (id, subject, email_index, email, first_name, last_activity) FROM STDIN (FORMAT BINARY)");
            for (var i = 0; i < people; i++)
            {
                var (id, subject, index, email, name) = await RowAsync(i);
                await import.StartRowAsync();
                await import.WriteAsync(id);
                await import.WriteAsync(subject);
                await import.WriteAsync(index);
                await import.WriteAsync(email);
                await import.WriteAsync(name);
                await import.WriteAsync(at);
            }

            await import.CompleteAsync();
            return;
        }

        await using var transaction = await connection.BeginTransactionAsync();
        await using var insert = connection.CreateCommand();
        insert.Transaction = transaction;
        insert.CommandText = "INSERT INTO bench_people VALUES (@id, @subject, @index, @email, @name, @at)";
        var parameters = ColumnParameters.Select(n => { var p = insert.CreateParameter(); p.ParameterName = n; insert.Parameters.Add(p); return p; }).ToArray();
        for (var i = 0; i < people; i++)
        {
            var (id, subject, index, email, name) = await RowAsync(i);
            (parameters[0].Value, parameters[1].Value, parameters[2].Value, parameters[3].Value, parameters[4].Value, parameters[5].Value) = (id, subject, index, email, name, at);
            await insert.ExecuteNonQueryAsync();
        }

        await transaction.CommitAsync();
    }

    private static async Task CreateTableAsync(PrivacyDb db, string name)
    {
        var blob = db.Database.IsNpgsql() ? "bytea" : "blob";
        string[] statements = // the table name is one of this class's constants
        [
            $"CREATE TABLE {name} (id text PRIMARY KEY, subject text NOT NULL, email_index {blob} NOT NULL, email {blob} NOT NULL, first_name {blob} NOT NULL, last_activity bigint NOT NULL)",
            $"CREATE INDEX ix_{name}_subject ON {name} (subject)",
            $"CREATE INDEX ix_{name}_email_index ON {name} (email_index)",
            $"CREATE INDEX ix_{name}_last_activity ON {name} (last_activity, id)",
        ];
        foreach (var statement in statements)
        {
            await db.Database.ExecuteSqlRawAsync(statement);
        }
    }

    /// <summary>
    /// The engine's own cost of the sweep's deletes, as a baseline in the same run: a copy of the table (indexes built
    /// row by row like the original) deleted in plain SQL, one id range of <paramref name="batchSize"/> rows per statement.
    /// </summary>
    public async Task<TimeSpan> TimeRawDeletesAsync(int batchSize)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<PrivacyDb>();
        await CreateTableAsync(db, "bench_people_raw");
        await db.Database.ExecuteSqlRawAsync("INSERT INTO bench_people_raw SELECT * FROM bench_people ORDER BY id");
        var ids = new List<string>();
        await QueryAsync("SELECT id FROM bench_people ORDER BY id", [], r => ids.Add(r.GetString(0)), CancellationToken.None);
        var watch = System.Diagnostics.Stopwatch.StartNew();
        foreach (var range in ids.Chunk(batchSize))
        {
            await ExecuteAsync("DELETE FROM bench_people_raw WHERE id >= @p0 AND id <= @p1", [range[0], range[^1]], CancellationToken.None);
        }

        watch.Stop();
        await db.Database.ExecuteSqlRawAsync("DROP TABLE bench_people_raw");
        return watch.Elapsed;
    }

    /// <summary>Row i belongs to a subject whose id is derived from i, so the benchmark can address it again.</summary>
    public static SubjectId SubjectOf(int i) => new(new Guid(i, 0x1234, 0x5678, [0x9a, 0xbc, 0xde, 0xf0, 0, 0, 0, 1]));

    private async Task<(string, string, byte[], byte[], byte[])> RowAsync(int i)
    {
        var id = i.ToString("D8", System.Globalization.CultureInfo.InvariantCulture);
        var email = await vault.SealAsync(Scope, new FieldAddress("bench_people", "email", id), EmailOf(i), CancellationToken.None);
        var name = await vault.SealAsync(Scope, new FieldAddress("bench_people", "first_name", id), "Person " + id, CancellationToken.None);
        return (id, SubjectOf(i).Value.ToString("N"), vault.BlindIndexOf(IdentifierType.Email, EmailOf(i)), email.Ciphertext, name.Ciphertext);
    }

    public async Task<IReadOnlyList<SubjectId>> FindSubjectsAsync(IReadOnlyList<SubjectIdentifier> identifiers, CancellationToken cancellationToken)
    {
        var found = new List<SubjectId>();
        foreach (var identifier in identifiers.Where(i => i.Type == IdentifierType.Email))
        {
            await QueryAsync("SELECT DISTINCT subject FROM bench_people WHERE email_index = @p0", [identifier.BlindIndex], r => found.Add(new SubjectId(Guid.ParseExact(r.GetString(0), "N"))), cancellationToken);
        }

        return found;
    }

    public async Task<IReadOnlyList<ExportedRecord>> ExportAsync(SubjectId subject, string registerId, CancellationToken cancellationToken)
    {
        var rows = new List<(string Id, byte[] Email, byte[] Name)>();
        await QueryAsync("SELECT id, email, first_name FROM bench_people WHERE subject = @p0", [subject.Value.ToString("N")], r => rows.Add((r.GetString(0), (byte[])r.GetValue(1), (byte[])r.GetValue(2))), cancellationToken);
        var records = new List<ExportedRecord>();
        foreach (var (id, email, name) in rows)
        {
            var emailText = await vault.OpenAsync(Encrypted.FromCiphertext<string>(email), new FieldAddress("bench_people", "email", id), cancellationToken);
            var nameText = await vault.OpenAsync(Encrypted.FromCiphertext<string>(name), new FieldAddress("bench_people", "first_name", id), cancellationToken);
            records.Add(new ExportedRecord(new RecordRef("training", "person", id), [new("email", emailText.Value), new("first_name", nameText.Value)], false));
        }

        return records;
    }

    public Task<RectificationResult> RectifyAsync(SubjectId subject, RecordRef record, string field, string value, CancellationToken cancellationToken) =>
        Task.FromResult(new RectificationResult(RectificationOutcome.NoSuchRecord, "not used by the benchmark"));

    public Task<IReadOnlyList<LegalHold>> HoldsAsync(SubjectId subject, string registerId, CancellationToken cancellationToken) => Task.FromResult<IReadOnlyList<LegalHold>>([]);

    public Task<IReadOnlyList<LegalHold>> HoldsAsync(IReadOnlyCollection<SubjectId> subjects, string registerId, CancellationToken cancellationToken) => Task.FromResult<IReadOnlyList<LegalHold>>([]);

    public async Task<ErasureResult> EraseAsync(SubjectId subject, string registerId, CancellationToken cancellationToken) =>
        new(await ExecuteAsync("DELETE FROM bench_people WHERE subject = @p0", [subject.Value.ToString("N")], cancellationToken), 0, []);

    public Task<int> RestrictAsync(SubjectId subject, string registerId, bool restricted, CancellationToken cancellationToken) => Task.FromResult(0);

    public async Task<IReadOnlyList<DueRecord>> FindDueAsync(string registerId, string category, DateTimeOffset cutoff, string? after, int batchSize, CancellationToken cancellationToken)
    {
        var due = new List<DueRecord>();
        if (category != "contact")
        {
            return due;
        }

        await QueryAsync(
            $"SELECT id, subject, last_activity FROM bench_people WHERE last_activity <= @p0 AND id > @p1 ORDER BY id LIMIT {batchSize}",
            [cutoff.ToUnixTimeMilliseconds() * 1000, after ?? string.Empty],
            r => due.Add(new DueRecord(new RecordRef("training", "person", r.GetString(0)), new SubjectId(Guid.ParseExact(r.GetString(1), "N")), DateTimeOffset.FromUnixTimeMilliseconds(r.GetInt64(2) / 1000))),
            cancellationToken);
        return due;
    }

    public async Task<int> ApplyAsync(string registerId, string category, RetentionTreatment treatment, IReadOnlyList<DueRecord> records, CancellationToken cancellationToken)
    {
        // The sweep hands over records in id order: when they are all the rows of that id range, delete the range.
        var (first, last) = (records[0].Record.RecordId, records[^1].Record.RecordId);
        if (await ScalarAsync("SELECT count(*) FROM bench_people WHERE id >= @p0 AND id <= @p1", [first, last]) == records.Count)
        {
            return await ExecuteAsync("DELETE FROM bench_people WHERE id >= @p0 AND id <= @p1", [first, last], cancellationToken);
        }

        var deleted = 0;
        foreach (var chunk in records.Chunk(10_000)) // below SQLite's limit of SQL variables
        {
            deleted += await ExecuteAsync($"DELETE FROM bench_people WHERE id IN ({string.Join(",", chunk.Select((_, i) => "@p" + i))})", [.. chunk.Select(r => (object)r.Record.RecordId)], cancellationToken);
        }

        return deleted;
    }

    public async Task<long> CountAsync() => await ScalarAsync("SELECT count(*) FROM bench_people", []);

    private async Task<long> ScalarAsync(string sql, object[] values)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<PrivacyDb>();
        await using var command = await CommandAsync(db, sql, values);
        return Convert.ToInt64(await command.ExecuteScalarAsync(), System.Globalization.CultureInfo.InvariantCulture);
    }

    private async Task QueryAsync(string sql, object[] values, Action<DbDataReader> row, CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        await using var command = await CommandAsync(scope.ServiceProvider.GetRequiredService<PrivacyDb>(), sql, values);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            row(reader);
        }
    }

    private async Task<int> ExecuteAsync(string sql, object[] values, CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        await using var command = await CommandAsync(scope.ServiceProvider.GetRequiredService<PrivacyDb>(), sql, values);
        return await command.ExecuteNonQueryAsync(cancellationToken);
    }

    private static async Task<DbCommand> CommandAsync(PrivacyDb db, string sql, object[] values)
    {
        await db.Database.OpenConnectionAsync();
        var command = db.Database.GetDbConnection().CreateCommand();
        command.CommandText = sql;
        for (var i = 0; i < values.Length; i++)
        {
            var parameter = command.CreateParameter();
            parameter.ParameterName = "@p" + i;
            parameter.Value = values[i];
            command.Parameters.Add(parameter);
        }

        return command;
    }
}
