using Custodian.Privacy.Abstractions.Protection;
using Custodian.Privacy.Protection;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Storage;
using Microsoft.Extensions.DependencyInjection;

namespace Custodian.Privacy.Tests.Protection;

public sealed class ReencryptionTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Theory]
    [InlineData(Engine.Sqlite)]
    [InlineData(Engine.Postgres)]
    public async Task After_rotation_every_value_moves_to_the_new_key_in_batches_and_stays_readable(Engine engine)
    {
        await using var host = await KernelHost.StartAsync(engine, services => services.AddScoped<IEncryptedColumns, ProbeColumns>());
        var subjects = Enumerable.Range(0, 7).Select(_ => SubjectId.New()).ToList();
        await SeedAsync(host, subjects, rows: 45);
        await host.Get<KeyRotation>().RotateAsync(retirePrevious: true, null, Ct);
        var superseded = await host.Get<KeyRing>().SupersededKeyIdsAsync(Ct);
        Assert.Equal(7, superseded.Count);

        var reports = new List<Reencryption.Progress>();
        var moved = await host.Get<Reencryption>().RunAsync(batchSize: 10, new SynchronousProgress<Reencryption.Progress>(reports.Add), Ct);
        var again = await host.Get<Reencryption>().RunAsync(batchSize: 10, null, Ct);

        Assert.Equal(45, moved);
        Assert.Equal(0, again);
        Assert.Equal(5, reports.Count); // 10 + 10 + 10 + 10 + 5
        await using var scope = host.Scope();
        var vault = scope.ServiceProvider.GetRequiredService<IPersonalDataVault>();
        foreach (var row in await ProbeDb.Create(scope.ServiceProvider).Values.AsNoTracking().ToListAsync(Ct))
        {
            Assert.DoesNotContain(new Guid(row.Value.Ciphertext.AsSpan(1, 16)), superseded);
            Assert.Equal("value-" + row.Field, (await vault.OpenAsync(row.Value, Address(row), Ct)).Value);
        }
    }

    [Fact]
    public async Task An_interrupted_run_continues_from_its_stored_cursor()
    {
        await using var host = await KernelHost.StartAsync(Engine.Sqlite, services => services.AddScoped<IEncryptedColumns, ProbeColumns>());
        await SeedAsync(host, [SubjectId.New()], rows: 30);
        await host.Get<KeyRotation>().RotateAsync(retirePrevious: false, null, Ct);
        using var stop = new CancellationTokenSource();
        var batches = 0;

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => host.Get<Reencryption>().RunAsync(10, new SynchronousProgress<Reencryption.Progress>(_ =>
        {
            if (++batches == 2)
            {
                stop.Cancel();
            }
        }), stop.Token));
        ProbeColumns.Visited.Clear();
        var rest = await host.Get<Reencryption>().RunAsync(10, null, Ct);

        Assert.Equal(10, rest);
        Assert.Equal(10, ProbeColumns.Visited.Count); // only the rows after the cursor were read again
    }

    internal static FieldAddress Address(ProbeRow row) => new("probe_values", "value", row.Id.ToString());

    private static async Task SeedAsync(KernelHost host, IReadOnlyList<SubjectId> subjects, int rows)
    {
        await using var scope = host.Scope();
        var db = ProbeDb.Create(scope.ServiceProvider);
        await db.Database.GetService<IRelationalDatabaseCreator>().CreateTablesAsync(Ct);
        var vault = scope.ServiceProvider.GetRequiredService<IPersonalDataVault>();
        for (var i = 0; i < rows; i++)
        {
            var row = new ProbeRow { Id = Guid.CreateVersion7(), Field = i.ToString(System.Globalization.CultureInfo.InvariantCulture) };
            row.Value = await vault.SealAsync(KeyScope.Subject(subjects[i % subjects.Count]), Address(row), "value-" + row.Field, Ct);
            db.Values.Add(row);
        }

        await db.SaveChangesAsync(Ct);
    }

    private sealed class SynchronousProgress<T>(Action<T> report) : IProgress<T>
    {
        public void Report(T value) => report(value);
    }
}

/// <summary>How a module exposes a table with encrypted columns to re-encryption.</summary>
internal sealed class ProbeColumns(IServiceProvider services) : IEncryptedColumns
{
    public static readonly System.Collections.Concurrent.ConcurrentBag<Guid> Visited = [];

    public string Name => "probe_values";

    public async Task<ReencryptBatch> ReencryptAsync(IPersonalDataVault vault, string? after, int batchSize, CancellationToken cancellationToken)
    {
        await using var db = ProbeDb.Create(services);
        var start = after is null ? Guid.Empty : Guid.Parse(after);
        var rows = await db.Values.Where(r => r.Id.CompareTo(start) > 0).OrderBy(r => r.Id).Take(batchSize).ToListAsync(cancellationToken);
        var moved = 0;
        foreach (var row in rows)
        {
            Visited.Add(row.Id);
            if (await vault.ReencryptAsync(row.Value, ReencryptionTests.Address(row), cancellationToken) is { } fresh)
            {
                row.Value = fresh;
                moved++;
            }
        }

        await db.SaveChangesAsync(cancellationToken);
        return new ReencryptBatch(rows.Count, moved, rows.Count == 0 ? after : rows[^1].Id.ToString());
    }
}
