using Custodian.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;
using Microsoft.Extensions.DependencyInjection;

namespace Custodian.Modules.Guidance.Tests;

/// <summary>The module's own access list, from before the kernel's access trail, is carried over by the migration that drops it.</summary>
public sealed class AccessTrailMigrationTests
{
    private const string BeforeTheTrail = "20261207064554_GuidanceAppointments";

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Theory]
    [InlineData(RecordsProvider.Sqlite)]
    [InlineData(RecordsProvider.Postgres)]
    public async Task Views_listed_by_the_module_before_the_trail_are_in_the_clients_trail_after_the_migration(RecordsProvider records)
    {
        await using var world = await GuidanceWorld.StartAsync(records);
        var client = await world.CreateClientAsync();
        var viewedAt = new DateTime(2026, 11, 30, 10, 15, 0, DateTimeKind.Utc);
        await world.InScopeAsync(async sp =>
        {
            var db = sp.GetRequiredService<GuidanceDb>();
            await db.GetService<IMigrator>().MigrateAsync(BeforeTheTrail, Ct);
            await db.Database.ExecuteSqlAsync($"INSERT INTO guidance_access_log (id, client_id, viewed_at, organisation, role, what) VALUES ({Guid.NewGuid()}, {client}, {viewedAt}, {"TE-palvelut Helsinki"}, {"SendingOrganisation"}, {"assessments"})", Ct);
            await db.Database.ExecuteSqlAsync($"INSERT INTO guidance_access_log (id, client_id, viewed_at, organisation, role, what) VALUES ({Guid.NewGuid()}, {client}, {viewedAt.AddHours(1)}, {"Custodian Valmennus Oy"}, {"TeamLead"}, {"basic data"})", Ct);
            await db.Database.MigrateAsync(Ct);
            await db.GetService<IMigrator>().MigrateAsync(BeforeTheTrail, Ct); // down and up again: nothing lost or doubled
            await db.Database.MigrateAsync(Ct);
        });

        var trail = await world.TrailAsync(client);

        Assert.Equal(
            [("Custodian Valmennus Oy", "team-lead", "basic data", viewedAt.AddHours(1)), ("TE-palvelut Helsinki", "sending-organisation", "assessments", viewedAt)],
            trail.Select(v => (v.Organisation, v.Role, v.What, v.ViewedAtUtc)));
        Assert.All(trail, v => Assert.True(v.Sequence < 0));
        Assert.All(trail, v => Assert.Equal("guidance", v.Register));
    }
}
