using System.Collections.Concurrent;
using Custodian.Privacy.Abstractions.Identifiers;
using Custodian.Privacy.Abstractions.Protection;
using Custodian.Privacy.Abstractions.Requests;
using Custodian.Privacy.Abstractions.Retention;

namespace Custodian.Testing;

/// <summary>
/// Stands in for the training module (not built yet) so the kernel's request workflow runs against a provider with
/// real personal fields: enrolments (name, e-mail) sealed under the subject's key by the real vault, and exam records
/// kept as proof of a certificate. It passes the same contract every module provider must.
/// </summary>
public sealed class SampleTrainingProvider(IPersonalDataVault vault) : IPersonalDataProvider, IRetentionTarget
{
    /// <summary>Which declared category each field belongs to (the training register's declaration).</summary>
    private static readonly Dictionary<string, string> CategoryOf = new(StringComparer.Ordinal) { ["first_name"] = "identity", ["email"] = "contact", ["exam_score"] = "exam-results" };

    private readonly ConcurrentDictionary<string, Row> _rows = new();

    public string Name => "training";

    public IReadOnlyCollection<string> Registers => ["training"];

    public IReadOnlyCollection<string> Categories(string registerId) => registerId == "training" ? [.. CategoryOf.Values.Distinct()] : [];

    /// <summary>Every ciphertext ever written, as a backup would hold it.</summary>
    public ConcurrentBag<(FieldAddress Field, Encrypted<string> Value)> Backup { get; } = [];

    public async Task<SubjectId> EnrolAsync(string firstName, string email, bool withExam, CancellationToken cancellationToken, DateTimeOffset? at = null)
    {
        var since = at ?? TimeProvider.System.GetUtcNow();
        var subject = SubjectId.New();
        var id = Guid.NewGuid().ToString("N");
        var fields = new Dictionary<string, Encrypted<string>>
        {
            ["first_name"] = await SealAsync(subject, id, "first_name", firstName, cancellationToken),
            ["email"] = await SealAsync(subject, id, "email", email, cancellationToken),
        };
        _rows[id] = new Row(id, subject, "enrolment", fields, vault.BlindIndexOf(IdentifierType.Email, email), since);
        if (withExam)
        {
            var exam = Guid.NewGuid().ToString("N");
            _rows[exam] = new Row(exam, subject, "exam", new() { ["exam_score"] = await SealAsync(subject, exam, "exam_score", "42/50", cancellationToken) }, null, since);
        }

        return subject;
    }

    public Task<IReadOnlyList<SubjectId>> FindSubjectsAsync(IReadOnlyList<SubjectIdentifier> identifiers, CancellationToken cancellationToken) =>
        Task.FromResult<IReadOnlyList<SubjectId>>([.. _rows.Values.Where(r => r.EmailIndex is { } index && identifiers.Any(i => i.Type == IdentifierType.Email && i.BlindIndex.AsSpan().SequenceEqual(index))).Select(r => r.Subject!.Value).Distinct()]);

    public async Task<IReadOnlyList<ExportedRecord>> ExportAsync(SubjectId subject, string registerId, CancellationToken cancellationToken)
    {
        var records = new List<ExportedRecord>();
        foreach (var row in _rows.Values.Where(r => r.Subject == subject && registerId == "training").OrderBy(r => r.Id, StringComparer.Ordinal))
        {
            var fields = new List<ExportedField>();
            foreach (var (name, value) in row.Fields)
            {
                fields.Add(new ExportedField(name, (await vault.OpenAsync(value, Address(row.Id, name), cancellationToken)).ValueOr(null!)));
            }

            records.Add(new ExportedRecord(new RecordRef("training", row.Type, row.Id), fields, row.Restricted));
        }

        return records;
    }

    public async Task<RectificationResult> RectifyAsync(SubjectId subject, RecordRef record, string field, string value, CancellationToken cancellationToken)
    {
        if (!_rows.TryGetValue(record.RecordId, out var row) || row.Subject != subject)
        {
            return new RectificationResult(RectificationOutcome.NoSuchRecord, "No such record of this subject.");
        }

        if (!row.Fields.ContainsKey(field))
        {
            return new RectificationResult(RectificationOutcome.NoSuchField, $"The record has no field {field}.");
        }

        row.Fields[field] = await SealAsync(subject, row.Id, field, value, cancellationToken);
        return new RectificationResult(RectificationOutcome.Rectified);
    }

    public Task<IReadOnlyList<LegalHold>> HoldsAsync(SubjectId subject, string registerId, CancellationToken cancellationToken) =>
        Task.FromResult<IReadOnlyList<LegalHold>>([.. _rows.Values.Where(r => r.Subject == subject && r.Type == "exam")
            .Select(r => new LegalHold(new RecordRef("training", "exam", r.Id), HoldReason.ExamProof, "The exam record is kept as proof of the certificate issued on it.", new DateOnly(2031, 11, 23)))]);

    public async Task<ErasureResult> EraseAsync(SubjectId subject, string registerId, CancellationToken cancellationToken)
    {
        var holds = await HoldsAsync(subject, registerId, cancellationToken);
        var erased = 0;
        foreach (var row in _rows.Values.Where(r => r.Subject == subject).ToList())
        {
            if (holds.Any(h => h.Record.RecordId == row.Id))
            {
                row.Restricted = true;
            }
            else if (_rows.TryRemove(row.Id, out _))
            {
                erased++;
            }
        }

        return new ErasureResult(erased, 0, holds);
    }

    public Task<int> RestrictAsync(SubjectId subject, string registerId, bool restricted, CancellationToken cancellationToken)
    {
        var rows = _rows.Values.Where(r => r.Subject == subject).ToList();
        rows.ForEach(r => r.Restricted = restricted);
        return Task.FromResult(rows.Count);
    }

    private async Task<Encrypted<string>> SealAsync(SubjectId subject, string id, string field, string value, CancellationToken cancellationToken)
    {
        var sealedValue = await vault.SealAsync(KeyScope.Subject(subject), Address(id, field), value, cancellationToken);
        Backup.Add((Address(id, field), sealedValue));
        return sealedValue;
    }

    private static FieldAddress Address(string id, string field) => new("training_enrolments", field, id);

    public Task<IReadOnlyList<DueRecord>> FindDueAsync(string registerId, string category, DateTimeOffset cutoff, string? after, int batchSize, CancellationToken cancellationToken) =>
        Task.FromResult<IReadOnlyList<DueRecord>>([.. _rows.Values
            .Where(r => registerId == "training" && r.Since <= cutoff && r.Fields.Keys.Any(f => CategoryOf[f] == category) && string.CompareOrdinal(r.Id, after ?? string.Empty) > 0)
            .OrderBy(r => r.Id, StringComparer.Ordinal)
            .Take(batchSize)
            .Select(r => new DueRecord(new RecordRef("training", r.Type, r.Id), r.Subject, r.Since))]);

    public Task<int> ApplyAsync(string registerId, string category, RetentionTreatment treatment, IReadOnlyList<DueRecord> records, CancellationToken cancellationToken)
    {
        var changed = 0;
        foreach (var due in records)
        {
            if (!_rows.TryGetValue(due.Record.RecordId, out var row))
            {
                continue;
            }

            changed++;
            if (treatment == RetentionTreatment.Anonymise)
            {
                row.Subject = null; // the score stays as an anonymous statistic
                continue;
            }

            foreach (var field in row.Fields.Keys.Where(f => CategoryOf[f] == category).ToList())
            {
                row.Fields.Remove(field);
            }

            if (row.Fields.Count == 0)
            {
                _rows.TryRemove(row.Id, out _);
            }
        }

        return Task.FromResult(changed);
    }

    /// <summary>Anonymised exam scores left as statistics (no subject).</summary>
    public int AnonymousRows => _rows.Values.Count(r => r.Subject is null);

    private sealed class Row(string id, SubjectId subject, string type, Dictionary<string, Encrypted<string>> fields, byte[]? emailIndex, DateTimeOffset since)
    {
        public string Id { get; } = id;

        public SubjectId? Subject { get; set; } = subject;

        public string Type { get; } = type;

        public Dictionary<string, Encrypted<string>> Fields { get; } = fields;

        public byte[]? EmailIndex { get; } = emailIndex;

        public DateTimeOffset Since { get; } = since;

        public bool Restricted { get; set; }
    }
}
