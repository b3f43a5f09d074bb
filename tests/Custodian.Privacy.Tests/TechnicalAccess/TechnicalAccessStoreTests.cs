using System.Data.Common;
using System.Text.RegularExpressions;
using Custodian.Privacy.Abstractions.TechnicalAccess;
using Custodian.Privacy.Retention;
using Custodian.Privacy.TechnicalAccess;
using Custodian.Storage.Records;
using Custodian.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.Extensions.DependencyInjection;

namespace Custodian.Privacy.Tests.TechnicalAccess;

/// <summary>
/// The technical access store: visits kept for the period their register declares and no longer, and kept apart from
/// identity data — its context maps only its table, no other context maps it, no source names it elsewhere, and every
/// statement it runs touches that table alone.
/// </summary>
public sealed class TechnicalAccessStoreTests
{
    private const string Register = "marketplace-sellers"; // declares technical-access for 30 days

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Theory]
    [InlineData(Engine.Sqlite)]
    [InlineData(Engine.Postgres)]
    public async Task Visits_are_read_newest_first_and_go_when_their_declared_period_ends_touching_no_other_table(Engine engine)
    {
        var clock = new SettableClock(new DateTimeOffset(2026, 12, 1, 9, 0, 0, TimeSpan.Zero));
        var statements = new StatementLog();
        await using var host = await KernelHost.StartAsync(engine, clock, services => services.ConfigureDbContext<TechnicalAccessDb>(o => o.AddInterceptors(statements)));
        var start = clock.GetUtcNow();

        await RecordAsync(host, new TechnicalVisit(Register, "share-link:a", start, "198.51.100.7", "Browser\0With\u0001Controls", 200, 5120));
        await RecordAsync(host, new TechnicalVisit(Register, "share-link:a", start.AddDays(20), "2001:db8::1", new string('x', 2000), 410, 900));
        await RecordAsync(host, new TechnicalVisit(Register, "share-link:b", start.AddDays(1), null, null, 404, 300));

        var visits = await ReadAsync(host, "share-link:a");
        Assert.Equal([410, 200], visits.Select(v => v.Status));
        Assert.Equal("BrowserWithControls", visits[1].Browser);
        Assert.Equal(512, visits[0].Browser!.Length);
        Assert.Equal(5120, visits[1].Bytes);

        clock.Advance(TimeSpan.FromDays(32)); // the first two visits are past 30 days, the one of day 20 is not
        await using (var scope = host.Scope())
        {
            await scope.ServiceProvider.GetRequiredService<RetentionSweep>().RunAsync(null, Ct);
        }

        Assert.Equal([410], (await ReadAsync(host, "share-link:a")).Select(v => v.Status));
        Assert.Empty(await ReadAsync(host, "share-link:b"));

        var otherTables = OtherTables(host);
        Assert.NotEmpty(statements.Texts);
        Assert.Contains(statements.Texts, sql => sql.Contains("DELETE", StringComparison.OrdinalIgnoreCase) && sql.Contains(TechnicalAccessDb.Table, StringComparison.Ordinal));
        Assert.All(statements.Texts, sql => Assert.DoesNotContain(otherTables, t => Regex.IsMatch(sql, $@"\b{Regex.Escape(t)}\b")));
    }

    [Fact]
    public async Task Visits_under_a_register_that_declares_no_such_category_are_refused()
    {
        await using var host = await KernelHost.StartAsync(Engine.Sqlite);
        await Assert.ThrowsAsync<InvalidOperationException>(() => RecordAsync(host, new TechnicalVisit("training", "x", DateTimeOffset.UnixEpoch, null, null, 200, 0)));
        await Assert.ThrowsAsync<InvalidOperationException>(() => RecordAsync(host, new TechnicalVisit("no-such-register", "x", DateTimeOffset.UnixEpoch, null, null, 200, 0)));
    }

    [Fact]
    public async Task No_context_or_source_can_join_visits_with_identity_data()
    {
        await using var host = await KernelHost.StartAsync(Engine.Sqlite);
        var migrator = host.Get<DatabaseMigrator>();
        await using var scope = host.Scope();
        foreach (var type in migrator.ContextTypes)
        {
            var model = ((DbContext)scope.ServiceProvider.GetRequiredService(type)).Model;
            var tables = model.GetEntityTypes().Select(e => e.GetTableName()).ToList();
            if (type == typeof(TechnicalAccessDb))
            {
                var entity = Assert.Single(model.GetEntityTypes());
                Assert.Equal(TechnicalAccessDb.Table, entity.GetTableName());
                Assert.Empty(entity.GetForeignKeys());
                Assert.Empty(entity.GetNavigations());
            }
            else
            {
                Assert.DoesNotContain(TechnicalAccessDb.Table, tables);
            }
        }

        Assert.Contains(typeof(TechnicalAccessDb), migrator.ContextTypes);
        var root = RepositoryRoot();
        var naming = Directory.EnumerateFiles(Path.Combine(root, "src"), "*.cs", SearchOption.AllDirectories)
            .Where(f => !f.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}", StringComparison.Ordinal) && !f.Contains($"{Path.DirectorySeparatorChar}bin{Path.DirectorySeparatorChar}", StringComparison.Ordinal))
            .Where(f => File.ReadAllText(f).Contains(TechnicalAccessDb.Table, StringComparison.Ordinal))
            .Select(f => Path.GetRelativePath(root, f).Replace('\\', '/'))
            .ToList();
        Assert.All(naming, f => Assert.StartsWith("src/Custodian.Privacy/TechnicalAccess/", f, StringComparison.Ordinal));
        Assert.All(Directory.EnumerateFiles(Path.Combine(root, "src"), "*.cs", SearchOption.AllDirectories)
            .Where(f => !f.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}", StringComparison.Ordinal))
            .Where(f => !f.Contains($"Custodian.Privacy{Path.DirectorySeparatorChar}TechnicalAccess{Path.DirectorySeparatorChar}", StringComparison.Ordinal) && !f.EndsWith("PrivacyKernel.cs", StringComparison.Ordinal)),
            f => Assert.DoesNotContain("TechnicalAccessDb", File.ReadAllText(f), StringComparison.Ordinal));
    }

    private static List<string> OtherTables(KernelHost host)
    {
        using var scope = host.Scope();
        return [.. host.Get<DatabaseMigrator>().ContextTypes.Where(t => t != typeof(TechnicalAccessDb))
            .SelectMany(t => ((DbContext)scope.ServiceProvider.GetRequiredService(t)).Model.GetEntityTypes().Select(e => e.GetTableName()!))
            .Distinct()];
    }

    private static string RepositoryRoot()
    {
        for (var folder = new DirectoryInfo(AppContext.BaseDirectory); folder is not null; folder = folder.Parent)
        {
            if (File.Exists(Path.Combine(folder.FullName, "Custodian.slnx")))
            {
                return folder.FullName;
            }
        }

        throw new InvalidOperationException("The repository root (Custodian.slnx) is not above the test's folder.");
    }

    private static async Task RecordAsync(KernelHost host, TechnicalVisit visit)
    {
        await using var scope = host.Scope();
        await scope.ServiceProvider.GetRequiredService<ITechnicalAccessLog>().RecordAsync(visit, Ct);
    }

    private static async Task<IReadOnlyList<TechnicalVisit>> ReadAsync(KernelHost host, string resource)
    {
        await using var scope = host.Scope();
        return await scope.ServiceProvider.GetRequiredService<ITechnicalAccessLog>().ReadAsync(resource, DateTimeOffset.MinValue, 100, Ct);
    }

    /// <summary>Every statement run through the store's context (migrations included, which create only its table).</summary>
    private sealed class StatementLog : DbCommandInterceptor
    {
        private readonly System.Collections.Concurrent.ConcurrentQueue<string> _texts = new();

        public IReadOnlyCollection<string> Texts => [.. _texts.Where(t => !t.Contains("__EFMigrationsHistory", StringComparison.Ordinal) && !t.Contains("__EFMigrationsLock", StringComparison.Ordinal) && !t.StartsWith("PRAGMA", StringComparison.OrdinalIgnoreCase) && !t.Contains("pg_", StringComparison.Ordinal) && !t.Contains("sqlite_master", StringComparison.Ordinal))];

        public override ValueTask<InterceptionResult<DbDataReader>> ReaderExecutingAsync(DbCommand command, CommandEventData eventData, InterceptionResult<DbDataReader> result, CancellationToken cancellationToken = default)
        {
            _texts.Enqueue(command.CommandText);
            return base.ReaderExecutingAsync(command, eventData, result, cancellationToken);
        }

        public override ValueTask<InterceptionResult<int>> NonQueryExecutingAsync(DbCommand command, CommandEventData eventData, InterceptionResult<int> result, CancellationToken cancellationToken = default)
        {
            _texts.Enqueue(command.CommandText);
            return base.NonQueryExecutingAsync(command, eventData, result, cancellationToken);
        }

        public override ValueTask<InterceptionResult<object>> ScalarExecutingAsync(DbCommand command, CommandEventData eventData, InterceptionResult<object> result, CancellationToken cancellationToken = default)
        {
            _texts.Enqueue(command.CommandText);
            return base.ScalarExecutingAsync(command, eventData, result, cancellationToken);
        }
    }
}
