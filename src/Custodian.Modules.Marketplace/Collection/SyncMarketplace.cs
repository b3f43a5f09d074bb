using Custodian.Modules.Marketplace.Accounts;
using Custodian.Privacy.Abstractions.Analytics;
using Custodian.Privacy.Abstractions.Protection;
using Custodian.Privacy.Abstractions.Scheduling;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Custodian.Modules.Marketplace.Collection;

/// <summary>The result of one dataset of one account in a sync.</summary>
internal sealed record DatasetOutcome(Guid AccountId, string Dataset, long Rows, long Rejected, string? Problem, string? Notice = null);

/// <summary>
/// Collects every dataset of every active account (or the ones named): decrypts the key for the run only, runs each
/// dataset from its checkpoint, records success or the reason of failure per dataset. A rejected key marks the
/// account "key rejected" and stops its datasets until the seller replaces the key. Scheduled runs collect only for
/// sellers whose trial or paid plan is in force, and at most as many accounts as the plan allows (the oldest first);
/// an operator's explicit run collects regardless.
/// </summary>
internal sealed partial class SyncMarketplace(
    MarketplaceDb db, MarketplaceDatasets datasets, IAnalyticsStore store, IPersonalDataVault vault, KeyRejectedNotice keyRejected, AccessReadyNotice accessReady, Subscriptions.ISellerSubscriptions subscriptions,
    AccountCollectionGate gate, IWorkLeases leases, MarketplaceHttp http, Dashboards.DailyTotalsRefresh totals, TimeProvider clock, IServiceProvider services, IOptions<MarketplaceSyncOptions> options, ILogger<SyncMarketplace> log)
{
    /// <summary>What an explicit run reports for an account another instance is collecting at that moment.</summary>
    public const string HeldElsewhere = "another instance of the service is collecting this account right now; run again when it has finished";

    /// <summary>The lease an instance holds while it collects an account (ADR 0015).</summary>
    public static string LeaseOf(Guid accountId) => "marketplace.account:" + accountId.ToString("N");

    public async Task<IReadOnlyList<DatasetOutcome>> RunAsync(Guid? accountId, string? datasetName, DateOnly? since, Func<Guid, IMarketplaceDataset, IProgress<long>?>? progress, bool onlyDue, CancellationToken cancellationToken)
    {
        if (datasetName is not null && datasets.Find(datasetName) is null)
        {
            throw new MarketplaceInputException("dataset", $"Unknown dataset '{datasetName}'. Known: {string.Join(", ", datasets.All.Select(d => d.Name))}.");
        }

        var accounts = await ActiveAsync(accountId, cancellationToken);
        if (accountId is { } wanted && accounts.Count == 0)
        {
            var existing = await db.Accounts.AsNoTracking().FirstOrDefaultAsync(a => a.Id == wanted, cancellationToken);
            throw new MarketplaceInputException("account", existing is null ? "No marketplace account with this id." : $"The account is {existing.Status}: {existing.StatusDetail ?? "replace its key to collect again"}.");
        }

        if (onlyDue)
        {
            accounts = await WithinPlansAsync(accounts, cancellationToken);
        }

        var outcomes = new List<DatasetOutcome>();
        foreach (var account in accounts)
        {
            // One collection of an account at a time: in this process (the gate), and across instances (the lease,
            // which also keeps the key's pace when another instance collects it next).
            using var collecting = await gate.EnterAsync(account.Id, cancellationToken);
            await using var lease = await leases.TryClaimAsync(LeaseOf(account.Id), cancellationToken);
            if (lease is null)
            {
                if (!onlyDue)
                {
                    outcomes.Add(new DatasetOutcome(account.Id, datasetName ?? "all", 0, 0, HeldElsewhere));
                }

                continue; // a scheduled round leaves it to the instance holding it
            }

            using var held = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, lease.Lost);
            var pace = await CollectAccountAsync(account, lease.HandedOver, datasetName, since, progress, onlyDue, outcomes, held.Token);
            await lease.ReleaseAsync(pace ?? lease.HandedOver);
        }

        if (onlyDue && accountId is null)
        {
            await RebuildOutdatedTotalsAsync([.. accounts.Select(a => a.Id)], cancellationToken);
        }

        return outcomes;
    }

    /// <summary>Accounts whose totals a scheduled round rebuilds besides the ones it collects, at most, so an upgrade spreads the work over rounds.</summary>
    private const int RebuildsPerRound = 10;

    /// <summary>
    /// Rebuilds the totals of accounts built by older definitions that this round did not collect (a key rejected, a plan
    /// lapsed, a seller restricted): their collected data stays visible on the dashboards, so their totals must be true too.
    /// </summary>
    private async Task RebuildOutdatedTotalsAsync(HashSet<Guid> collected, CancellationToken cancellationToken)
    {
        var outdated = await db.Accounts.Where(a => a.DailyTotalsVersion != Dashboards.DailyTotals.Version && !collected.Contains(a.Id))
            .OrderBy(a => a.AddedAtUtc).Take(RebuildsPerRound).ToListAsync(cancellationToken);
        foreach (var account in outdated)
        {
            await using var lease = await leases.TryClaimAsync(LeaseOf(account.Id), cancellationToken);
            if (lease is not null)
            {
                await RebuildTotalsIfOutdatedAsync(account, cancellationToken);
                await lease.ReleaseAsync(lease.HandedOver);
            }
        }
    }

    /// <summary>Runs the account's datasets (the due ones, on a schedule) and returns the key's pace for the next holder.</summary>
    private async Task<string?> CollectAccountAsync(MarketplaceAccountRecord account, string? handedOver, string? datasetName, DateOnly? since, Func<Guid, IMarketplaceDataset, IProgress<long>?>? progress, bool onlyDue, List<DatasetOutcome> outcomes, CancellationToken cancellationToken)
    {
        await db.Entry(account).ReloadAsync(cancellationToken); // another run may have changed it while this one waited
        if (account.Status != AccountStatus.Active)
        {
            return null;
        }

        if (await KeyAsync(account, cancellationToken) is not { } credentials)
        {
            account.Status = AccountStatus.KeyRejected;
            account.StatusDetail = "The stored key was destroyed; add the key again.";
            await db.SaveChangesAsync(cancellationToken);
            return null;
        }

        var (key, clientId) = credentials;
        http.Resume(key, handedOver);
        await RebuildTotalsIfOutdatedAsync(account, cancellationToken);
        foreach (var dataset in datasets.All.Where(d => d.Marketplace == account.Marketplace && (datasetName is null || d.Name == datasetName)))
        {
            var outcome = await CollectAsync(account, key, clientId, dataset, since, progress?.Invoke(account.Id, dataset), onlyDue, cancellationToken);
            if (outcome is null)
            {
                continue;
            }

            outcomes.Add(outcome);
            if (account.Status == AccountStatus.KeyRejected)
            {
                break;
            }
        }

        await accessReady.TellIfReadyAsync(account, cancellationToken);
        return http.PaceOf(key);
    }

    /// <summary>The accounts a scheduled round collects: active, not restricted, within their seller's plan, oldest first.</summary>
    public async Task<IReadOnlyList<Guid>> DueAccountsAsync(CancellationToken cancellationToken) =>
        [.. (await WithinPlansAsync(await ActiveAsync(null, cancellationToken), cancellationToken)).Select(a => a.Id)];

    private async Task<List<MarketplaceAccountRecord>> ActiveAsync(Guid? accountId, CancellationToken cancellationToken)
    {
        var restricted = db.Sellers.Where(s => s.Restricted).Select(s => s.Id);
        return await db.Accounts.Where(a => a.Status == AccountStatus.Active && (accountId == null || a.Id == accountId) && !restricted.Contains(a.SellerId)).OrderBy(a => a.AddedAtUtc).ToListAsync(cancellationToken);
    }

    /// <summary>The accounts whose seller's plan is in force, as many per seller as the plan collects (oldest first).</summary>
    private async Task<List<MarketplaceAccountRecord>> WithinPlansAsync(List<MarketplaceAccountRecord> accounts, CancellationToken cancellationToken)
    {
        var kept = new HashSet<MarketplaceAccountRecord>();
        foreach (var sellerAccounts in accounts.GroupBy(a => a.SellerId))
        {
            if (await subscriptions.StateAsync(sellerAccounts.Key, cancellationToken) is { Active: true } state)
            {
                kept.UnionWith(sellerAccounts.Take(state.Plan.MaxAccounts));
            }
        }

        return [.. accounts.Where(kept.Contains)];
    }

    private async Task<DatasetOutcome?> CollectAsync(MarketplaceAccountRecord account, string key, string? clientId, IMarketplaceDataset dataset, DateOnly? since, IProgress<long>? progress, bool onlyDue, CancellationToken cancellationToken)
    {
        var checkpoint = await db.Checkpoints.FirstOrDefaultAsync(c => c.AccountId == account.Id && c.Dataset == dataset.Name, cancellationToken);
        if (checkpoint is null)
        {
            checkpoint = new SyncCheckpointRecord { AccountId = account.Id, Dataset = dataset.Name };
            db.Checkpoints.Add(checkpoint);
        }

        if (checkpoint.TotalsPendingDays is not null)
        {
            await RefreshPendingTotalsAsync(account, checkpoint, cancellationToken); // left by a run that stopped before its own refresh
        }

        var now = clock.GetUtcNow().UtcDateTime;
        if (onlyDue && checkpoint.LastSuccessUtc is { } last && now - last < dataset.Description.Cadence)
        {
            return null;
        }

        if (MissingCategory(account, dataset) is { } category)
        {
            // Not a failure and not the seller's news: the seller page already says which categories the key lacks.
            checkpoint.LastAttemptUtc = checkpoint.LastSuccessUtc = now;
            checkpoint.LastError = checkpoint.Notice = null;
            await db.SaveChangesAsync(cancellationToken);
            return new DatasetOutcome(account.Id, dataset.Name, 0, checkpoint.RowsRejected, null, $"not asked: the Wildberries key has no access to the {category} category");
        }

        checkpoint.LastAttemptUtc = now;
        await db.SaveChangesAsync(cancellationToken);
        var run = new DatasetRun(account.Id, key, clientId, checkpoint, since, store, ct => db.SaveChangesAsync(ct), progress, clock, services, options.Value.LoadBatchRows);
        string? problem = null;
        try
        {
            await store.EnsureTableAsync(dataset.Table, cancellationToken);
            await dataset.CollectAsync(run, cancellationToken);
            await run.FlushAsync(cancellationToken);
            if (ReReadIfRejected(run, checkpoint) is { } refusal)
            {
                problem = refusal;
                LogFailed(log, account.Id, dataset.Name, refusal);
            }
            else
            {
                checkpoint.LastSuccessUtc = clock.GetUtcNow().UtcDateTime;
                checkpoint.LastError = null;
                checkpoint.Notice = run.Notice;
            }
        }
        catch (MarketplaceKeyRejectedException e)
        {
            await run.FlushAsync(CancellationToken.None); // what was read before the refusal is good
            problem = "key rejected: " + e.Message;
            account.Status = AccountStatus.KeyRejected;
            account.StatusDetail = problem;
            LogKeyRejected(log, account.Id, dataset.Name);
            await keyRejected.TellAsync(account, e.Message);
        }
        catch (MarketplaceMethodNotPermittedException e)
        {
            await run.FlushAsync(CancellationToken.None);
            run.Notice = e.Message; // not a failure: the rest of the account collects, and this waits for its cadence
            checkpoint.Notice = e.Message;
            if (ReReadIfRejected(run, checkpoint) is { } refusal)
            {
                problem = refusal;
            }
            else
            {
                checkpoint.LastSuccessUtc = clock.GetUtcNow().UtcDateTime;
            }
        }
        catch (MarketplaceUnavailableException e)
        {
            await run.FlushAsync(CancellationToken.None);
            problem = e.Message;
            LogFailed(log, account.Id, dataset.Name, e.Message);
        }
#pragma warning disable CA1031 // one dataset's failure (the analytics store or a shard away, a page we cannot read) must not stop the others
        catch (Exception e) when (!cancellationToken.IsCancellationRequested)
#pragma warning restore CA1031
        {
            // Nothing is flushed: the checkpoint moved only after stored batches, so the next run reads the rest again.
            await run.EndLoadsAsync();
            problem = "not stored: " + FailureText.Of(e);
            LogFailed(log, account.Id, dataset.Name, problem);
            ForgetUnsavedChanges(account, checkpoint);
        }

        if (await RefreshPendingTotalsAsync(account, checkpoint, cancellationToken) is { } totalsProblem)
        {
            problem = problem is null ? totalsProblem : problem + "; " + totalsProblem;
        }

        if (problem is not null && !problem.StartsWith(RejectedRows.Prefix, StringComparison.Ordinal) && ReReadIfRejected(run, checkpoint) is { } rejected)
        {
            problem += "; " + rejected; // the run failed for another reason after pages it could not read: those are read again too
        }

        checkpoint.LastError = problem is { Length: > MaxErrorLength } ? problem[..(MaxErrorLength - 1)] + "…" : problem; // the column's length
        await db.SaveChangesAsync(CancellationToken.None);
        return new DatasetOutcome(account.Id, dataset.Name, run.Rows, checkpoint.RowsRejected, problem, run.Notice);
    }

    /// <summary>
    /// A run that failed while saving (a record the database refused) leaves its unsaved records tracked, and the save of
    /// the failure would fail on them again and stop the whole sync: they are let go, and the checkpoint goes back to
    /// what was last saved (the pages after it are read again).
    /// </summary>
    private void ForgetUnsavedChanges(MarketplaceAccountRecord account, SyncCheckpointRecord checkpoint)
    {
        foreach (var entry in db.ChangeTracker.Entries().Where(e => e.Entity != account && e.State is EntityState.Added or EntityState.Modified or EntityState.Deleted).ToList())
        {
            if (entry.Entity == checkpoint && entry.State != EntityState.Added)
            {
                entry.CurrentValues.SetValues(entry.OriginalValues);
                entry.State = EntityState.Unchanged; // what it now holds is what is saved
            }
            else if (entry.Entity != checkpoint)
            {
                entry.State = EntityState.Detached;
            }
        }
    }

    private const int MaxErrorLength = 500;

    /// <summary>
    /// Adds up the daily totals of the days whose rows are stored but not yet counted (saved on the checkpoint with each
    /// stored batch) and clears them. When that fails they stay for the next run, and the dataset reports the failure.
    /// </summary>
    private async Task<string?> RefreshPendingTotalsAsync(MarketplaceAccountRecord account, SyncCheckpointRecord checkpoint, CancellationToken cancellationToken)
    {
        if (checkpoint.TotalsPending() is not { Count: > 0 } days)
        {
            return null;
        }

        try
        {
            await totals.RefreshAsync(account.Id, checkpoint.Dataset, days, cancellationToken);
            checkpoint.TotalsPendingDays = null;
            await db.SaveChangesAsync(cancellationToken);
            return null;
        }
#pragma warning disable CA1031 // the rows are stored and their days stay pending; the next run counts them
        catch (Exception e) when (!cancellationToken.IsCancellationRequested)
#pragma warning restore CA1031
        {
            var problem = "daily totals not yet updated (tried again at the next run): " + FailureText.Of(e);
            LogFailed(log, account.Id, checkpoint.Dataset, problem);
            return problem;
        }
    }

    /// <summary>Rebuilds the account's daily totals when an older definition built them; a failure is tried again next time.</summary>
    private async Task RebuildTotalsIfOutdatedAsync(MarketplaceAccountRecord account, CancellationToken cancellationToken)
    {
        if (account.DailyTotalsVersion == Dashboards.DailyTotals.Version)
        {
            return;
        }

        try
        {
            await totals.RebuildAsync(account.Id, cancellationToken);
            account.DailyTotalsVersion = Dashboards.DailyTotals.Version;
            await db.SaveChangesAsync(cancellationToken);
        }
#pragma warning disable CA1031 // the collection goes on; the rebuild is tried again at the next one
        catch (Exception e) when (!cancellationToken.IsCancellationRequested)
#pragma warning restore CA1031
        {
            LogFailed(log, account.Id, "daily totals", "not rebuilt: " + FailureText.Of(e));
        }
    }

    /// <summary>
    /// The rejected-rows verdict of a run whose pages were stored; when it refuses the run, the checkpoint goes back to
    /// where the run began, so the pages are read again once the reader or the marketplace is fixed.
    /// </summary>
    private string? ReReadIfRejected(DatasetRun run, SyncCheckpointRecord checkpoint)
    {
        var refusal = RejectedRows.Verdict(run, options.Value.MaxRejectedPercent);
        if (refusal is not null)
        {
            checkpoint.Cursor = run.StartCursor;
        }

        return refusal;
    }

    /// <summary>The category a Wildberries token lacks for the dataset, when the token names its categories.</summary>
    private static string? MissingCategory(MarketplaceAccountRecord account, IMarketplaceDataset dataset) =>
        account.Marketplace == MarketplaceKind.Wildberries && account.KeyCategories is { } categories && dataset.Description.KeyCategory is { } needed
            && !categories.Split(',').Contains(needed, StringComparer.Ordinal) ? needed : null;

    /// <summary>The account's key (a WB token, or an Ozon Api-Key with its Client-Id), or null when it was shredded.</summary>
    private async Task<(string Key, string? ClientId)?> KeyAsync(MarketplaceAccountRecord account, CancellationToken cancellationToken)
    {
        if (account.Marketplace == MarketplaceKind.Wildberries)
        {
            var token = await vault.OpenAsync(account.WildberriesToken!, MarketplaceAccountRecord.Field(account.Id, "wildberries_token"), cancellationToken);
            return token.IsErased ? null : (token.Value!, null);
        }

        var apiKey = await vault.OpenAsync(account.OzonApiKey!, MarketplaceAccountRecord.Field(account.Id, "ozon_api_key"), cancellationToken);
        var clientId = await vault.OpenAsync(account.OzonClientId!, MarketplaceAccountRecord.Field(account.Id, "ozon_client_id"), cancellationToken);
        return apiKey.IsErased || clientId.IsErased ? null : (apiKey.Value!, clientId.Value);
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Marketplace account {AccountId}: key rejected while collecting {Dataset}; collection stopped until the key is replaced")]
    private static partial void LogKeyRejected(ILogger logger, Guid accountId, string dataset);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Marketplace account {AccountId}: {Dataset} failed: {Problem}")]
    private static partial void LogFailed(ILogger logger, Guid accountId, string dataset, string problem);
}
