using System.Threading.Channels;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Custodian.Modules.Training.SignIn;

/// <summary>
/// The sign-in form only hands the address over: <see cref="TrainingSignInMailer"/> looks the person up and mails off
/// the request path, so the answer takes the same time whether or not the address is known. Bounded and in memory on
/// purpose: a request lost in a restart is asked again, and no address waits anywhere on disk.
/// </summary>
internal sealed partial class TrainingSignInQueue(IOptions<TrainingSignInOptions> options, ILogger<TrainingSignInQueue> log)
{
    private readonly Channel<(string Email, string Language)> _requests = Channel.CreateBounded<(string, string)>(
        new BoundedChannelOptions(options.Value.QueueCapacity) { SingleReader = true, FullMode = BoundedChannelFullMode.Wait });

    internal ChannelReader<(string Email, string Language)> Reader => _requests.Reader;

    public void Enqueue(string email, string language)
    {
        if (!_requests.Writer.TryWrite((email, language)))
        {
            LogFull(log, options.Value.QueueCapacity);
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Training sign-in link request dropped: {Capacity} requests are waiting already")]
    private static partial void LogFull(ILogger logger, int capacity);
}

/// <summary>Mails the links the sign-in form asked for, one after the other.</summary>
internal sealed partial class TrainingSignInMailer(TrainingSignInQueue queue, IServiceScopeFactory scopes, ILogger<TrainingSignInMailer> log) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        await foreach (var (email, language) in queue.Reader.ReadAllAsync(stoppingToken))
        {
            try
            {
                await using var scope = scopes.CreateAsyncScope();
                await scope.ServiceProvider.GetRequiredService<TrainingSignInLinks>().SendAsync(email, language, stoppingToken);
            }
            catch (Exception e) when (!stoppingToken.IsCancellationRequested)
            {
                LogNotSent(log, e.GetType().Name); // the type only: messages may name the server or the address
            }
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "A requested training sign-in link was not mailed ({Error})")]
    private static partial void LogNotSent(ILogger logger, string error);
}
