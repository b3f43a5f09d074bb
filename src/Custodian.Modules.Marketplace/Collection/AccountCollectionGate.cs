using System.Collections.Concurrent;

namespace Custodian.Modules.Marketplace.Collection;

/// <summary>
/// One collection per marketplace account at a time in this process. The scheduled sync and an operator's
/// <c>custodian marketplace sync</c> (which runs in the service while it runs, ADR 0014) would otherwise both create the
/// account's checkpoints and read the same pages against the same rate limit; the second waits, then goes on from the
/// checkpoints the first one left.
/// </summary>
internal sealed class AccountCollectionGate
{
    private readonly ConcurrentDictionary<Guid, SemaphoreSlim> _accounts = new();

    public async Task<IDisposable> EnterAsync(Guid accountId, CancellationToken cancellationToken)
    {
        var gate = _accounts.GetOrAdd(accountId, _ => new SemaphoreSlim(1, 1));
        await gate.WaitAsync(cancellationToken);
        return new Exit(gate);
    }

    private sealed class Exit(SemaphoreSlim gate) : IDisposable
    {
        private int _released;

        public void Dispose()
        {
            if (Interlocked.Exchange(ref _released, 1) == 0)
            {
                gate.Release();
            }
        }
    }
}
