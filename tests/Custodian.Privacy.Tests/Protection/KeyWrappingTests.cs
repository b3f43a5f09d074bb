using System.Security.Cryptography;
using Custodian.Privacy.Abstractions.Protection;
using Custodian.Privacy.Protection;
using Custodian.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Custodian.Privacy.Tests.Protection;

/// <summary>
/// The small pieces under the data keys: how a data key is wrapped by a KEK, how a shared key is sealed under the
/// master key, which stored data key an instance's keys must open, the <c>keys</c> health check, and KEK retirement.
/// </summary>
public sealed class KeyWrappingTests
{
    private static readonly FieldAddress Email = new("training_enrolments", "email", "row-1");

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public void Wrapping_one_data_key_twice_draws_two_nonces_and_both_unwrap()
    {
        using var kek = new AesGcm(RandomNumberGenerator.GetBytes(32), 16);
        var dataKey = RandomNumberGenerator.GetBytes(32);

        var first = KekWrap.Wrap(kek, dataKey, "ad"u8);
        var second = KekWrap.Wrap(kek, dataKey, "ad"u8);

        Assert.Equal(12 + 16 + 32, first.Length);
        Assert.NotEqual(first[..12], second[..12]);
        Assert.NotEqual(new byte[12], first[..12]);
        Assert.Equal(dataKey, KekWrap.Unwrap(kek, first, "ad"u8));
        Assert.Equal(dataKey, KekWrap.Unwrap(kek, second, "ad"u8));
    }

    [Fact]
    public void A_wrapped_key_of_just_nonce_and_tag_unwraps_to_nothing_and_a_shorter_one_is_refused()
    {
        using var kek = new AesGcm(RandomNumberGenerator.GetBytes(32), 16);
        var wrapped = KekWrap.Wrap(kek, [], "ad"u8);

        Assert.Empty(KekWrap.Unwrap(kek, wrapped, "ad"u8));
        Assert.Equal("The wrapped data key is too short.", Assert.Throws<CryptographicException>(() => KekWrap.Unwrap(kek, wrapped.AsSpan(0, 27), "ad"u8)).Message);
    }

    [Fact]
    public void Sealing_one_shared_key_twice_draws_two_nonces()
    {
        var master = RandomNumberGenerator.GetBytes(32);
        var key = RandomNumberGenerator.GetBytes(32);

        var first = SharedKeyFormat.Seal(master, "kek", 1, key);
        var second = SharedKeyFormat.Seal(master, "kek", 1, key);

        Assert.NotEqual(first.AsSpan(1, 12).ToArray(), second.AsSpan(1, 12).ToArray());
        Assert.NotEqual(new byte[12], first.AsSpan(1, 12).ToArray());
        Assert.Equal(key, SharedKeyFormat.Open(master, "kek", 1, second));
    }

    [Fact]
    public async Task The_stored_data_key_every_instance_must_open_is_the_newest_under_the_newest_kek()
    {
        var clock = new Microsoft.Extensions.Time.Testing.FakeTimeProvider(DateTimeOffset.UtcNow);
        await using var host = await KernelHost.StartAsync(Engine.Sqlite);
        var keys = host.Get<IKeyProvider>();
        var ring = new KeyRing(host.Get<IServiceScopeFactory>(), keys, clock);
        await ring.CurrentAsync(KeyScope.Subject(SubjectId.New()), Ct);
        keys.AddKekVersion();
        clock.Advance(TimeSpan.FromMinutes(1));
        var newest = await ring.CurrentAsync(KeyScope.Subject(SubjectId.New()), Ct);
        clock.Advance(TimeSpan.FromMinutes(1));
        var older = await ring.CurrentAsync(KeyScope.Subject(SubjectId.New()), Ct);
        await using (var scope = host.Scope())
        {
            // the later key backdated: the newest is the one created last under the newest KEK, not the last inserted
            await scope.ServiceProvider.GetRequiredService<PrivacyDb>().DataKeys.Where(k => k.Id == older.Id)
                .ExecuteUpdateAsync(k => k.SetProperty(r => r.CreatedAtUtc, r => r.CreatedAtUtc.AddHours(-1)), Ct);
        }

        await using var read = host.Scope();
        var db = read.ServiceProvider.GetRequiredService<PrivacyDb>();

        Assert.Equal(newest.Id, StoredDataKeys.Newest(db)!.Id);
        Assert.Equal(newest.Id, (await StoredDataKeys.NewestAsync(db, Ct))!.Id);
    }

    [Fact]
    public async Task Keys_that_do_not_hold_the_kek_version_of_the_stored_data_key_are_told_so()
    {
        await using var host = await KernelHost.StartAsync(Engine.Sqlite);
        await host.Get<IPersonalDataVault>().SealAsync(KeyScope.Subject(SubjectId.New()), Email, "anna@example.fi", Ct);
        await using var scope = host.Scope();
        var stored = StoredDataKeys.Newest(scope.ServiceProvider.GetRequiredService<PrivacyDb>())!;
        using var folder = new TemporaryFolder();
        using var other = new LocalKeyFiles(folder.Path);
        other.AddKekVersion();
        other.RetireKekVersionsBefore(2);

        Assert.Null(StoredDataKeys.Problem(host.Get<IKeyProvider>(), stored));
        Assert.Null(StoredDataKeys.Problem(host.Get<IKeyProvider>(), null));
        Assert.Equal("they have no key-encryption key v1, which wrapped data keys stored in the records database", StoredDataKeys.Problem(other, stored));
        Assert.False(StoredDataKeys.Opens(new Dictionary<int, byte[]> { [2] = RandomNumberGenerator.GetBytes(32) }, stored));
        Assert.False(StoredDataKeys.Opens(new Dictionary<int, byte[]> { [1] = RandomNumberGenerator.GetBytes(32) }, stored));
    }

    [Fact]
    public async Task The_keys_health_check_names_the_kind_of_keys_and_reports_keys_that_cannot_be_used()
    {
        await using var local = await KernelHost.StartAsync(Engine.Sqlite);
        await using var database = SharedDatabase.Create(Engine.Sqlite);
        var shared = await database.InstanceAsync(args: SharedDatabase.MasterKeyVariable(RandomNumberGenerator.GetBytes(32)));
        await using var broken = await KernelHost.StartAsync(Engine.Sqlite, services => services.AddSingleton<IKeyProvider>(_ => throw new InvalidOperationException("no keys")));

        var localResult = await new KeysHealthCheck(local.Services).CheckHealthAsync(new HealthCheckContext(), Ct);
        var sharedResult = await new KeysHealthCheck(shared.Services).CheckHealthAsync(new HealthCheckContext(), Ct);
        var brokenResult = await new KeysHealthCheck(broken.Services).CheckHealthAsync(new HealthCheckContext(), Ct);

        Assert.Equal((HealthStatus.Healthy, "local key folder"), (localResult.Status, localResult.Description));
        Assert.Equal((HealthStatus.Healthy, "shared keys"), (sharedResult.Status, sharedResult.Description));
        Assert.Equal((HealthStatus.Unhealthy, "The keys cannot be used."), (brokenResult.Status, brokenResult.Description));
        Assert.Equal("no keys", brokenResult.Exception?.Message);
    }

    [Fact]
    public void A_retired_local_kek_is_gone_from_the_key_folder_too()
    {
        using var folder = new TemporaryFolder();
        using (var keys = new LocalKeyFiles(folder.Path))
        {
            Assert.Equal(2, keys.AddKekVersion());
            Assert.Equal(3, keys.AddKekVersion());
            keys.RetireKekVersionsBefore(3);
            Assert.Equal([3], keys.KekVersions);
        }

        using var restarted = new LocalKeyFiles(folder.Path);
        Assert.Equal([3], restarted.KekVersions);
        Assert.Equal(["kek-v0003.key"], Directory.EnumerateFiles(folder.Path, "kek-v*.key").Select(Path.GetFileName));
    }

    [Fact]
    public async Task Retiring_every_shared_kek_is_refused()
    {
        await using var database = SharedDatabase.Create(Engine.Sqlite);
        var host = await database.InstanceAsync(args: SharedDatabase.MasterKeyVariable(RandomNumberGenerator.GetBytes(32)));
        var keys = host.Get<IKeyProvider>();

        var error = Assert.Throws<InvalidOperationException>(() => keys.RetireKekVersionsBefore(2));

        Assert.Equal("No key-encryption key v2 or later exists; retiring every older one would leave none.", error.Message);
        Assert.Equal([1], keys.KekVersions);
    }

    [Fact]
    public void A_master_key_from_bytes_must_be_32_bytes_and_one_read_from_another_file_names_its_setting()
    {
        using var folder = new TemporaryFolder();
        var bytes = RandomNumberGenerator.GetBytes(32);
        File.WriteAllBytes(folder.File("new.key"), bytes);

        using var fromBytes = MasterKey.FromBytes(bytes, "--new-key");
        using var asConfigured = MasterKey.ReadFile(folder.File("new.key"), MasterKey.FileSetting);
        using var asOption = MasterKey.ReadFile(folder.File("new.key"), "--new-key");

        Assert.Equal(bytes, fromBytes.Key.ToArray());
        Assert.Equal("--new-key", fromBytes.Setting);
        Assert.Equal(MasterKey.FileSetting, asConfigured.Setting);
        Assert.Equal(bytes, asConfigured.Key.ToArray());
        Assert.Equal("--new-key", asOption.Setting);
        Assert.Equal(bytes, asOption.Key.ToArray());
        Assert.Equal("A master key is 32 bytes. (Parameter 'key')", Assert.Throws<ArgumentException>(() => MasterKey.FromBytes(new byte[31], "--new-key")).Message);
    }

    [Fact]
    public void A_master_key_file_of_the_wrong_length_names_the_file()
    {
        using var folder = new TemporaryFolder();
        File.WriteAllText(folder.File("short.key"), "c2hvcnQ=\n");
        var settings = new ConfigurationBuilder().AddInMemoryCollection([new(MasterKey.FileSetting, folder.File("short.key"))]).Build();

        var error = Assert.ThrowsAny<Exception>(() => MasterKey.Read(settings));

        Assert.Contains($"the master key file '{folder.File("short.key")}' holds 5 bytes", error.Message, StringComparison.Ordinal);
    }
}
