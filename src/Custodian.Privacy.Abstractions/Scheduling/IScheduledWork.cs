namespace Custodian.Privacy.Abstractions.Scheduling;

/// <summary>
/// A job that runs once per interval across every instance of the service (ADR 0015): register it with
/// <c>services.AddSingleton&lt;IScheduledWork, MyJob&gt;()</c>. The kernel's runner claims it when it is due, runs it in a
/// fresh scope, retries a failure with back-off, reports it in health, and never lets it stop the service. The first
/// run comes one interval after the job is first seen.
/// </summary>
public interface IScheduledWork
{
    /// <summary>Unique and stable, e.g. <c>privacy.retention</c> (it names the lease).</summary>
    string Name { get; }

    /// <summary>How often it runs; zero or less turns it off in this deployment.</summary>
    TimeSpan Every { get; }

    /// <summary>
    /// True for work every instance does for itself at its interval, without a cluster-wide claim (a collection round
    /// in which each instance claims the items it works on); it still gets the runner's back-off and health.
    /// </summary>
    bool OnEveryInstance => false;

    /// <summary>Does the work; <paramref name="services"/> is a scope of its own. Cancelled when the service stops or the lease is lost.</summary>
    Task RunAsync(IServiceProvider services, CancellationToken cancellationToken);
}
