using Custodian.Storage.Records;
using Custodian.Testing;
using Custodian.Web.Platform;
using Microsoft.AspNetCore.DataProtection.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Custodian.Web.Tests;

/// <summary>One migration set, every DbContext of the app, both engines: an empty database ends up current.</summary>
public sealed class MigrationTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task The_migrations_upgrade_an_empty_sqlite_database()
    {
        using var data = new TemporaryFolder();
        await AssertMigrationsUpgradeEmptyDatabase(["--Storage:DataDirectory=" + data.Path]);
    }

    [Fact]
    public async Task The_same_migrations_upgrade_an_empty_postgresql_database()
    {
        using var data = new TemporaryFolder();
        var connectionString = PostgresDatabase.NewConnectionString("migrate");
        await AssertMigrationsUpgradeEmptyDatabase([
            "--Storage:DataDirectory=" + data.Path,
            "--Database:Provider=Postgres",
            "--Database:ConnectionString=" + connectionString,
        ]);
    }

    private static async Task AssertMigrationsUpgradeEmptyDatabase(string[] args)
    {
        await using var app = Program.Build(args);
        var migrator = app.Services.GetRequiredService<DatabaseMigrator>();
        Assert.Contains(typeof(HostDb), migrator.ContextTypes);
        // The kernel first: a module's migration may move rows into a kernel table (the guidance access trail does).
        Assert.Equal(typeof(Custodian.Privacy.PrivacyDb), migrator.ContextTypes[0]);
        try
        {
            var first = await migrator.MigrateAsync(Ct);
            var second = await migrator.MigrateAsync(Ct);

            Assert.All(first, report => Assert.NotEmpty(report.Applied));
            Assert.All(second, report => Assert.Empty(report.Applied));
            foreach (var contextType in migrator.ContextTypes)
            {
                await using var scope = app.Services.CreateAsyncScope();
                var context = (DbContext)scope.ServiceProvider.GetRequiredService(contextType);
                Assert.Empty(await context.Database.GetPendingMigrationsAsync(Ct));
                // A model change without a migration (or a provider-specific one) shows up here on either engine.
                Assert.False(context.Database.HasPendingModelChanges(), $"{contextType.Name} has model changes without a migration");
            }

            await using var write = app.Services.CreateAsyncScope();
            var host = write.ServiceProvider.GetRequiredService<HostDb>();
            host.DataProtectionKeys.Add(new DataProtectionKey { FriendlyName = "k1", Xml = "<key/>" });
            host.DataProtectionKeys.Add(new DataProtectionKey { FriendlyName = "k2", Xml = "<key/>" });
            await host.SaveChangesAsync(Ct);
            Assert.Equal(2, await host.DataProtectionKeys.Select(k => k.Id).Distinct().CountAsync(Ct));
        }
        finally
        {
            await using var scope = app.Services.CreateAsyncScope();
            if (app.Services.GetRequiredService<DatabaseSettings>().Provider == DatabaseProvider.Postgres)
            {
                await scope.ServiceProvider.GetRequiredService<HostDb>().Database.EnsureDeletedAsync(Ct);
            }
        }
    }
}
