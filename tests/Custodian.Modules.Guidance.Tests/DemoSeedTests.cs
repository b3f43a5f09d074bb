using Custodian.Modules.Guidance.Demo;
using Custodian.Modules.Guidance.Programmes;
using Custodian.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Custodian.Modules.Guidance.Tests;

/// <summary>The demo data: one programme per controller variant, each with its staff and a fictional client.</summary>
public sealed class DemoSeedTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task The_demo_has_a_programme_of_the_provider_and_one_of_a_city_and_seeding_again_adds_nothing()
    {
        await using var host = await CustodianHost.Builder().WithClock(GuidanceWorld.Start).BuildAsync(Ct);
        await using var scope = host.Scope();
        var seed = scope.ServiceProvider.GetRequiredService<GuidanceDemoSeed>();

        var first = await seed.SeedAsync(Ct);
        var again = await seed.SeedAsync(Ct);

        var db = scope.ServiceProvider.GetRequiredService<GuidanceDb>();
        var programmes = await db.Programmes.OrderBy(p => p.Register).Select(p => new { p.Register, p.Controller }).ToListAsync(Ct);
        Assert.Equal((2, 0), (first, again));
        Assert.Equal(["guidance", "guidance-city"], programmes.Select(p => p.Register));
        Assert.Equal("Esimerkin kaupunki", programmes[1].Controller);
        Assert.Equal(2, await db.Clients.CountAsync(Ct));
        Assert.Equal(2, await db.Appointments.CountAsync(a => a.BookedBy == "staff-demo.office", Ct));
        Assert.Equal(2, await db.Assignments.CountAsync(a => a.Role == GuidanceRole.ControllerAdmin, Ct));
    }
}
