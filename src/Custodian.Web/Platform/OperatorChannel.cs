using System.CommandLine;
using System.Text;
using System.Text.Json;
using System.Threading.Channels;
using Custodian.Privacy.Abstractions.Access;
using Custodian.Privacy.Abstractions.Hosting;
using Microsoft.AspNetCore.Authentication;

namespace Custodian.Web.Platform;

/// <summary>
/// The operator channel (ADR 0014): while the service runs, the <c>custodian</c> command sends the modules' verbs here
/// and they run in this process, which alone holds the embedded analytics file (DuckDB admits one process) and the
/// marketplaces' rate-limit buckets. <c>POST /local/verbs</c> with <c>{"args": [...], "width": 80, "interactive": false}</c> answers a stream of
/// JSON lines: <c>{"out": text}</c>, <c>{"err": text}</c>, then <c>{"exit": code}</c>. Loopback callers with this run's
/// secret only (<see cref="OperatorChannelAuthentication"/>); not part of the public API, so not in the OpenAPI document.
/// </summary>
public static partial class OperatorChannel
{
    public const string Path = "/local/verbs";

    /// <summary>The authentication scheme and the policy of the channel: no cookie role passes it, only the secret.</summary>
    public const string Policy = "operator-channel";

    /// <summary>Longest command line the channel takes (arguments, characters each): verbs take a few short options.</summary>
    private const int MaxArgs = 64;
    private const int MaxArgLength = 4096;

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    // Frames go to the CLI, not into HTML: only what JSON itself needs is escaped.
    private static readonly JsonSerializerOptions FrameJson = new() { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    public static WebApplicationBuilder AddOperatorChannel(this WebApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.Services.AddSingleton<OperatorChannelSecret>();
        builder.Services.AddHostedService<PublishOperatorChannel>();
        builder.Services.AddAuthentication().AddScheme<AuthenticationSchemeOptions, OperatorChannelAuthentication>(Policy, displayName: null, _ => { });
        builder.Services.AddAuthorizationBuilder().AddPolicy(Policy, policy => policy.AddAuthenticationSchemes(Policy).RequireRole(Roles.Operator));
        return builder;
    }

    /// <param name="addCommands">Adds the verbs the channel runs (the modules' verbs, as the CLI adds them).</param>
    public static IEndpointRouteBuilder MapOperatorChannel(this IEndpointRouteBuilder endpoints, Action<Command, IVerbHost> addCommands)
    {
        ArgumentNullException.ThrowIfNull(endpoints);
        var services = endpoints.ServiceProvider; // verbs get the application's services, not the request's scope
        Func<HttpContext, Task<IResult>> run = context => RunAsync(context, services, addCommands);
        endpoints.MapPost(Path, run)
            .RequireAuthorization(Policy)
            .DisableAntiforgery()
            .ExcludeFromDescription();
        return endpoints;
    }

    /// <param name="User">The operating-system user who ran the CLI (the audit log names them for staff verbs).</param>
    private sealed record VerbRequest(string[]? Args, int? Width, bool? Interactive, string? User);

    private static async Task<IResult> RunAsync(HttpContext context, IServiceProvider services, Action<Command, IVerbHost> addCommands)
    {
        VerbRequest? request;
        try
        {
            request = await context.Request.ReadFromJsonAsync<VerbRequest>(Json, context.RequestAborted);
        }
        catch (Exception e) when (e is JsonException or InvalidOperationException or BadHttpRequestException)
        {
            return Results.Problem(title: "Not a verb request", detail: "Send JSON: {\"args\": [\"marketplace\", \"stats\", ...], \"width\": 80}.", statusCode: StatusCodes.Status400BadRequest);
        }

        if (request?.Args is not { Length: > 0 and <= MaxArgs } args || args.Any(a => a is null || a.Length > MaxArgLength))
        {
            return Results.Problem(title: "Not a verb request", detail: $"\"args\" must hold 1 to {MaxArgs} arguments of at most {MaxArgLength} characters.", statusCode: StatusCodes.Status400BadRequest);
        }

        var output = new FrameWriter("out");
        var error = new FrameWriter("err");
        var root = new RootCommand();
        addCommands(root, new ServiceVerbHost(services, output, error, Math.Clamp(request.Width ?? 80, 20, 1000), request.Interactive ?? false, request.User));
        var parsed = root.Parse(args);
        if (parsed.Errors.Count > 0)
        {
            // The CLI parsed the same words, so this is a CLI newer than the service (or a hand-made call).
            return Results.Problem(title: "Not a verb this service runs", detail: string.Join(" ", parsed.Errors.Select(e => e.Message)), statusCode: StatusCodes.Status400BadRequest);
        }

        return new VerbStream(parsed, output, error);
    }

    /// <summary>Runs the verb and streams what it writes, as it writes it, then its exit code.</summary>
    private sealed partial class VerbStream(ParseResult parsed, FrameWriter output, FrameWriter error) : IResult
    {
        public async Task ExecuteAsync(HttpContext httpContext)
        {
            var log = httpContext.RequestServices.GetRequiredService<ILogger<VerbStream>>();
            var verb = string.Join(' ', Words(parsed.CommandResult.Command));
            httpContext.Response.ContentType = "application/x-ndjson; charset=utf-8";
            httpContext.Response.Headers.CacheControl = "no-store";
            var frames = Channel.CreateUnbounded<string>(new UnboundedChannelOptions { SingleReader = true });
            output.Frames = error.Frames = frames.Writer;
            var pump = PumpAsync(frames.Reader, httpContext.Response, httpContext.RequestAborted);
            int exitCode;
            try
            {
                Task<int> running;
                // The verb runs as the CLI's would: outside this request (no signed-in actor, audited as the system; no request scope).
                using (ExecutionContext.SuppressFlow())
                {
                    running = Task.Run(() => parsed.InvokeAsync(new InvocationConfiguration { Output = output, Error = error, ProcessTerminationTimeout = null, EnableDefaultExceptionHandler = false }, httpContext.RequestAborted));
                }

                exitCode = await running;
            }
            catch (OperationCanceledException) when (httpContext.RequestAborted.IsCancellationRequested)
            {
                exitCode = VerbExit.Failed; // the operator pressed Ctrl+C; nobody reads the rest
            }
            catch (Exception e)
            {
                LogVerbFailed(log, verb, e);
                await error.WriteLineAsync(Storage.Unreachable.Explain(e) ?? $"The verb failed in the service ({e.GetType().Name}); the service's log has the details.");
                exitCode = VerbExit.Failed;
            }

            output.Flush();
            error.Flush();
            frames.Writer.TryWrite(JsonSerializer.Serialize(new { exit = exitCode }));
            frames.Writer.Complete();
            await pump;
            LogVerbRan(log, verb, exitCode);
        }

        private static IEnumerable<string> Words(Command command) =>
            command.Parents.OfType<Command>().Where(p => p is not RootCommand).SelectMany(Words).Append(command.Name);

        private static async Task PumpAsync(ChannelReader<string> frames, HttpResponse response, CancellationToken cancellationToken)
        {
            try
            {
                await foreach (var frame in frames.ReadAllAsync(CancellationToken.None))
                {
                    await response.WriteAsync(frame + "\n", cancellationToken);
                    await response.Body.FlushAsync(cancellationToken);
                }
            }
            catch (OperationCanceledException)
            {
                // The CLI went away; the verb sees the same cancellation.
            }
        }

        // The verb's words only (e.g. "marketplace stats"): its arguments may be e-mail addresses or keys.
        [LoggerMessage(Level = LogLevel.Information, Message = "Operator channel: {Verb} exited {ExitCode}")]
        private static partial void LogVerbRan(ILogger logger, string verb, int exitCode);

        [LoggerMessage(Level = LogLevel.Error, Message = "Operator channel: {Verb} failed")]
        private static partial void LogVerbFailed(ILogger logger, string verb, Exception exception);
    }

    /// <summary>The module verbs' host inside the service: its services as they are, the CLI's streams and terminal width.</summary>
    private sealed class ServiceVerbHost(IServiceProvider services, TextWriter output, TextWriter error, int width, bool interactive, string? user) : IVerbHost
    {
        public async Task<int> RunAsync(string moduleName, string[] hostArgs, Func<VerbContext, CancellationToken, Task<int>> verb, VerbNeeds needs, CancellationToken cancellationToken)
        {
            ArgumentNullException.ThrowIfNull(verb);
            if (!Modules.IsEnabled(services.GetRequiredService<IConfiguration>(), moduleName))
            {
                await error.WriteLineAsync($"The {moduleName} module is not enabled in this deployment (Modules:{moduleName}:Enabled).");
                return VerbExit.UsageError;
            }

            if (needs.HasFlag(VerbNeeds.ExternalServices) && services.GetService<DemoSimulatorHosts>() is { } standIns)
            {
                await standIns.EnsureStartedAsync(cancellationToken);
            }

            return await verb(new VerbContext(services, output, error, width, interactive, user), cancellationToken);
        }
    }

    /// <summary>A verb's stream as JSON-line frames: text goes out a line at a time (or when the verb flushes).</summary>
    private sealed class FrameWriter(string stream) : TextWriter
    {
        private readonly StringBuilder _pending = new();
        private readonly Lock _gate = new();

        public ChannelWriter<string>? Frames { get; set; }

        public override Encoding Encoding => Encoding.UTF8;

        public override void Write(char value)
        {
            lock (_gate)
            {
                _pending.Append(value);
                if (value == '\n')
                {
                    Send();
                }
            }
        }

        public override void Write(string? value)
        {
            lock (_gate)
            {
                _pending.Append(value);
                if (value?.Contains('\n', StringComparison.Ordinal) == true)
                {
                    Send();
                }
            }
        }

        public override void Write(char[] buffer, int index, int count) => Write(new string(buffer, index, count));

        public override void Flush()
        {
            lock (_gate)
            {
                Send();
            }
        }

        public override Task FlushAsync()
        {
            Flush();
            return Task.CompletedTask;
        }

        private void Send()
        {
            if (_pending.Length > 0 && Frames is { } frames)
            {
                frames.TryWrite(JsonSerializer.Serialize(new Dictionary<string, string> { [stream] = _pending.ToString() }, FrameJson));
                _pending.Clear();
            }
        }
    }
}
