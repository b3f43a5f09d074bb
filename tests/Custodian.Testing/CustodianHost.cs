using System.Net;
using Custodian.Simulators.Ozon;
using Custodian.Simulators.Smtp;
using Custodian.Simulators.Telegram;
using Custodian.Simulators.Wildberries;
using Custodian.Storage.Records;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;

namespace Custodian.Testing;

/// <summary>
/// The real composition (<c>Custodian.Web.Program.Build</c>) in a throwaway data folder, for every test project, the
/// browser tests and the benchmarks: one place for the arguments, the databases, the clock and the stand-ins.
/// Started hosts hand out clients, signed in as a role through the real sign-in links (<see cref="CreateClientForAsync"/>).
/// </summary>
public sealed class CustodianHost : IAsyncDisposable
{
    /// <summary>The "role" of a client that is not signed in.</summary>
    public const string Anonymous = "anonymous";

    private readonly HostResources _resources;
    private int _people;

    internal CustodianHost(WebApplication app, HostResources resources, TimeProvider clock)
    {
        App = app;
        _resources = resources;
        Clock = clock;
    }

    public static CustodianHostBuilder Builder() => new();

    /// <summary>Roles <see cref="CreateClientForAsync"/> can sign in as (each through its real sign-in flow); grows with the modules.</summary>
    public static IReadOnlyList<string> SignInRoles => RoleSignIns.Roles;

    public WebApplication App { get; }

    public IServiceProvider Services => App.Services;

    /// <summary>The host's clock: the one given to the builder (often a <see cref="SettableClock"/>), else the system's.</summary>
    public TimeProvider Clock { get; }

    /// <summary>The clock as a <see cref="SettableClock"/>, when the builder was given one.</summary>
    public SettableClock SettableClock => Clock as SettableClock ?? throw new InvalidOperationException("This host runs on the system clock; give the builder a SettableClock (WithClock).");

    public string DataPath => _resources.Data.Path;

    /// <summary>The records database on the test PostgreSQL server, when the host uses one.</summary>
    public string? PostgresConnectionString => _resources.Postgres;

    /// <summary>Where the host's mail goes (the SMTP stand-in).</summary>
    public SmtpSimulator Mail => _resources.Mail!;

    public WildberriesSimulator Wildberries => _resources.Wildberries ?? throw Missing("WithWildberries");

    public OzonSimulator Ozon => _resources.Ozon ?? throw Missing("WithOzon");

    public TelegramBotApiSimulator Telegram => _resources.Telegram ?? throw Missing("WithTelegramBot");

    public bool HasWildberries => _resources.Wildberries is not null;

    public bool HasOzon => _resources.Ozon is not null;

    public bool HasTelegram => _resources.Telegram is not null;

    /// <summary>The address clients use: Kestrel's loopback address, or http://localhost/ for the in-memory server.</summary>
    public Uri BaseAddress { get; private set; } = new("http://localhost/");

    private bool Started { get; set; }

    public Uri Url(string path) => new(BaseAddress, (path ?? string.Empty).TrimStart('/'));

    /// <summary>The path (with its token) of the newest link to <paramref name="path"/> mailed to <paramref name="address"/>.</summary>
    public string LinkIn(string address, string path) => RoleSignIns.LinkIn(this, address, path);

    public AsyncServiceScope Scope() => App.Services.CreateAsyncScope();

    /// <summary>Whether the server-side session behind a cookie's principal is still open (sign-out or a revocation ends it).</summary>
    public async Task<bool> IsSessionOpenAsync(System.Security.Claims.ClaimsPrincipal principal, CancellationToken cancellationToken) =>
        principal?.Identity?.IsAuthenticated == true
        && await App.Services.GetRequiredService<Identity.Sessions.ServerSessions>().AuthenticatedAtAsync(principal, cancellationToken) is not null;

    public T Get<T>()
        where T : notnull => App.Services.GetRequiredService<T>();

    /// <summary>A client that keeps its cookies and does not follow redirects (tests look at them).</summary>
    public CustodianClient CreateClient(Uri? baseAddress = null) => new(Handler(), new CookieContainer(), Anonymous) { BaseAddress = baseAddress ?? BaseAddress };

    /// <summary>A client that keeps its cookies, as a person at client address <paramref name="remote"/> (in-memory server only): for limits per client address.</summary>
    public CustodianClient CreateClientFrom(IPAddress remote) =>
        App.Services.GetRequiredService<IServer>() is TestServer server && Started
            ? new(server.CreateHandler(context => context.Connection.RemoteIpAddress = remote), new CookieContainer(), Anonymous) { BaseAddress = BaseAddress }
            : throw new InvalidOperationException("Client addresses are set on the started in-memory server only (Started(), not OnKestrel()).");

    /// <summary>A client with no cookie jar: each request carries exactly the headers the test gives it.</summary>
    public HttpClient CreateRawClient(Uri? baseAddress = null) => new(Handler()) { BaseAddress = baseAddress ?? BaseAddress };

    /// <summary>
    /// A client signed in as <paramref name="role"/> (or <see cref="Anonymous"/>) the way a person signs in: a new seller
    /// opens the sign-in link mailed to them, a team member the invitation link, an operator the link
    /// <c>custodian operators link</c> prints. The cookie is the real one.
    /// </summary>
    public async Task<CustodianClient> CreateClientForAsync(string role, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(role);
        var client = CreateClient();
        if (role == Anonymous)
        {
            return client;
        }

        try
        {
            await RoleSignIns.SignInAsync(this, client, role, Interlocked.Increment(ref _people), cancellationToken);
            client.Role = role;
            return client;
        }
        catch
        {
            client.Dispose();
            throw;
        }
    }

    internal async Task StartOrMigrateAsync(bool start, CancellationToken cancellationToken)
    {
        if (!start)
        {
            await App.Services.GetRequiredService<DatabaseMigrator>().MigrateAsync(cancellationToken);
            return;
        }

        await App.StartAsync(cancellationToken);
        Started = true;
        if (App.Services.GetRequiredService<IServer>() is not TestServer)
        {
            var address = App.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
            BaseAddress = new Uri(address.EndsWith('/') ? address : address + "/");
        }
    }

    private HttpMessageHandler Handler() =>
        !Started ? throw new InvalidOperationException("The host is not started: ask the builder for Started() to send it requests.")
        : App.Services.GetRequiredService<IServer>() is TestServer server ? server.CreateHandler()
        : new SocketsHttpHandler { UseCookies = false, AllowAutoRedirect = false };

    private static InvalidOperationException Missing(string call) => new($"This host has no such stand-in; ask the builder for {call}().");

    public async ValueTask DisposeAsync()
    {
        // The app first: its audit writer holds a connection until it stops.
        if (Started)
        {
            await App.StopAsync();
        }

        await App.DisposeAsync();
        await _resources.DisposeAsync();
    }
}

/// <summary>What a host owns besides the app: its data folder, database, and stand-ins, released after the app.</summary>
internal sealed class HostResources : IAsyncDisposable
{
    public TemporaryFolder Data { get; } = new();

    public string? Postgres { get; set; }

    public SmtpSimulator? Mail { get; set; }

    public WildberriesSimulator? Wildberries { get; set; }

    public OzonSimulator? Ozon { get; set; }

    public TelegramBotApiSimulator? Telegram { get; set; }

    public async ValueTask DisposeAsync()
    {
        foreach (var standIn in new IAsyncDisposable?[] { Wildberries, Ozon, Telegram, Mail })
        {
            if (standIn is not null)
            {
                await standIn.DisposeAsync();
            }
        }

        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        if (Postgres is { } database)
        {
            await PostgresDatabase.DropAsync(database);
        }

        Data.Dispose();
    }
}
