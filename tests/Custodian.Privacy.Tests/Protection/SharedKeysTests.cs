using System.Security.Cryptography;
using Custodian.Privacy.Abstractions.Audit;
using Custodian.Privacy.Abstractions.Identifiers;
using Custodian.Privacy.Abstractions.Protection;
using Custodian.Privacy.Audit;
using Custodian.Privacy.Protection;
using Custodian.Storage;
using Custodian.Testing;
using Custodian.Web.Platform;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Time.Testing;

namespace Custodian.Privacy.Tests.Protection;

/// <summary>Several instances, one records database, one master key: the keys they share (ADR 0016).</summary>
public sealed class SharedKeysTests
{
    private static readonly FieldAddress Email = new("training_enrolments", "email", "row-1");

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Theory]
    [InlineData(Engine.Postgres)]
    [InlineData(Engine.Sqlite)]
    public async Task Two_instances_with_the_same_master_key_open_each_others_data_indexes_and_checkpoints(Engine engine)
    {
        await using var database = SharedDatabase.Create(engine);
        var master = RandomNumberGenerator.GetBytes(32);
        var first = await database.InstanceAsync(args: database.MasterKeyFile(master));
        var second = await database.InstanceAsync(args: SharedDatabase.MasterKeyVariable(master));
        var subject = SubjectId.New();

        var sealedValue = await first.Get<IPersonalDataVault>().SealAsync(KeyScope.Subject(subject), Email, "anna@example.fi", Ct);
        await first.Get<IAuditLog>().AppendAsync(new AuditEvent("account:1", "read", subject, "guidance", "client-work"), Ct);
        await first.Get<AuditLog>().CheckpointAsync(Ct);

        Assert.Equal("anna@example.fi", (await second.Get<IPersonalDataVault>().OpenAsync(sealedValue, Email, Ct)).Value);
        Assert.Equal(first.Get<IPersonalDataVault>().BlindIndex("email", "anna@example.fi"), second.Get<IPersonalDataVault>().BlindIndex("email", "anna@example.fi"));
        await using var scope = second.Scope();
        var verification = await scope.ServiceProvider.GetRequiredService<AuditVerifier>().VerifyAsync(null, Ct);
        Assert.True(verification.Intact, verification.Problem);
        Assert.Equal(1, verification.Checkpoints);
        Assert.IsType<SharedKeys>(second.Get<IKeyProvider>());
        Assert.False(Directory.Exists(Path.Combine(second.DataPath, "keys")), "no key folder: the keys are the shared ones");
    }

    [Theory]
    [InlineData(Engine.Postgres)]
    [InlineData(Engine.Sqlite)]
    public async Task Instances_starting_at_once_end_up_with_one_set_of_shared_keys(Engine engine)
    {
        await using var database = SharedDatabase.Create(engine);
        var host = await database.InstanceAsync();
        var scopes = host.Get<IServiceScopeFactory>();
        for (var round = 0; round < 3; round++)
        {
            await using (var clean = host.Scope())
            {
                await clean.ServiceProvider.GetRequiredService<PrivacyDb>().SharedKeys.ExecuteDeleteAsync(Ct);
            }

            using var master = MasterKey.Create();
            using var gate = new Barrier(6);
            var opened = await Task.WhenAll(Enumerable.Range(0, 6).Select(_ => Task.Run(() =>
            {
                gate.SignalAndWait(Ct);
                return SharedKeys.Open(scopes, master, TimeProvider.System, TimeSpan.FromMinutes(1), localFolder: null);
            }, Ct)));

            await using var read = host.Scope();
            var stored = await read.ServiceProvider.GetRequiredService<PrivacyDb>().SharedKeys.AsNoTracking().ToListAsync(Ct);
            Assert.Equal(["audit-signing/1", "blind-index/1", "kek/1"], stored.Select(k => $"{k.Purpose}/{k.Version}").Order(StringComparer.Ordinal));
            Assert.Single(opened.Select(k => Convert.ToBase64String(k.BlindIndexKey)).Distinct());
            var wrapped = opened[0].Wrap(new byte[32], "ad"u8, out var version);
            Assert.All(opened, keys => Assert.Equal(new byte[32], keys.Unwrap(version, wrapped, "ad"u8)));
            foreach (var keys in opened)
            {
                keys.Dispose();
            }
        }
    }

    [Fact]
    public async Task An_instance_with_another_master_key_refuses_to_start_with_one_line_naming_the_setting()
    {
        await using var database = SharedDatabase.Create(Engine.Postgres);
        var first = await database.InstanceAsync(args: SharedDatabase.MasterKeyVariable(RandomNumberGenerator.GetBytes(32)));
        _ = first.Get<IKeyProvider>();
        var wrongKey = RandomNumberGenerator.GetBytes(32);

        var error = await Assert.ThrowsAnyAsync<Exception>(() => database.InstanceAsync(started: true, SharedDatabase.MasterKeyVariable(wrongKey)));

        var message = StartupFailure.Explain(error);
        Assert.Equal(
            "CUSTODIAN_MASTER_KEY: the master key does not open the shared keys stored in the records database (privacy_shared_keys): "
            + "the audit-signing v1 entry does not open (another master key, or the entry was changed). Give every instance the master key the first one started with.",
            message);
        Assert.DoesNotContain(Convert.ToBase64String(wrongKey), message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_web_host_exits_with_1_when_the_master_key_does_not_open_the_shared_keys()
    {
        await using var database = SharedDatabase.Create(Engine.Sqlite);
        _ = (await database.InstanceAsync(args: SharedDatabase.MasterKeyVariable(RandomNumberGenerator.GetBytes(32)))).Get<IKeyProvider>();
        using var data = new TemporaryFolder();

        var exitCode = await StartupFailure.RunAsync(() => Web.Program.Build([
            "--contentRoot=" + Path.Combine(Repository.Src, "Custodian.Web"),
            "--Storage:DataDirectory=" + data.Path,
            "--Privacy:RegistersPath=" + Path.Combine(Repository.Root, "registers"),
            .. QuietHost.Args,
            "--Database:ConnectionString=" + database.ConnectionString,
            "--urls=http://127.0.0.1:0",
            database.MasterKeyFile(RandomNumberGenerator.GetBytes(32)),
        ]), Ct);

        Assert.Equal(1, exitCode);
    }

    [Fact]
    public async Task An_instance_without_a_master_key_refuses_to_start_next_to_shared_keys()
    {
        await using var database = SharedDatabase.Create(Engine.Sqlite);
        _ = (await database.InstanceAsync(args: SharedDatabase.MasterKeyVariable(RandomNumberGenerator.GetBytes(32)))).Get<IKeyProvider>();

        var error = await Assert.ThrowsAnyAsync<Exception>(() => database.InstanceAsync(started: true));

        Assert.Equal(
            "Privacy:MasterKeyFile: the records database holds shared keys (privacy_shared_keys), but this instance has no master key; "
            + "give it the one the other instances have (Privacy:MasterKeyFile or CUSTODIAN_MASTER_KEY).",
            StartupFailure.Explain(error));
    }

    [Fact]
    public async Task A_second_instance_with_a_key_folder_of_its_own_refuses_to_start_instead_of_failing_every_read()
    {
        await using var database = SharedDatabase.Create(Engine.Postgres);
        var first = await database.InstanceAsync();
        await first.Get<IPersonalDataVault>().SealAsync(KeyScope.Subject(SubjectId.New()), Email, "anna@example.fi", Ct);

        var error = await Assert.ThrowsAnyAsync<Exception>(() => database.InstanceAsync(started: true));

        var message = StartupFailure.Explain(error);
        Assert.StartsWith("Privacy:KeysPath: the keys in '", message, StringComparison.Ordinal);
        Assert.Contains("do not open the data keys stored in the records database: their key-encryption key v1 does not open the data keys stored in the records database (another instance or installation made them)", message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_first_instance_with_a_master_key_brings_in_the_key_folder_that_made_the_stored_data()
    {
        await using var database = SharedDatabase.Create(Engine.Sqlite);
        var single = await database.InstanceAsync();
        var sealedValue = await single.Get<IPersonalDataVault>().SealAsync(KeyScope.Subject(SubjectId.New()), Email, "anna@example.fi", Ct);
        var index = single.Get<IPersonalDataVault>().BlindIndex("email", "anna@example.fi");
        var master = RandomNumberGenerator.GetBytes(32);

        var converted = await database.InstanceAsync(args: [SharedDatabase.MasterKeyVariable(master), "--Privacy:KeysPath=" + Path.Combine(single.DataPath, "keys")]);
        _ = converted.Get<IKeyProvider>();
        var another = await database.InstanceAsync(args: SharedDatabase.MasterKeyVariable(master));

        Assert.Equal("anna@example.fi", (await another.Get<IPersonalDataVault>().OpenAsync(sealedValue, Email, Ct)).Value);
        Assert.Equal(index, another.Get<IPersonalDataVault>().BlindIndex("email", "anna@example.fi"));
    }

    [Fact]
    public async Task A_master_key_on_an_empty_key_folder_next_to_stored_data_stores_nothing_and_refuses()
    {
        await using var database = SharedDatabase.Create(Engine.Sqlite);
        var single = await database.InstanceAsync();
        await single.Get<IPersonalDataVault>().SealAsync(KeyScope.Subject(SubjectId.New()), Email, "anna@example.fi", Ct);

        var error = await Assert.ThrowsAnyAsync<Exception>(() => database.InstanceAsync(started: true, SharedDatabase.MasterKeyVariable(RandomNumberGenerator.GetBytes(32))));

        Assert.StartsWith("CUSTODIAN_MASTER_KEY: no shared keys exist yet, but the records database holds data keys and the key folder '", StartupFailure.Explain(error), StringComparison.Ordinal);
        await using var scope = single.Scope();
        Assert.False(await scope.ServiceProvider.GetRequiredService<PrivacyDb>().SharedKeys.AnyAsync(Ct));
    }

    [Theory]
    [InlineData(Engine.Postgres)]
    [InlineData(Engine.Sqlite)]
    public async Task A_rotation_on_one_instance_is_seen_by_the_other(Engine engine)
    {
        await using var database = SharedDatabase.Create(engine);
        var master = SharedDatabase.MasterKeyVariable(RandomNumberGenerator.GetBytes(32));
        var first = await database.InstanceAsync(args: [master, "--Privacy:SharedKeysRefresh=00:00:00"]);
        var second = await database.InstanceAsync(args: [master, "--Privacy:SharedKeysRefresh=00:00:00"]);
        var anna = KeyScope.Subject(SubjectId.New());
        var before = await first.Get<IPersonalDataVault>().SealAsync(anna, Email, "anna@example.fi", Ct);
        _ = second.Get<IKeyProvider>();

        await first.Get<KeyRotation>().RotateAsync(retirePrevious: false, null, Ct);
        var after = await first.Get<IPersonalDataVault>().SealAsync(anna, Email, "anna@example.org", Ct);

        Assert.Equal(2, second.Get<IKeyProvider>().CurrentKekVersion);
        var fresh = second.Services.CreateAsyncScopeFromNewRing();
        Assert.Equal("anna@example.org", (await fresh.Vault.OpenAsync(after, Email, Ct)).Value);

        var report = await first.Get<KeyRotation>().RotateAsync(retirePrevious: true, null, Ct);

        Assert.Equal([1, 2], report.RetiredKekVersions);
        Assert.Equal([3], second.Get<IKeyProvider>().KekVersions);
        var afterRetirement = second.Services.CreateAsyncScopeFromNewRing();
        Assert.Equal("anna@example.fi", (await afterRetirement.Vault.OpenAsync(before, Email, Ct)).Value);
        Assert.Equal("anna@example.org", (await afterRetirement.Vault.OpenAsync(after, Email, Ct)).Value);
    }

    [Fact]
    public async Task A_kek_version_added_elsewhere_opens_at_once_and_becomes_current_after_the_refresh_interval()
    {
        await using var database = SharedDatabase.Create(Engine.Sqlite);
        var host = await database.InstanceAsync();
        var scopes = host.Get<IServiceScopeFactory>();
        using var master = MasterKey.Create();
        var clock = new FakeTimeProvider();
        using var here = SharedKeys.Open(scopes, master, clock, TimeSpan.FromMinutes(1), localFolder: null);
        using var elsewhere = SharedKeys.Open(scopes, master, clock, TimeSpan.FromMinutes(1), localFolder: null);

        var added = elsewhere.AddKekVersion();
        var wrapped = elsewhere.Wrap(new byte[32], "ad"u8, out var version);

        Assert.Equal(2, added);
        Assert.Equal(2, version);
        Assert.Equal(1, KekVersionWithoutLookingAgain(here));
        Assert.Equal(new byte[32], here.Unwrap(2, wrapped, "ad"u8));
        clock.Advance(TimeSpan.FromMinutes(1));
        Assert.Equal(2, here.CurrentKekVersion);

        static int KekVersionWithoutLookingAgain(SharedKeys keys)
        {
            keys.Wrap(new byte[32], "ad"u8, out var current);
            return current;
        }
    }

    [Fact]
    public async Task Resealing_under_a_new_master_key_lets_only_the_new_key_open_the_shared_keys()
    {
        await using var database = SharedDatabase.Create(Engine.Postgres);
        var oldKey = RandomNumberGenerator.GetBytes(32);
        var newKey = RandomNumberGenerator.GetBytes(32);
        var first = await database.InstanceAsync(args: SharedDatabase.MasterKeyVariable(oldKey));
        var sealedValue = await first.Get<IPersonalDataVault>().SealAsync(KeyScope.Subject(SubjectId.New()), Email, "anna@example.fi", Ct);
        using var replacement = MasterKey.FromBytes(newKey, MasterKey.EnvironmentVariable);

        Assert.Equal(3, ((SharedKeys)first.Get<IKeyProvider>()).ResealUnder(replacement));

        var withNew = await database.InstanceAsync(args: SharedDatabase.MasterKeyVariable(newKey));
        Assert.Equal("anna@example.fi", (await withNew.Get<IPersonalDataVault>().OpenAsync(sealedValue, Email, Ct)).Value);
        var withOld = await database.InstanceAsync(args: SharedDatabase.MasterKeyVariable(oldKey));
        Assert.Throws<SettingProblemException>(() => withOld.Get<IKeyProvider>());
    }

    [Fact]
    public async Task The_keys_health_check_fails_when_the_keys_no_longer_open_the_stored_data_keys()
    {
        await using var database = SharedDatabase.Create(Engine.Sqlite);
        var host = await database.InstanceAsync(args: SharedDatabase.MasterKeyVariable(RandomNumberGenerator.GetBytes(32)));
        await host.Get<IPersonalDataVault>().SealAsync(KeyScope.Subject(SubjectId.New()), Email, "anna@example.fi", Ct);
        var check = new KeysHealthCheck(host.Services);

        Assert.Equal(HealthStatus.Healthy, (await check.CheckHealthAsync(new HealthCheckContext(), Ct)).Status);

        await using (var scope = host.Scope())
        {
            await scope.ServiceProvider.GetRequiredService<PrivacyDb>().DataKeys.ExecuteUpdateAsync(k => k.SetProperty(r => r.Wrapped, new byte[60]), Ct);
        }

        var broken = await check.CheckHealthAsync(new HealthCheckContext(), Ct);
        Assert.Equal(HealthStatus.Unhealthy, broken.Status);
        Assert.Equal("The keys do not open the stored data keys: their key-encryption key v1 does not open the data keys stored in the records database.", broken.Description);
    }
}
