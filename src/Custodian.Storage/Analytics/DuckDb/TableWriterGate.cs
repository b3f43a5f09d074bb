namespace Custodian.Storage.Analytics.DuckDb;

/// <summary>
/// Who may write one table at a time: an ordinary change (an upsert, a delete) alone; upserts whose callers vouch that
/// no writer at the same time has any of their keys two at once, so a load keeps both cores busy (each transaction
/// compresses its own row groups). Everyone enters through one door in arrival order, so a waiting ordinary change is
/// never overtaken by later upserts.
/// </summary>
internal sealed class TableWriterGate : IDisposable
{
    private const int Slots = 2;
    private readonly SemaphoreSlim _door = new(1, 1);
    private readonly SemaphoreSlim _slots = new(Slots, Slots);

    /// <summary>Enters alone (<paramref name="shared"/> false) or beside at most one other shared writer; dispose the result to leave.</summary>
    public async Task<IDisposable> EnterAsync(bool shared, CancellationToken cancellationToken)
    {
        var taken = 0;
        await _door.WaitAsync(cancellationToken);
        try
        {
            for (; taken < (shared ? 1 : Slots); taken++)
            {
                await _slots.WaitAsync(cancellationToken);
            }
        }
        catch
        {
            if (taken > 0)
            {
                _slots.Release(taken);
            }

            throw;
        }
        finally
        {
            _door.Release();
        }

        return new Leave(_slots, taken);
    }

    public void Dispose()
    {
        _door.Dispose();
        _slots.Dispose();
    }

    private sealed class Leave(SemaphoreSlim slots, int taken) : IDisposable
    {
        private int _left;

        public void Dispose()
        {
            if (Interlocked.Exchange(ref _left, 1) == 0)
            {
                slots.Release(taken);
            }
        }
    }
}
