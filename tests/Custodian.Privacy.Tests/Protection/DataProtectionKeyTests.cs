using System.Collections.Concurrent;
using System.Net;
using System.Security.Claims;
using System.Security.Cryptography;
using System.Xml.Linq;
using Custodian.Privacy.Abstractions.Access;
using Custodian.Privacy.Abstractions.Consent;
using Custodian.Privacy.Abstractions.Protection;
using Custodian.Privacy.Consent;
using Custodian.Privacy.Protection;
using Custodian.Testing;
using Custodian.Web.Platform;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.DataProtection.KeyManagement;
using Microsoft.AspNetCore.DataProtection.Repositories;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Custodian.Privacy.Tests.Protection;

/// <summary>
/// The keys of cookies, antiforgery tokens and consent-withdrawal links are stored with their secrets wrapped by the
/// key-encryption key: a copy of the database does not give them away, rotation and resealing keep them readable,
/// several instances share them, and the keys an earlier version kept in clear move over without breaking links.
/// </summary>
public sealed class DataProtectionKeyTests
{
    private const string Unencrypted = "No XML encryptor configured";
    private const string Open = "200";
    private const string SentToSignIn = "redirect to /account/sign-in";
    private static readonly ConsentPurpose Marketing = new("training", "marketing");

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Theory]
    [InlineData(Engine.Sqlite)]
    [InlineData(Engine.Postgres)]
    public async Task A_copy_of_the_database_holds_no_key_material_and_a_cookie_forged_from_it_is_refused(Engine engine)
    {
        await using var database = SharedDatabase.Create(engine);
        var host = await database.InstanceAsync(started: true);
        var operatorSession = Principal(host, (await host.CreateClientForAsync(Roles.Operator, Ct)).CookieHeader); // the first sign-in makes the first key
        var stored = await StoredXmlAsync(host, "privacy_data_protection_keys");
        var key = Assert.Single(SecretsOf(host));

        Assert.All(stored, xml => Assert.DoesNotContain(XElement.Parse(xml).Descendants(), e => e.Name.LocalName is "masterKey" or "value"));
        Assert.Contains(stored, xml => XElement.Parse(xml).Descendants(DataProtectionKeySecret.Name).Any());
        var copy = await database.CopyAsync();
        Assert.True(RawDatabase.Contains(copy, key.Id.ToString()), "the copy must show the stored key rows");
        Assert.False(RawDatabase.Contains(copy, key.Secret), "the key's secret is in the copy of the database");
        using var attacker = KeyRingFrom(stored);
        Assert.Equal(SentToSignIn, await OperatorConsoleAsync(host, ForgeCookie(attacker.Provider, operatorSession, host.Clock)));
        // The same forgery with the key itself opens the console: the refusal above is the key's absence, nothing else.
        Assert.Equal(Open, await OperatorConsoleAsync(host, ForgeCookie(host.Get<IDataProtectionProvider>(), operatorSession, host.Clock)));
    }

    // The incident: keys stored as ASP.NET Core writes them by default. The test above is the same attack.
    [Fact]
    public async Task With_keys_stored_in_clear_a_cookie_forged_from_a_copy_of_the_database_opened_the_operator_console()
    {
        await using var database = SharedDatabase.Create(Engine.Sqlite);
        var log = new Warnings();
        var host = await database.InstanceAsync(services => { EarlierVersion(services); services.AddSingleton<ILoggerProvider>(log); }, started: true);
        var operatorSession = Principal(host, (await host.CreateClientForAsync(Roles.Operator, Ct)).CookieHeader);
        var stored = await StoredXmlAsync(host, "host_data_protection_keys");

        Assert.True(RawDatabase.Contains(await database.CopyAsync(), Assert.Single(SecretsOf(host)).Secret));
        using var attacker = KeyRingFrom(stored);
        Assert.Equal(Open, await OperatorConsoleAsync(host, ForgeCookie(attacker.Provider, operatorSession, host.Clock)));
        Assert.Contains(log.Messages, m => m.Contains(Unencrypted, StringComparison.Ordinal));
    }

    [Fact]
    public async Task Starting_and_making_the_first_key_logs_no_warning_about_keys_stored_unencrypted()
    {
        var log = new Warnings();
        await using var host = await CustodianHost.Builder().WithServices(s => s.AddSingleton<ILoggerProvider>(log)).Started().BuildAsync(Ct);

        await host.CreateClientForAsync(Roles.Operator, Ct);

        Assert.Single(SecretsOf(host));
        Assert.DoesNotContain(log.Messages, m => m.Contains(Unencrypted, StringComparison.Ordinal));
    }

    [Theory]
    [InlineData(Engine.Sqlite)]
    [InlineData(Engine.Postgres)]
    public async Task Keys_an_earlier_version_kept_in_clear_move_over_wrapped_and_links_mailed_before_still_open(Engine engine)
    {
        await using var database = SharedDatabase.Create(engine);
        string[] settings = [SharedDatabase.MasterKeyVariable(RandomNumberGenerator.GetBytes(32))]; // the operator's staff account keeps an encrypted secret both instances must open
        await MigrateAsync(database);
        var earlier = await database.InstanceAsync(EarlierVersion, started: true, settings);
        var cookie = (await earlier.CreateClientForAsync(Roles.Operator, Ct)).CookieHeader;
        var subject = SubjectId.New();
        var link = earlier.Get<ConsentLinks>().WithdrawToken(subject, Marketing);
        var key = Assert.Single(SecretsOf(earlier));
        Assert.True(RawDatabase.Contains(await database.CopyAsync(), key.Secret), "the earlier version keeps the key in clear");

        var upgraded = await database.InstanceAsync(started: true, settings);

        Assert.Empty(await StoredXmlAsync(upgraded, "host_data_protection_keys"));
        var stored = XElement.Parse(Assert.Single(await StoredXmlAsync(upgraded, "privacy_data_protection_keys")));
        Assert.Equal(key.Id, (Guid)stored.Attribute("id")!);
        Assert.Single(stored.Descendants(DataProtectionKeySecret.Name));
        var copy = await database.CopyAsync();
        Assert.True(RawDatabase.Contains(copy, key.Id.ToString()), "the copy must show the stored key rows");
        Assert.False(RawDatabase.Contains(copy, key.Secret), "the key's secret is still in the copy of the database");
        Assert.True(upgraded.Get<ConsentLinks>().TryRead(link, out var read, out var purpose));
        Assert.Equal((subject, Marketing), (read, purpose));
        Assert.Equal(Open, await OperatorConsoleAsync(upgraded, cookie));
    }

    [Theory]
    [InlineData(Engine.Sqlite)]
    [InlineData(Engine.Postgres)]
    public async Task Cookies_and_links_made_before_a_rotation_that_retires_the_old_kek_still_open_after_a_restart(Engine engine)
    {
        await using var database = SharedDatabase.Create(engine);
        string[] settings = [SharedDatabase.MasterKeyVariable(RandomNumberGenerator.GetBytes(32)), "--Privacy:SharedKeysRefresh=00:00:00"];
        await MigrateAsync(database);
        var host = await database.InstanceAsync(started: true, settings);
        var cookie = (await host.CreateClientForAsync(Roles.Operator, Ct)).CookieHeader;
        var subject = SubjectId.New();
        var link = host.Get<ConsentLinks>().WithdrawToken(subject, Marketing);

        var report = await host.Get<KeyRotation>().RotateAsync(retirePrevious: true, null, Ct);

        Assert.Equal((2, 1), (report.KekVersion, report.DataProtectionKeysRewrapped));
        Assert.Equal([1], report.RetiredKekVersions);
        var wrappedBy = (await StoredXmlAsync(host, "privacy_data_protection_keys")).SelectMany(xml => XElement.Parse(xml).Descendants(DataProtectionKeySecret.Name));
        Assert.All(wrappedBy, secret => Assert.Equal(2, DataProtectionKeySecret.KekVersionOf(secret)));
        var restarted = await database.InstanceAsync(started: true, settings);
        foreach (var instance in new[] { host, restarted })
        {
            Assert.True(instance.Get<ConsentLinks>().TryRead(link, out var read, out _));
            Assert.Equal(subject, read);
            Assert.Equal(Open, await OperatorConsoleAsync(instance, cookie));
        }
    }

    [Fact]
    public async Task Cookies_and_links_still_open_after_the_shared_keys_are_resealed_under_a_new_master_key()
    {
        await using var database = SharedDatabase.Create(Engine.Postgres);
        var newKey = RandomNumberGenerator.GetBytes(32);
        await MigrateAsync(database);
        var host = await database.InstanceAsync(started: true, SharedDatabase.MasterKeyVariable(RandomNumberGenerator.GetBytes(32)));
        var cookie = (await host.CreateClientForAsync(Roles.Operator, Ct)).CookieHeader;
        var subject = SubjectId.New();
        var link = host.Get<ConsentLinks>().WithdrawToken(subject, Marketing);
        using var replacement = MasterKey.FromBytes(newKey, MasterKey.EnvironmentVariable);

        ((SharedKeys)host.Get<IKeyProvider>()).ResealUnder(replacement);

        var withNewKey = await database.InstanceAsync(started: true, SharedDatabase.MasterKeyVariable(newKey));
        Assert.True(withNewKey.Get<ConsentLinks>().TryRead(link, out var read, out _));
        Assert.Equal(subject, read);
        Assert.Equal(Open, await OperatorConsoleAsync(withNewKey, cookie));
    }

    [Fact]
    public async Task Two_instances_on_one_postgresql_database_read_each_others_cookies_and_links()
    {
        await using var database = SharedDatabase.Create(Engine.Postgres);
        var master = SharedDatabase.MasterKeyVariable(RandomNumberGenerator.GetBytes(32));
        await MigrateAsync(database);
        var first = await database.InstanceAsync(started: true, master);
        var second = await database.InstanceAsync(started: true, master);
        var subject = SubjectId.New();

        var cookie = (await first.CreateClientForAsync(Roles.Operator, Ct)).CookieHeader;
        var link = second.Get<ConsentLinks>().WithdrawToken(subject, Marketing);

        Assert.Equal(Open, await OperatorConsoleAsync(second, cookie));
        Assert.True(first.Get<ConsentLinks>().TryRead(link, out var read, out _));
        Assert.Equal(subject, read);
        Assert.Single(await StoredXmlAsync(first, "privacy_data_protection_keys"));
    }

    /// <summary>
    /// An instance that only migrates the database: one started with a master key on an empty database refuses (its
    /// audit checkpointer opens the shared keys before the migrations run).
    /// </summary>
    private static Task MigrateAsync(SharedDatabase database) => database.InstanceAsync();

    /// <summary>The wiring before keys were wrapped: ASP.NET Core's own repository on the host's table, no encryptor.</summary>
    private static void EarlierVersion(IServiceCollection services)
    {
        services.AddDataProtection().PersistKeysToDbContext<HostDb>();
        services.PostConfigure<KeyManagementOptions>(options => options.XmlEncryptor = null);
    }

    private static async Task<List<string>> StoredXmlAsync(CustodianHost host, string table)
    {
        await using var scope = host.Scope();
#pragma warning disable EF1002 // test tables named by the test itself
        return await scope.ServiceProvider.GetRequiredService<PrivacyDb>().Database.SqlQueryRaw<string>($"SELECT xml AS \"Value\" FROM {table}").ToListAsync(Ct);
#pragma warning restore EF1002
    }

    /// <summary>Each key's id and its secret (the base64 text of its master key) as the host's own key ring holds them.</summary>
    private static List<(Guid Id, string Secret)> SecretsOf(CustodianHost host) =>
        [.. host.Get<IKeyManager>().GetAllKeys().Select(k => (k.KeyId, k.Descriptor.ExportToXml().SerializedDescriptorElement.Descendants("value").Single().Value))];

    /// <summary>The operators' requests page with <paramref name="cookie"/>: 200, or a redirect to sign in (its target).</summary>
    private static async Task<string> OperatorConsoleAsync(CustodianHost host, string cookie)
    {
        using var client = host.CreateRawClient();
        using var request = new HttpRequestMessage(HttpMethod.Get, "/operator/requests");
        request.Headers.Add("Cookie", cookie);
        using var response = await client.SendAsync(request, Ct);
        return response.StatusCode == HttpStatusCode.Redirect ? "redirect to " + response.Headers.Location?.AbsolutePath : ((int)response.StatusCode).ToString(System.Globalization.CultureInfo.InvariantCulture);
    }

    /// <summary>What the cookie handler would write for a signed-in operator, protected by <paramref name="protection"/>.</summary>
    /// <summary>
    /// An operator cookie minted with <paramref name="protection"/> for the claims of an open operator session (its
    /// account, roles and session token, as someone holding the key reads them out of any cookie they captured).
    /// </summary>
    private static string ForgeCookie(IDataProtectionProvider protection, ClaimsPrincipal session, TimeProvider clock)
    {
        var now = clock.GetUtcNow();
        var ticket = new AuthenticationTicket(session, new AuthenticationProperties { IssuedUtc = now, ExpiresUtc = now.AddHours(1) }, CookieAuthenticationDefaults.AuthenticationScheme);
        return "custodian.session=" + Tickets(protection).Protect(ticket);
    }

    /// <summary>The principal inside a session cookie header, read with the host's own keys.</summary>
    private static ClaimsPrincipal Principal(CustodianHost host, string cookieHeader)
    {
        var value = cookieHeader.Split(';').Select(c => c.Trim()).Single(c => c.StartsWith("custodian.session=", StringComparison.Ordinal))["custodian.session=".Length..];
        return Tickets(host.Get<IDataProtectionProvider>()).Unprotect(value)!.Principal;
    }

    private static TicketDataFormat Tickets(IDataProtectionProvider protection) =>
        new(protection.CreateProtector("Microsoft.AspNetCore.Authentication.Cookies.CookieAuthenticationMiddleware", CookieAuthenticationDefaults.AuthenticationScheme, "v2"));

    /// <summary>Data protection as someone with a copy of the database builds it: the stored rows, the application's name, no master key.</summary>
    private static CopiedKeyRing KeyRingFrom(IEnumerable<string> rows)
    {
        var services = new ServiceCollection().AddLogging();
        services.AddDataProtection().SetApplicationName("Custodian");
        var repository = new CopiedRows([.. rows.Select(xml => XElement.Parse(xml))]);
        services.Configure<KeyManagementOptions>(options => options.XmlRepository = repository);
        return new CopiedKeyRing(services.BuildServiceProvider());
    }

    private sealed class CopiedKeyRing(ServiceProvider services) : IDisposable
    {
        public IDataProtectionProvider Provider => services.GetRequiredService<IDataProtectionProvider>();

        public void Dispose() => services.Dispose();
    }

    private sealed class CopiedRows(List<XElement> elements) : IXmlRepository
    {
        public IReadOnlyCollection<XElement> GetAllElements() => [.. elements];

        public void StoreElement(XElement element, string friendlyName) => elements.Add(element);
    }

    /// <summary>The warnings a host logs.</summary>
    private sealed class Warnings : ILoggerProvider
    {
        private readonly ConcurrentQueue<string> _messages = new();

        public IReadOnlyCollection<string> Messages => _messages;

        public ILogger CreateLogger(string categoryName) => new Recorder(_messages);

        public void Dispose()
        {
        }

        private sealed class Recorder(ConcurrentQueue<string> messages) : ILogger
        {
            public IDisposable? BeginScope<TState>(TState state)
                where TState : notnull => null;

            public bool IsEnabled(LogLevel logLevel) => logLevel >= LogLevel.Warning;

            public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
            {
                if (IsEnabled(logLevel))
                {
                    messages.Enqueue(formatter(state, exception));
                }
            }
        }
    }
}
