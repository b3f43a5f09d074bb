using Custodian.Privacy;
using System.Globalization;
using Custodian.Privacy.Abstractions.Audit;
using Custodian.Privacy.Abstractions.Protection;
using Custodian.Privacy.Abstractions.Requests;
using Custodian.Privacy.Abstractions.Retention;
using Custodian.Privacy.Declarations;
using Custodian.Privacy.Declarations.Notices;
using Custodian.Privacy.Requests;
using Microsoft.EntityFrameworkCore;

namespace Custodian.Privacy.Retention;

/// <summary>What one retention rule would do (plan) or did (run).</summary>
public sealed record RuleOutcome(string Register, string Category, string Rule, RetentionAction Action, DateTimeOffset Cutoff, int Due, int Held, int Applied, string? Act);

/// <summary>
/// Executes the declared retention rules: for every register and data category, the records whose trigger event is
/// older than the period are deleted, anonymised or listed for review, in batches, by the module that holds them.
/// Records under a legal hold are skipped (counted as held). Every rule that destroyed data writes a destruction act.
/// The plan walks exactly the same records without changing anything, so plan and run agree.
/// </summary>
public sealed class RetentionSweep(
    PrivacyDb db,
    RegisterCatalog registers,
    IEnumerable<IRetentionTarget> targets,
    IEnumerable<IPersonalDataProvider> providers,
    IAuditLog audit,
    ICurrentActor actor,
    TimeProvider clock)
{
    public const int BatchSize = 50000;

    /// <summary>Destruction acts are kept this long (RKN order 179: three years).</summary>
    public static readonly Period ActRetention = new(3, 0, 0);

    public Task<IReadOnlyList<RuleOutcome>> PlanAsync(CancellationToken cancellationToken) => WalkAsync(apply: false, progress: null, cancellationToken);

    public async Task<IReadOnlyList<RuleOutcome>> RunAsync(IProgress<RuleOutcome>? progress, CancellationToken cancellationToken)
    {
        var outcomes = await WalkAsync(apply: true, progress, cancellationToken);
        var now = clock.GetUtcNow().UtcDateTime;
        var expiredActs = now.AddYears(-ActRetention.Years);
        await db.DestructionActs.Where(a => a.PerformedAtUtc < expiredActs).ExecuteDeleteAsync(cancellationToken);
        // Copies prepared for a request are kept until downloaded or for 7 days (the rights-requests note).
        await db.Requests.Where(r => r.Package != null && r.DownloadExpiresAtUtc < now)
            .ExecuteUpdateAsync(u => u.SetProperty(r => r.Package, (Encrypted<byte[]>?)null), cancellationToken);
        return outcomes;
    }

    private async Task<IReadOnlyList<RuleOutcome>> WalkAsync(bool apply, IProgress<RuleOutcome>? progress, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        var outcomes = new List<RuleOutcome>();
        foreach (var register in registers.Registers.OrderBy(r => r.Id, StringComparer.Ordinal))
        {
            var holds = new HoldCache(providers.Where(p => p.Registers.Contains(register.Id)).ToList(), register.Id);
            foreach (var category in register.Categories)
            {
                var rule = category.Retention;
                var cutoff = new DateTimeOffset(now.UtcDateTime.AddYears(-rule.Period.Years).AddMonths(-rule.Period.Months).AddDays(-rule.Period.Days), TimeSpan.Zero);
                var (due, held, applied) = (0, 0, 0);
                var subjects = new HashSet<SubjectId>();
                foreach (var target in targets.Where(t => t.Registers.Contains(register.Id) && t.Categories(register.Id).Contains(category.Id)))
                {
                    string? after = null;
                    while (true)
                    {
                        var batch = await target.FindDueAsync(register.Id, category.Id, cutoff, after, BatchSize, cancellationToken);
                        if (batch.Count == 0)
                        {
                            break;
                        }

                        after = batch[^1].Record.RecordId;
                        await holds.PrefetchAsync(batch, cancellationToken);
                        var free = new List<DueRecord>();
                        foreach (var record in batch)
                        {
                            if (holds.IsHeld(record))
                            {
                                held++;
                            }
                            else
                            {
                                free.Add(record);
                            }
                        }

                        due += batch.Count;
                        if (apply && rule.Action != RetentionAction.Review && free.Count > 0)
                        {
                            applied += await target.ApplyAsync(register.Id, category.Id, rule.Action == RetentionAction.Delete ? RetentionTreatment.Delete : RetentionTreatment.Anonymise, free, cancellationToken);
                            subjects.UnionWith(free.Where(r => r.Subject is not null).Select(r => r.Subject!.Value));
                        }

                        if (batch.Count < BatchSize)
                        {
                            break;
                        }
                    }
                }

                var act = applied > 0 ? await WriteActAsync(register, category, subjects, applied, cancellationToken) : null;
                var outcome = new RuleOutcome(register.Id, category.Id, NoticeWords.Retention("en", rule), rule.Action, cutoff, due, held, applied, act);
                outcomes.Add(outcome);
                progress?.Report(outcome);
            }
        }

        return outcomes;
    }

    private async Task<string> WriteActAsync(RegisterDeclaration register, DataCategory category, HashSet<SubjectId> subjects, int records, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        var act = new DestructionActRecord
        {
            Id = Guid.CreateVersion7(),
            Number = OneTimeTokens.NewReference("DA"),
            Operator = $"{register.Controller.Name} ({register.Controller.RegistrationId ?? register.Controller.Address})",
            Register = register.Id,
            Category = category.Id,
            Fields = string.Join(", ", category.Fields),
            Subjects = string.Join(' ', subjects.Select(s => s.ToString()).Order(StringComparer.Ordinal)),
            Records = records,
            Media = $"Custodian records database ({db.Database.ProviderName?.Split('.').LastOrDefault() ?? "SQL"}), information system \"{register.Title.In("en")}\"",
            Method = category.Retention.Action == RetentionAction.Anonymise
                ? "Irreversible anonymisation: direct identifiers and the subject link removed"
                : category.Erasure == ErasureMethod.CryptoShred ? "Deletion of the records; field values were encrypted" : "Deletion of the records",
            Reason = string.Create(CultureInfo.InvariantCulture, $"Retention period ended: {NoticeWords.Retention("en", category.Retention)}"),
            PerformedAtUtc = now,
            PerformedBy = actor.Actor,
        };
        db.DestructionActs.Add(act);
        await db.SaveChangesAsync(cancellationToken);
        await audit.AppendAsync(new AuditEvent(actor.Actor, "retention.destroy", null, register.Id, category.Id, act.Number), cancellationToken);
        return act.Number;
    }

    /// <summary>Held records of the register, asked once per subject during a sweep, a batch of subjects at a time.</summary>
    private sealed class HoldCache(List<IPersonalDataProvider> providers, string registerId)
    {
        private readonly HashSet<SubjectId> _asked = [];
        private readonly HashSet<RecordRef> _held = [];

        public async Task PrefetchAsync(IReadOnlyList<DueRecord> batch, CancellationToken cancellationToken)
        {
            var unknown = batch.Where(r => r.Subject is { } s && !_asked.Contains(s)).Select(r => r.Subject!.Value).Distinct().ToList();
            if (unknown.Count == 0)
            {
                return;
            }

            _asked.UnionWith(unknown);
            foreach (var provider in providers)
            {
                _held.UnionWith((await provider.HoldsAsync(unknown, registerId, cancellationToken)).Select(h => h.Record));
            }
        }

        public bool IsHeld(DueRecord record) => _held.Contains(record.Record);
    }
}
