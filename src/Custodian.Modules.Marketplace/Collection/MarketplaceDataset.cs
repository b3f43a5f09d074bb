using Custodian.Modules.Marketplace.Accounts;
using Custodian.Privacy.Abstractions.Analytics;

namespace Custodian.Modules.Marketplace.Collection;

/// <summary>One kind of data collected from a marketplace into one analytics table.</summary>
internal interface IMarketplaceDataset
{
    /// <summary>What is collected, where it goes and how often (<see cref="DatasetCatalog"/>).</summary>
    DatasetDescription Description { get; }

    string Name => Description.Name;

    MarketplaceKind Marketplace => Description.Marketplace;

    AnalyticsTable Table => Description.Table;

    /// <summary>Collects from the checkpoint onwards, page by page, saving the checkpoint after each page.</summary>
    Task CollectAsync(DatasetRun run, CancellationToken cancellationToken);
}

/// <summary>What a dataset collection works with: the account, its key, where it stands, and where rows go.</summary>
internal sealed class DatasetRun(
    Guid accountId, string key, string? clientId, SyncCheckpointRecord checkpoint, DateOnly? since, IAnalyticsStore store,
    Func<CancellationToken, Task> saveCheckpoint, IProgress<long>? progress, TimeProvider clock, IServiceProvider services, int loadBatchRows = DatasetRun.LoadBatchRows)
{
    /// <summary>The sync's scope, for datasets that also keep records (encrypted personal values) in the module's database.</summary>
    public IServiceProvider Services => services;

    public Guid AccountId => accountId;

    /// <summary>The account's decrypted key (a WB token or Ozon Api-Key); held only for this run.</summary>
    public string Key => key;

    /// <summary>The Ozon <c>Client-Id</c> that goes with the Api-Key (null for Wildberries).</summary>
    public string? ClientId => clientId;

    public SyncCheckpointRecord Checkpoint => checkpoint;

    /// <summary>An operator's request to collect again from this day (overrides the checkpoint once).</summary>
    public DateOnly? Since => since;

    public TimeProvider Clock => clock;

    public long Rows { get; private set; }

    /// <summary>Items of this run's pages that could not be read, per reason.</summary>
    public Rejections Rejected { get; } = new();

    /// <summary>
    /// Items a page needs before "not one readable" fails the run by itself: a short last page with one odd item is left
    /// to the share rule, while a page of a real size that is all unreadable means the reader no longer fits the schema.
    /// </summary>
    public const int FullPageItems = 10;

    /// <summary>Pages of this run with at least <see cref="FullPageItems"/> items and not one readable row.</summary>
    public int FullyRejectedPages { get; private set; }

    /// <summary>Where the checkpoint stood when the run began: a run that fails for its rejected rows goes back here, so the pages are read again.</summary>
    public string? StartCursor { get; } = checkpoint.Cursor;

    /// <summary>What this run could not collect and why, when that is not an error (shown to the seller, kept on the checkpoint).</summary>
    public string? Notice { get; set; }

    /// <summary>
    /// Takes one page of rows and the marketplace position after it. Pages are loaded in batches of at least
    /// <see cref="LoadBatchRows"/> rows (engines write a batch that size straight to their files instead of logging it
    /// row by row); a full batch is loaded in the background while the next pages are fetched and read, and the
    /// checkpoint moves to a batch's last cursor only once it and every batch before it are stored (at most two batches
    /// in flight, see <see cref="StartLoadingAsync"/>). A run
    /// that dies re-reads the pages not yet stored, whose rows replace themselves by natural key.
    /// </summary>
    public async Task CommitPageAsync(AnalyticsTable table, IReadOnlyList<object?[]> rows, Rejections rejected, string? cursor, CancellationToken cancellationToken)
    {
        Rejected.AddAll(rejected);
        if (rows.Count == 0 && rejected.Count >= FullPageItems)
        {
            FullyRejectedPages++;
        }

        if (_batch.Table is not null && _batch.Table != table)
        {
            await FlushAsync(cancellationToken);
        }

        _batch.Add(table, rows, rejected, cursor);
        Rows += rows.Count;
        progress?.Report(Rows);
        if (_batch.Rows.Count >= loadBatchRows)
        {
            await StartLoadingAsync(cancellationToken);
        }
    }

    /// <summary>Stores everything taken so far and moves the checkpoint after it (the sync calls it when a dataset ends or fails).</summary>
    public async Task FlushAsync(CancellationToken cancellationToken)
    {
        if (_batch.Pages > 0)
        {
            await StartLoadingAsync(cancellationToken);
        }

        while (_loading.Count > 0)
        {
            await SettleOldestAsync();
        }
    }

    /// <summary>Rows loaded in one go by default; a few hundred megabytes of memory at most (three batches: two loading, one filling).</summary>
    public const int LoadBatchRows = 200_000;

    /// <summary>The key column every collected table has first: an account is collected by one run at a time, so its keys are this run's alone.</summary>
    public const string TenantColumn = "account_id";

    private Batch _batch = new();
    private readonly Queue<(Batch Batch, Task Load)> _loading = new();

    /// <summary>
    /// Sends the filled batch to the store. Two batches may load at once (the store compresses each on its own core, so
    /// the last batches do not wait for one core once reading is done) when the table is keyed by account and no key of
    /// the new batch is in the one loading: then neither can replace a row of the other, and which commits first does
    /// not matter. Otherwise the batch waits for the one in flight.
    /// </summary>
    private async Task StartLoadingAsync(CancellationToken cancellationToken)
    {
        var loading = _batch;
        _batch = new Batch();
        while (_loading.Count > 1)
        {
            await SettleOldestAsync();
        }

        var disjoint = loading.Table!.Key.Contains(TenantColumn) && (_loading.Count == 0 || !loading.SharesKeysWith(_loading.Peek().Batch));
        while (!disjoint && _loading.Count > 0)
        {
            await SettleOldestAsync();
        }

        var load = loading.Rows.Count == 0 ? Task.CompletedTask
            : disjoint ? Task.Run(() => store.UpsertDisjointAsync(loading.Table, loading.Rows.ToAsyncEnumerable(), cancellationToken), cancellationToken)
            : Task.Run(() => store.UpsertAsync(loading.Table, loading.Rows.ToAsyncEnumerable(), cancellationToken), cancellationToken);
        _loading.Enqueue((loading, load));
    }

    /// <summary>Waits for the oldest batch in flight (its failure surfaces here) and saves the checkpoint after it: checkpoints move in page order.</summary>
    private async Task SettleOldestAsync()
    {
        var (batch, load) = _loading.Dequeue();
        try
        {
            await load;
        }
        catch
        {
            await EndLoadsAsync();
            throw;
        }

        await MoveCheckpointAsync(batch);
    }

    /// <summary>
    /// Waits until no batch of this run is loading any more, whatever their outcome, without moving the checkpoint: a
    /// failed run ends only when its loads have, so none outlives it beside the account's next run (whose batches are
    /// checked only against each other).
    /// </summary>
    public async Task EndLoadsAsync()
    {
        var loads = _loading.Select(l => l.Load).ToList();
        _loading.Clear();
        await Task.WhenAny(Task.WhenAll(loads)); // WhenAny: completes when all have, without throwing their failures
    }

    private async Task MoveCheckpointAsync(Batch stored)
    {
        if (stored.Rows.Count > 0 && Dashboards.DailyTotals.DaysOf(checkpoint.Dataset, stored.Table!, stored.Rows) is { Count: > 0 } days)
        {
            checkpoint.AddTotalsPending(days); // saved with the cursor below: the rows and the days they changed go together
        }

        checkpoint.Cursor = stored.Cursor;
        checkpoint.RowsLoaded += stored.Rows.Count;
        checkpoint.RowsRejected += stored.Rejected.Count;
        checkpoint.AddRejections(stored.Rejected);
        await saveCheckpoint(CancellationToken.None); // the rows are stored: their checkpoint must be written
    }

    private sealed class Batch
    {
        public AnalyticsTable? Table { get; private set; }

        public List<object?[]> Rows { get; } = [];

        public string? Cursor { get; private set; }

        public Rejections Rejected { get; } = new();

        public int Pages { get; private set; }

        /// <summary>Whether a row of this batch has the key of a row of <paramref name="other"/> (same table).</summary>
        public bool SharesKeysWith(Batch other)
        {
            if (Table is null || other.Table != Table || Rows.Count == 0 || other.Rows.Count == 0)
            {
                return false;
            }

            var names = Table.Columns.Select(c => c.Name).ToList();
            var comparer = new KeyComparer([.. Table.Key.Select(k => names.IndexOf(k))]);
            var (smaller, larger) = Rows.Count <= other.Rows.Count ? (Rows, other.Rows) : (other.Rows, Rows);
            var keys = new HashSet<object?[]>(smaller, comparer);
            return larger.Any(keys.Contains);
        }

        public void Add(AnalyticsTable table, IReadOnlyList<object?[]> rows, Rejections rejected, string? cursor)
        {
            Table = table;
            Rows.AddRange(rows);
            Rejected.AddAll(rejected);
            Cursor = cursor;
            Pages++;
        }
    }
}

/// <summary>Rows equal by their key columns only (values compared as the store would: equal .NET values).</summary>
internal sealed class KeyComparer(int[] keyColumns) : IEqualityComparer<object?[]>
{
    public bool Equals(object?[]? x, object?[]? y)
    {
        if (x is null || y is null)
        {
            return ReferenceEquals(x, y);
        }

        foreach (var i in keyColumns)
        {
            if (!object.Equals(At(x, i), At(y, i)))
            {
                return false;
            }
        }

        return true;
    }

    public int GetHashCode(object?[] obj)
    {
        ArgumentNullException.ThrowIfNull(obj);
        var hash = default(HashCode);
        foreach (var i in keyColumns)
        {
            hash.Add(At(obj, i));
        }

        return hash.ToHashCode();
    }

    /// <summary>A row too short for the table is the store's to refuse; here it only has no value there.</summary>
    private static object? At(object?[] row, int column) => column < row.Length ? row[column] : null;
}
