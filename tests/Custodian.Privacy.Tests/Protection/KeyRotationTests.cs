using Custodian.Privacy.Abstractions.Audit;
using Custodian.Privacy.Abstractions.Protection;
using Custodian.Privacy.Audit;
using Custodian.Privacy.Protection;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace Custodian.Privacy.Tests.Protection;

/// <summary><c>custodian keys rotate</c>, with and without destroying the previous key-encryption keys.</summary>
public sealed class KeyRotationTests
{
    private static readonly FieldAddress Email = new("training_enrolments", "email", "row-1");

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_rotation_that_keeps_the_old_kek_reports_it_and_is_audited_as_a_rotation()
    {
        await using var host = await KernelHost.StartAsync(Engine.Sqlite);
        var values = await SealInTwoScopesAsync(host);
        var progress = new List<int>();

        var report = await host.Get<KeyRotation>().RotateAsync(retirePrevious: false, new SynchronousProgress<int>(progress.Add), Ct);

        Assert.Equal((2, 2, 2), (report.KekVersion, report.ScopesRotated, report.KeysRewrapped));
        Assert.Empty(report.RetiredKekVersions);
        Assert.Equal([2], progress);
        Assert.Equal([1, 2], host.Get<IKeyProvider>().KekVersions);
        Assert.Equal(["keys.rotate"], await RotationAuditAsync(host));
        await AssertReadableAfterRestartAsync(host, values);
    }

    [Fact]
    public async Task A_rotation_that_retires_destroys_every_older_kek_and_is_audited_as_such()
    {
        await using var host = await KernelHost.StartAsync(Engine.Sqlite);
        var values = await SealInTwoScopesAsync(host);
        await host.Get<KeyRotation>().RotateAsync(retirePrevious: false, null, Ct);

        var report = await host.Get<KeyRotation>().RotateAsync(retirePrevious: true, null, Ct);

        Assert.Equal(3, report.KekVersion);
        Assert.Equal(2, report.ScopesRotated);
        Assert.Equal(4, report.KeysRewrapped); // the two older data-key versions of each scope
        Assert.Equal([1, 2], report.RetiredKekVersions);
        Assert.Equal([3], host.Get<IKeyProvider>().KekVersions);
        await using (var scope = host.Scope())
        {
            Assert.All(await scope.ServiceProvider.GetRequiredService<PrivacyDb>().DataKeys.AsNoTracking().ToListAsync(Ct), k => Assert.Equal(3, k.KekVersion));
        }

        Assert.Equal(["keys.rotate", "keys.rotate+retire"], await RotationAuditAsync(host));
        var entry = Assert.Single(await AuditAsync(host), e => e.Action == "keys.rotate+retire");
        Assert.Equal(host.Get<ICurrentActor>().Actor, entry.Actor);
        Assert.Null(entry.Subject);
        await AssertReadableAfterRestartAsync(host, values);
    }

    // With shared keys another instance wraps new data keys with the previous KEK until it looks for a newer one:
    // retiring waits that long and re-wraps what was made meanwhile, or those keys would be lost with the old KEK.
    [Fact]
    public async Task Retiring_shared_keks_waits_for_the_other_instances_and_rewraps_the_keys_they_made_meanwhile()
    {
        await using var database = SharedDatabase.Create(Engine.Sqlite);
        var host = await database.InstanceAsync();
        var scopes = host.Get<IServiceScopeFactory>();
        var (audit, actor) = (host.Get<IAuditLog>(), host.Get<ICurrentActor>()); // the host's own keys: resolved before shared keys exist
        using var master = MasterKey.Create();
        var clock = new FakeTimeProvider();
        using var here = SharedKeys.Open(scopes, master, clock, TimeSpan.FromMinutes(1), localFolder: null);
        using var elsewhere = SharedKeys.Open(scopes, master, clock, TimeSpan.FromMinutes(1), localFolder: null);
        var ring = new KeyRing(scopes, here, clock);
        var vault = new PersonalDataVault(ring, here, audit, actor);
        var anna = await vault.SealAsync(KeyScope.Subject(SubjectId.New()), Email, "anna@example.fi", Ct);

        var rotation = new KeyRotation(here, ring, new DataProtectionKeyStore(scopes, () => here, []), audit, actor, clock).RotateAsync(retirePrevious: true, null, Ct);
        await WaitUntilAsync(async () => rotation.IsCompleted || await AllWrappedByAsync(scopes, 2));
        Assert.False(rotation.IsCompleted); // waiting for the other instances
        var elsewhereVault = new PersonalDataVault(new KeyRing(scopes, elsewhere, clock), elsewhere, audit, actor);
        var ben = await elsewhereVault.SealAsync(KeyScope.Subject(SubjectId.New()), Email, "ben@example.fi", Ct);
        Assert.False(await AllWrappedByAsync(scopes, 2)); // the other instance still wraps with v1
        await WaitUntilAsync(() =>
        {
            clock.Advance(TimeSpan.FromSeconds(5));
            return Task.FromResult(rotation.IsCompleted);
        });
        var report = await rotation;

        Assert.Equal([1], report.RetiredKekVersions);
        Assert.Equal(2, report.KeysRewrapped); // anna's first data key, then ben's
        Assert.True(await AllWrappedByAsync(scopes, 2));
        using var restarted = SharedKeys.Open(scopes, master, clock, TimeSpan.FromMinutes(1), localFolder: null);
        var fresh = new PersonalDataVault(new KeyRing(scopes, restarted, clock), restarted, audit, actor);
        Assert.Equal([2], restarted.KekVersions);
        Assert.Equal("anna@example.fi", (await fresh.OpenAsync(anna, Email, Ct)).Value);
        Assert.Equal("ben@example.fi", (await fresh.OpenAsync(ben, Email, Ct)).Value);
    }

    private static async Task<List<(KeyScope Scope, Encrypted<string> Value)>> SealInTwoScopesAsync(KernelHost host)
    {
        var vault = host.Get<IPersonalDataVault>();
        var values = new List<(KeyScope, Encrypted<string>)>();
        foreach (var scope in new[] { KeyScope.Subject(SubjectId.New()), KeyScope.Purpose("training", "marketing") })
        {
            values.Add((scope, await vault.SealAsync(scope, Email, scope.Value, Ct)));
        }

        return values;
    }

    private static async Task AssertReadableAfterRestartAsync(KernelHost host, List<(KeyScope Scope, Encrypted<string> Value)> values)
    {
        await using var restarted = host.Services.CreateAsyncScopeFromNewRing();
        foreach (var (scope, value) in values)
        {
            Assert.Equal(scope.Value, (await restarted.Vault.OpenAsync(value, Email, Ct)).Value);
        }
    }

    private static async Task<bool> AllWrappedByAsync(IServiceScopeFactory scopes, int kekVersion)
    {
        await using var scope = scopes.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<PrivacyDb>().DataKeys.AllAsync(k => k.KekVersion == kekVersion, Ct);
    }

    private static async Task WaitUntilAsync(Func<Task<bool>> condition)
    {
        var patience = TimeProvider.System.GetTimestamp();
        while (!await condition())
        {
            Assert.True(TimeProvider.System.GetElapsedTime(patience) < TimeSpan.FromSeconds(30), "gave up waiting");
            await Task.Delay(20, Ct);
        }
    }

    private static async Task<List<string>> RotationAuditAsync(KernelHost host) =>
        [.. (await AuditAsync(host)).Select(e => e.Action).Where(a => a.StartsWith("keys.", StringComparison.Ordinal))];

    private static async Task<IReadOnlyList<AuditEntryRecord>> AuditAsync(KernelHost host)
    {
        await using var scope = host.Scope();
        return await scope.ServiceProvider.GetRequiredService<AuditReader>().ReadAsync(1, null, Ct);
    }

    private sealed class SynchronousProgress<T>(Action<T> report) : IProgress<T>
    {
        public void Report(T value) => report(value);
    }
}
