using System.Net;
using System.Security.Claims;
using System.Security.Cryptography;
using System.Text;
using System.Text.Encodings.Web;
using Custodian.Privacy.Abstractions.Access;
using Custodian.Storage;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.Options;

namespace Custodian.Web.Platform;

/// <summary>The secret of this run of the service: 32 random bytes, new at every start, never logged.</summary>
internal sealed class OperatorChannelSecret
{
    private readonly byte[] _value = Encoding.ASCII.GetBytes(Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)).TrimEnd('=').Replace('+', '-').Replace('/', '_'));

    public string Value => Encoding.ASCII.GetString(_value);

    public bool Matches(string given) => CryptographicOperations.FixedTimeEquals(_value, Encoding.ASCII.GetBytes(given));
}

/// <summary>
/// Authenticates the CLI on the operator channel: a caller on loopback that presents this run's secret as a bearer
/// token (it read the secret from the 0600 file in the data folder, so it runs as the service's user or as root) is an
/// operator. Anyone else gets problem details: 403 when the call did not come from this machine (also when a proxy on
/// this machine forwarded it), 401 when the secret is missing or wrong. Cookies count for nothing here.
/// </summary>
internal sealed class OperatorChannelAuthentication(
    IOptionsMonitor<AuthenticationSchemeOptions> options, ILoggerFactory logger, UrlEncoder encoder, OperatorChannelSecret secret, IProblemDetailsService problems)
    : AuthenticationHandler<AuthenticationSchemeOptions>(options, logger, encoder)
{
    protected override Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        if (!IsLocal(Context))
        {
            return Task.FromResult(AuthenticateResult.Fail("The operator channel answers loopback callers only."));
        }

        var header = Request.Headers.Authorization.ToString();
        if (!header.StartsWith("Bearer ", StringComparison.Ordinal))
        {
            return Task.FromResult(AuthenticateResult.NoResult());
        }

        if (!secret.Matches(header["Bearer ".Length..].Trim()))
        {
            return Task.FromResult(AuthenticateResult.Fail("Wrong operator channel secret."));
        }

        var identity = new ClaimsIdentity([new Claim(ClaimTypes.Role, Roles.Operator)], Scheme.Name, ClaimTypes.Name, ClaimTypes.Role);
        return Task.FromResult(AuthenticateResult.Success(new AuthenticationTicket(new ClaimsPrincipal(identity), Scheme.Name)));
    }

    protected override Task HandleChallengeAsync(AuthenticationProperties properties) => IsLocal(Context)
        ? WriteAsync(StatusCodes.Status401Unauthorized, "Operator secret required", $"Send the secret the service wrote to {OperatorChannelFile.FileName} in its data folder as a bearer token (the custodian command does).")
        : NotLocalAsync();

    protected override Task HandleForbiddenAsync(AuthenticationProperties properties) => NotLocalAsync();

    private Task NotLocalAsync() =>
        WriteAsync(StatusCodes.Status403Forbidden, "Loopback callers only", "The operator channel runs verbs for the custodian command on the service's own machine; it does not answer other addresses or forwarded requests.");

    private async Task WriteAsync(int status, string title, string detail)
    {
        Response.StatusCode = status;
        if (status == StatusCodes.Status401Unauthorized)
        {
            Response.Headers.WWWAuthenticate = "Bearer";
        }

        await problems.WriteAsync(new ProblemDetailsContext
        {
            HttpContext = Context,
            ProblemDetails = { Status = status, Title = title, Detail = detail },
        });
    }

    /// <summary>
    /// A direct connection from this machine. A request a proxy passed on carries forwarding headers (or had them
    /// consumed by the forwarded-headers middleware, which leaves X-Original-For): it is not local, whatever its address.
    /// </summary>
    internal static bool IsLocal(HttpContext context) =>
        context.Connection.RemoteIpAddress is { } address
        && IPAddress.IsLoopback(address.IsIPv4MappedToIPv6 ? address.MapToIPv4() : address)
        && !context.Request.Headers.ContainsKey("X-Forwarded-For")
        && !context.Request.Headers.ContainsKey("X-Original-For")
        && !context.Request.Headers.ContainsKey("Forwarded");
}

/// <summary>
/// Publishes the channel once Kestrel listens (<see cref="OperatorChannelFile"/>): the first address the CLI can reach
/// over loopback plain HTTP; withdraws it when the service stops. In-process test servers listen nowhere and publish nothing.
/// </summary>
internal sealed partial class PublishOperatorChannel(
    IServer server, IHostApplicationLifetime lifetime, DataDirectory data, OperatorChannelSecret secret, ILogger<PublishOperatorChannel> log) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken)
    {
        lifetime.ApplicationStarted.Register(Publish);
        lifetime.ApplicationStopping.Register(() => OperatorChannelFile.Withdraw(data.Path, secret.Value));
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    private void Publish()
    {
        var addresses = server.Features.Get<IServerAddressesFeature>()?.Addresses ?? [];
        if (addresses.Count == 0)
        {
            return;
        }

        if (addresses.Select(LoopbackUrl).FirstOrDefault(u => u is not null) is not { } url)
        {
            LogNotPublished(log);
            return;
        }

        new OperatorChannelFile(url, secret.Value, Environment.ProcessId).Write(data.Path);
        LogPublished(log, url);
    }

    /// <summary>The loopback URL of a listening address (a wildcard or loopback host over plain HTTP), or null.</summary>
    internal static Uri? LoopbackUrl(string address)
    {
        // Kestrel reports wildcards as http://[::]:80, http://0.0.0.0:80 or http://+:80, which Uri does not parse.
        var normalised = address.Replace("://+:", "://0.0.0.0:", StringComparison.Ordinal).Replace("://*:", "://0.0.0.0:", StringComparison.Ordinal);
        if (!Uri.TryCreate(normalised, UriKind.Absolute, out var uri) || uri.Scheme != Uri.UriSchemeHttp)
        {
            return null;
        }

        var host = uri.Host switch
        {
            "localhost" or "0.0.0.0" or "[::]" => "127.0.0.1",
            var other when IPAddress.TryParse(other.Trim('[', ']'), out var ip) && IPAddress.IsLoopback(ip) => other,
            _ => null,
        };
        return host is null ? null : new UriBuilder(Uri.UriSchemeHttp, host, uri.Port).Uri;
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Operator channel for the custodian command at {Url}")]
    private static partial void LogPublished(ILogger logger, Uri url);

    [LoggerMessage(Level = LogLevel.Warning, Message = "No plain-HTTP address on loopback: the custodian command cannot reach this service and runs verbs in its own process")]
    private static partial void LogNotPublished(ILogger logger);
}
