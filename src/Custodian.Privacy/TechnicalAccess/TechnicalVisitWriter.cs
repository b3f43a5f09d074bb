using System.Threading.Channels;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Custodian.Privacy.TechnicalAccess;

/// <summary>
/// Writes recorded visits in batches (one insert of up to 500 every few milliseconds) instead of one transaction per
/// request: under load, per-request writes queued on the records database's single writer. A visit can be lost only
/// if the process dies within that moment; reads flush first, so they see every visit recorded before them.
/// </summary>
internal sealed partial class TechnicalVisitWriter(IServiceScopeFactory scopes, ILogger<TechnicalVisitWriter> logger) : BackgroundService
{
    private const int BatchSize = 500;

    private readonly Channel<TechnicalVisitRecord> _queue = Channel.CreateBounded<TechnicalVisitRecord>(new BoundedChannelOptions(100_000) { FullMode = BoundedChannelFullMode.DropWrite });
    private readonly SemaphoreSlim _writing = new(1, 1);

    public void Enqueue(TechnicalVisitRecord visit)
    {
        if (!_queue.Writer.TryWrite(visit))
        {
            Dropped(logger);
        }
    }

    /// <summary>Writes everything queued so far.</summary>
    public async Task FlushAsync(CancellationToken cancellationToken)
    {
        while (_queue.Reader.Count > 0)
        {
            await WriteBatchAsync(cancellationToken);
        }
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        try
        {
            while (await _queue.Reader.WaitToReadAsync(stoppingToken))
            {
                try
                {
                    await WriteBatchAsync(stoppingToken);
                }
                catch (Exception e) when (e is not OperationCanceledException and not OutOfMemoryException)
                {
                    NotWritten(logger, e.GetType().Name);
                    await Task.Delay(TimeSpan.FromSeconds(1), stoppingToken);
                }
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            await FlushAsync(CancellationToken.None); // what was queued at shutdown
        }
    }

    private async Task WriteBatchAsync(CancellationToken cancellationToken)
    {
        await _writing.WaitAsync(cancellationToken);
        try
        {
            var batch = new List<TechnicalVisitRecord>(BatchSize);
            while (batch.Count < BatchSize && _queue.Reader.TryRead(out var visit))
            {
                batch.Add(visit);
            }

            if (batch.Count == 0)
            {
                return;
            }

            await using var scope = scopes.CreateAsyncScope();
            var db = scope.ServiceProvider.GetRequiredService<TechnicalAccessDb>();
            db.Visits.AddRange(batch);
            await db.SaveChangesAsync(cancellationToken);
        }
        finally
        {
            _writing.Release();
        }
    }

    public override void Dispose()
    {
        _writing.Dispose();
        base.Dispose();
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "The technical access queue is full; a visit was not recorded.")]
    private static partial void Dropped(ILogger logger);

    [LoggerMessage(Level = LogLevel.Warning, Message = "A batch of visits was not written to the technical access store ({Error}); retrying.")]
    private static partial void NotWritten(ILogger logger, string error);
}
