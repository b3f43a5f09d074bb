using Custodian.Testing.OpenId;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using OpenIddict.Abstractions;
using static OpenIddict.Abstractions.OpenIddictConstants;

namespace Custodian.Testing;

/// <summary>
/// An organisation's OpenID Connect provider on a loopback port (plain HTTP), built with OpenIddict: discovery, JWKS,
/// authorization (code flow only, PKCE with S256 required, response_mode query or form_post), token, userinfo and
/// end-session endpoints, one confidential client (<see cref="ClientId"/> / <see cref="ClientSecret"/>), RSA keys held
/// in memory only, and its stores in an in-memory SQLite database. The authorization endpoint shows a sign-in form
/// (<c>#oidc-username</c>, <c>#oidc-password</c>, <c>#oidc-sign-in</c>) for the people a test adds with
/// <see cref="AddUser"/>, or signs one in at once (<see cref="AutoApproveAs"/>). <see cref="Tamper"/> spoils the
/// id_token of token responses for negative tests.
/// </summary>
public sealed class LoopbackOpenIdProvider : IAsyncDisposable
{
    /// <summary>The application's OpenID Connect callback path for staff sign-in.</summary>
    public const string SignInCallbackPath = "/signin-oidc-staff";

    /// <summary>The application's callback path after the provider ended the session.</summary>
    public const string SignOutCallbackPath = "/signout-callback-oidc-staff";

    private static readonly string[] DefaultAmr = ["pwd", "mfa"];

    private static readonly (string ClientId, string ClientSecret) Client = ("custodian-staff", "loopback-staff-secret");

    private readonly WebApplication _app;
    private readonly SqliteConnection _keepDatabase;
    private readonly ProviderPeople _people;
    private readonly SemaphoreSlim _clientUpdates = new(1, 1);

    private LoopbackOpenIdProvider(WebApplication app, Uri authority, SqliteConnection keepDatabase, ProviderPeople people)
    {
        _app = app;
        Authority = authority;
        _keepDatabase = keepDatabase;
        _people = people;
    }

    /// <summary>The issuer, <c>http://127.0.0.1:{port}/</c>; discovery is at <see cref="MetadataAddress"/>.</summary>
    public Uri Authority { get; }

    public Uri MetadataAddress => new(Authority, ".well-known/openid-configuration");

    public Uri AuthorizationEndpoint => new(Authority, ProviderEndpoints.AuthorizationPath.TrimStart('/'));

    public Uri TokenEndpoint => new(Authority, ProviderEndpoints.TokenPath.TrimStart('/'));

    public Uri UserInfoEndpoint => new(Authority, ProviderEndpoints.UserInfoPath.TrimStart('/'));

    public Uri EndSessionEndpoint => new(Authority, ProviderEndpoints.EndSessionPath.TrimStart('/'));

    public Uri JwksUri => new(Authority, ProviderEndpoints.KeySetPath.TrimStart('/'));

    /// <summary>The one confidential client; it may ask for the scopes openid, profile and email.</summary>
    public string ClientId { get; } = Client.ClientId;

    /// <summary>The client's secret (client_secret_post or client_secret_basic at the token endpoint).</summary>
    public string ClientSecret { get; } = Client.ClientSecret;

    /// <summary>How the id_token of the next token responses is spoiled; <see cref="TokenTamper.None"/> by default.</summary>
    public TokenTamper Tamper
    {
        get => _people.Tamper;
        set => _people.Tamper = value;
    }

    /// <summary>
    /// Starts the provider on a free loopback port. With <paramref name="appBase"/>, the application's callbacks
    /// (<see cref="SignInCallbackPath"/>, <see cref="SignOutCallbackPath"/>) under it are allowed at once; otherwise call
    /// <see cref="AllowApplicationAsync"/> when the application's address is known. <paramref name="clock"/> dates the
    /// tokens (give the application's clock when it checks lifetimes against a fixed time).
    /// </summary>
    public static async Task<LoopbackOpenIdProvider> StartAsync(Uri? appBase = null, TimeProvider? clock = null, CancellationToken cancellationToken = default)
    {
        // FreePort's port can be taken before Kestrel binds it; the issuer needs the port before start, so try again.
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                var provider = await StartOnAsync(FreePort.Next(), clock, cancellationToken);
                if (appBase is not null)
                {
                    await provider.AllowApplicationAsync(appBase, cancellationToken);
                }

                return provider;
            }
            catch (IOException) when (attempt < 5)
            {
            }
        }
    }

    /// <summary>
    /// Adds a person who can sign in with <paramref name="preferredUsername"/> and <paramref name="password"/>. Their
    /// id_token carries sub, preferred_username, name, email, amr (default <c>["pwd","mfa"]</c>) and acr when given.
    /// </summary>
    public void AddUser(string subject, string preferredUsername, string name, string email, string password, IReadOnlyList<string>? amr = null, string? acr = null)
    {
        ArgumentException.ThrowIfNullOrEmpty(subject);
        ArgumentException.ThrowIfNullOrEmpty(preferredUsername);
        ArgumentNullException.ThrowIfNull(name);
        ArgumentNullException.ThrowIfNull(email);
        ArgumentNullException.ThrowIfNull(password);
        _people.Add(new OpenIdUser(subject, preferredUsername, name, email, password, amr ?? DefaultAmr, acr));
    }

    /// <summary>
    /// Signs the person with <paramref name="subject"/> in at the authorization endpoint without the form (for
    /// HttpClient tests); <see langword="null"/> shows the form again.
    /// </summary>
    public void AutoApproveAs(string? subject)
    {
        if (subject is not null && _people.Find(subject) is null)
        {
            throw new ArgumentException($"No user with subject '{subject}'; add them first (AddUser).", nameof(subject));
        }

        _people.AutoApproveSubject = subject;
    }

    /// <summary>Allows the application at <paramref name="appBase"/>: its sign-in and sign-out callbacks.</summary>
    public async Task AllowApplicationAsync(Uri appBase, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(appBase);
        await AllowRedirectUriAsync(new Uri(appBase, SignInCallbackPath), cancellationToken);
        await AllowPostLogoutRedirectUriAsync(new Uri(appBase, SignOutCallbackPath), cancellationToken);
    }

    /// <summary>Adds a redirect_uri the client may use (compared exactly, as OpenIddict does).</summary>
    public Task AllowRedirectUriAsync(Uri redirectUri, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(redirectUri);
        return UpdateClientAsync(descriptor => descriptor.RedirectUris.Add(redirectUri), cancellationToken);
    }

    /// <summary>Adds a post_logout_redirect_uri the end-session endpoint may send the browser back to.</summary>
    public Task AllowPostLogoutRedirectUriAsync(Uri postLogoutRedirectUri, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(postLogoutRedirectUri);
        return UpdateClientAsync(descriptor => descriptor.PostLogoutRedirectUris.Add(postLogoutRedirectUri), cancellationToken);
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
        await _keepDatabase.DisposeAsync();
        _clientUpdates.Dispose();
    }

    private static async Task<LoopbackOpenIdProvider> StartOnAsync(int port, TimeProvider? clock, CancellationToken cancellationToken)
    {
        var authority = new Uri($"http://127.0.0.1:{port}/");
        var people = new ProviderPeople();
        // A named shared in-memory database lives while one connection to it is open; each DbContext opens its own.
        var database = new SqliteConnection($"Data Source=loopback-openid-{Guid.NewGuid():N};Mode=Memory;Cache=Shared");
        WebApplication? app = null;
        try
        {
            await database.OpenAsync(cancellationToken);
            app = Build(authority, database.ConnectionString, people, clock);
            await CreateClientAsync(app.Services, cancellationToken);
            await app.StartAsync(cancellationToken);
            return new LoopbackOpenIdProvider(app, authority, database, people);
        }
        catch
        {
            if (app is not null)
            {
                await app.DisposeAsync();
            }

            await database.DisposeAsync();
            throw;
        }
    }

    private static WebApplication Build(Uri authority, string connectionString, ProviderPeople people, TimeProvider? clock)
    {
        var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions { ContentRootPath = AppContext.BaseDirectory });
        builder.WebHost.UseUrls(authority.GetLeftPart(UriPartial.Authority));
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?> { ["Logging:LogLevel:Default"] = "Warning" });
        builder.Logging.SetMinimumLevel(LogLevel.Warning);
        if (clock is not null)
        {
            builder.Services.AddSingleton(clock); // OpenIddict takes its clock from the container
        }

        builder.Services.AddDbContext<OpenIdStore>(options => options.UseSqlite(connectionString).UseOpenIddict());
        builder.Services.AddOpenIddict()
            .AddCore(core => core.UseEntityFrameworkCore().UseDbContext<OpenIdStore>())
            .AddServer(server =>
            {
                server.SetIssuer(authority)
                    .SetAuthorizationEndpointUris(ProviderEndpoints.AuthorizationPath.TrimStart('/'))
                    .SetTokenEndpointUris(ProviderEndpoints.TokenPath.TrimStart('/'))
                    .SetUserInfoEndpointUris(ProviderEndpoints.UserInfoPath.TrimStart('/'))
                    .SetEndSessionEndpointUris(ProviderEndpoints.EndSessionPath.TrimStart('/'))
                    .SetJsonWebKeySetEndpointUris(ProviderEndpoints.KeySetPath.TrimStart('/'))
                    .AllowAuthorizationCodeFlow()
                    .RequireProofKeyForCodeExchange()
                    .RegisterScopes(Scopes.Profile, Scopes.Email)
                    .AddSigningKey(ProcessKeys.Signing)
                    .AddEncryptionKey(ProcessKeys.Encryption)
                    .DisableAccessTokenEncryption()
                    .Configure(options => options.CodeChallengeMethods.Remove(CodeChallengeMethods.Plain));
                server.UseAspNetCore()
                    .DisableTransportSecurityRequirement()
                    .EnableAuthorizationEndpointPassthrough()
                    .EnableUserInfoEndpointPassthrough()
                    .EnableEndSessionEndpointPassthrough();
                AuthenticationMethods.Register(server);
                IdentityTokenTampering.Register(server, people);
            });

        var app = builder.Build();
        app.UseAuthentication();
        ProviderEndpoints.Map(app, people);
        return app;
    }

    private static async Task CreateClientAsync(IServiceProvider services, CancellationToken cancellationToken)
    {
        await using var scope = services.CreateAsyncScope();
        await scope.ServiceProvider.GetRequiredService<OpenIdStore>().Database.EnsureCreatedAsync(cancellationToken);
        var client = new OpenIddictApplicationDescriptor
        {
            ClientId = Client.ClientId,
            ClientSecret = Client.ClientSecret,
            ClientType = ClientTypes.Confidential,
            ApplicationType = ApplicationTypes.Web,
            DisplayName = "Custodian staff sign-in",
            Permissions =
            {
                Permissions.Endpoints.Authorization,
                Permissions.Endpoints.Token,
                Permissions.Endpoints.EndSession,
                Permissions.GrantTypes.AuthorizationCode,
                Permissions.ResponseTypes.Code,
                Permissions.Scopes.Profile,
                Permissions.Scopes.Email,
            },
            Requirements = { Requirements.Features.ProofKeyForCodeExchange },
        };
        await scope.ServiceProvider.GetRequiredService<IOpenIddictApplicationManager>().CreateAsync(client, cancellationToken);
    }

    private async Task UpdateClientAsync(Action<OpenIddictApplicationDescriptor> change, CancellationToken cancellationToken)
    {
        await _clientUpdates.WaitAsync(cancellationToken);
        try
        {
            await using var scope = _app.Services.CreateAsyncScope();
            var manager = scope.ServiceProvider.GetRequiredService<IOpenIddictApplicationManager>();
            var client = await manager.FindByClientIdAsync(ClientId, cancellationToken) ?? throw new InvalidOperationException("The client is missing from the provider's store.");
            var descriptor = new OpenIddictApplicationDescriptor();
            await manager.PopulateAsync(descriptor, client, cancellationToken);
            change(descriptor);
            await manager.UpdateAsync(client, descriptor, cancellationToken);
        }
        finally
        {
            _clientUpdates.Release();
        }
    }
}
