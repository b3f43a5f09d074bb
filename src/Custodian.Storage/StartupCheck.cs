using Microsoft.Extensions.Hosting;

namespace Custodian.Storage;

/// <summary>
/// Work that must succeed before the server accepts requests (settings, migrations, declarations, keys). It runs
/// in <see cref="IHostedLifecycleService.StartingAsync"/>, before any hosted service starts; a failure stops start-up.
/// </summary>
public abstract class StartupCheck : IHostedLifecycleService
{
    public abstract Task StartingAsync(CancellationToken cancellationToken);

    public Task StartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StartedAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StoppingAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StoppedAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
