namespace Custodian.Privacy.Abstractions.Scheduling;

/// <summary>
/// Work claimed by one instance of the service at a time, across every instance sharing the records database
/// (ADR 0015). A claim is a lease: its holder renews it while working; a crashed holder's lease runs out and another
/// instance takes the work over; a holder that stops releases it at once. Every scheduled job and every per-item claim
/// (a marketplace account's collection) goes through this.
/// </summary>
public interface IWorkLeases
{
    /// <summary>This instance's name in leases (host name and a random part), shown on the operator pages and in logs.</summary>
    string Instance { get; }

    /// <summary>Claims <paramref name="name"/> for this instance, or returns null when another instance holds it.</summary>
    Task<WorkLease?> TryClaimAsync(string name, CancellationToken cancellationToken);

    /// <summary>
    /// Claims periodic work that is due: no instance completed it within the last <paramref name="every"/> and none
    /// holds it. Null when it is not due or held elsewhere.
    /// </summary>
    Task<WorkLease?> TryClaimDueAsync(string name, TimeSpan every, CancellationToken cancellationToken);
}

/// <summary>
/// A held claim. It is renewed in the background while held; <see cref="Lost"/> fires when renewing fails or another
/// instance has taken it (the holder must stop the work then). Disposing releases it without marking it done.
/// </summary>
public abstract class WorkLease : IAsyncDisposable
{
    /// <summary>The claimed work's name.</summary>
    public abstract string Name { get; }

    /// <summary>What the previous holder left for the next one (e.g. when a marketplace key may be called again).</summary>
    public abstract string? HandedOver { get; }

    /// <summary>Fires when the lease is lost: stop the work, another instance may be doing it.</summary>
    public abstract CancellationToken Lost { get; }

    /// <summary>Marks the work done now (periodic work is then not due for its interval) and releases the lease.</summary>
    public abstract Task CompleteAsync(string? handOver = null);

    /// <summary>Releases the lease without marking the work done, leaving <paramref name="handOver"/> for the next holder.</summary>
    public abstract Task ReleaseAsync(string? handOver = null);

    public abstract ValueTask DisposeAsync();
}
