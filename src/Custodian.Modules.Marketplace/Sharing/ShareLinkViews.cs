using System.Collections.Concurrent;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace Custodian.Modules.Marketplace.Sharing;

/// <summary>
/// Counts the views of share links in memory and adds them to the links every second (and before the list is read):
/// one update per link per second instead of one write per view, which under load queued on the records database.
/// </summary>
internal sealed class ShareLinkViews(IServiceScopeFactory scopes) : BackgroundService
{
    private readonly ConcurrentDictionary<Guid, (long Views, DateTime LastUsedUtc)> _pending = new();
    private readonly SemaphoreSlim _writing = new(1, 1);

    public void Count(Guid link, DateTime atUtc) =>
        _pending.AddOrUpdate(link, (1, atUtc), (_, seen) => (seen.Views + 1, atUtc > seen.LastUsedUtc ? atUtc : seen.LastUsedUtc));

    public async Task FlushAsync(CancellationToken cancellationToken)
    {
        if (_pending.IsEmpty)
        {
            return;
        }

        await _writing.WaitAsync(cancellationToken);
        try
        {
            await using var scope = scopes.CreateAsyncScope();
            var db = scope.ServiceProvider.GetRequiredService<MarketplaceDb>();
            foreach (var link in _pending.Keys)
            {
                if (_pending.TryRemove(link, out var seen))
                {
                    await db.ShareLinks.Where(l => l.Id == link).ExecuteUpdateAsync(
                        u => u.SetProperty(l => l.Views, l => l.Views + seen.Views).SetProperty(l => l.LastUsedAtUtc, l => l.LastUsedAtUtc > seen.LastUsedUtc ? l.LastUsedAtUtc : seen.LastUsedUtc), cancellationToken);
                }
            }
        }
        finally
        {
            _writing.Release();
        }
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(TimeSpan.FromSeconds(1));
        try
        {
            while (await timer.WaitForNextTickAsync(stoppingToken))
            {
                await FlushAsync(stoppingToken);
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            await FlushAsync(CancellationToken.None);
        }
    }

    public override void Dispose()
    {
        _writing.Dispose();
        base.Dispose();
    }
}
