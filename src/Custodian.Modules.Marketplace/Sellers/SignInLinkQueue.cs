using System.Threading.Channels;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Custodian.Modules.Marketplace.Sellers;

/// <summary>
/// The sign-in form's way to a link: the page only hands the address over and answers, and
/// <see cref="SignInLinkMailer"/> looks the seller up and mails off the request path, so the answer takes the same
/// time whether or not the address is a seller's (and never waits for the mail server). Bounded: when it is full the
/// request is dropped and the answer is still the same. In memory on purpose: a request lost in a restart is asked
/// again, and no address waits anywhere on disk.
/// </summary>
internal sealed partial class SignInLinkQueue(IOptions<SignInLinkOptions> options, ILogger<SignInLinkQueue> log)
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

    [LoggerMessage(Level = LogLevel.Warning, Message = "Sign-in link request dropped: {Capacity} requests are waiting for the mailer already")]
    private static partial void LogFull(ILogger logger, int capacity);
}

/// <summary>Mails the links the sign-in form asked for, one request after the other, on every instance that takes requests.</summary>
internal sealed partial class SignInLinkMailer(SignInLinkQueue queue, IServiceScopeFactory scopes, ILogger<SignInLinkMailer> log) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        await foreach (var (email, language) in queue.Reader.ReadAllAsync(stoppingToken))
        {
            try
            {
                await using var scope = scopes.CreateAsyncScope();
                await scope.ServiceProvider.GetRequiredService<SellerSignInLinks>().SendAsync(email, language, stoppingToken);
            }
            catch (Exception e) when (!stoppingToken.IsCancellationRequested)
            {
                LogNotSent(log, e.GetType().Name); // the type only: messages may name the server or the address
            }
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "A requested sign-in link was not mailed ({Error})")]
    private static partial void LogNotSent(ILogger logger, string error);
}
