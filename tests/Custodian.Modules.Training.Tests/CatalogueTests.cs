using Custodian.Modules.Training.Catalogue;
using Custodian.Modules.Training.Demo;
using Custodian.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Custodian.Modules.Training.Tests;

/// <summary>The catalogue: card types as data with their validity, courses, sessions, and the public list of upcoming sessions.</summary>
public sealed class CatalogueTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Theory]
    [InlineData(RecordsProvider.Sqlite)]
    [InlineData(RecordsProvider.Postgres)]
    public async Task Upcoming_sessions_list_card_type_place_and_seats_left_and_leave_out_past_and_cancelled_ones(RecordsProvider records)
    {
        await using var world = await TrainingWorld.StartAsync(records, capacity: 12);
        await world.InScopeAsync(async sp =>
        {
            var catalogue = sp.GetRequiredService<ManageCatalogue>();
            await catalogue.AddSessionAsync(new ManageCatalogue.SessionInput(world.Course, new DateTime(2026, 12, 1, 6, 0, 0, DateTimeKind.Utc), new DateTime(2026, 12, 1, 14, 0, 0, DateTimeKind.Utc), "Tampere", 10, null), Ct);
            var cancelled = await catalogue.AddSessionAsync(new ManageCatalogue.SessionInput(world.Course, new DateTime(2026, 12, 20, 6, 0, 0, DateTimeKind.Utc), new DateTime(2026, 12, 20, 14, 0, 0, DateTimeKind.Utc), "Turku", 10, null), Ct);
            var db = sp.GetRequiredService<TrainingDb>();
            await db.Sessions.Where(s => s.Id == cancelled).ExecuteUpdateAsync(u => u.SetProperty(s => s.CancelledAtUtc, new DateTime(2026, 12, 7, 8, 0, 0, DateTimeKind.Utc)), Ct);
        });

        var upcoming = await world.InScopeAsync(sp => sp.GetRequiredService<UpcomingSessions>().ListAsync(Ct));

        var only = Assert.Single(upcoming);
        Assert.Equal((world.Session, "tyoturvallisuuskortti", 60, "Mannerheimintie 1, 00100 Helsinki", 12, 120m), (only.SessionId, only.CardTypeKey, only.ValidityMonths!.Value, only.Place, only.SeatsLeft, only.Price));
    }

    [Fact]
    public async Task A_card_is_valid_for_its_months_to_the_day_before_and_a_hygiene_passport_never_expires()
    {
        var cards = ManageCatalogue.StandardCardTypes.ToDictionary(c => c.Key);

        Assert.Equal(new DateOnly(2031, 12, 13), cards["tyoturvallisuuskortti"].ValidUntil(new DateOnly(2026, 12, 14)));
        Assert.Equal(new DateOnly(2029, 12, 13), cards["ea1"].ValidUntil(new DateOnly(2026, 12, 14)));
        Assert.Null(cards["hygieniapassi"].ValidUntil(new DateOnly(2026, 12, 14)));
        await Task.CompletedTask;
    }

    [Fact]
    public async Task Bad_catalogue_input_names_the_field_and_stores_nothing()
    {
        await using var world = await TrainingWorld.StartAsync();
        await world.InScopeAsync(async sp =>
        {
            var catalogue = sp.GetRequiredService<ManageCatalogue>();
            var unknownCard = await Assert.ThrowsAsync<TrainingInputException>(() => catalogue.AddCourseAsync(new ManageCatalogue.CourseInput("no-such-card", "A", "A", "", "", 10m, 8m), Ct));
            var backwards = await Assert.ThrowsAsync<TrainingInputException>(() => catalogue.AddSessionAsync(new ManageCatalogue.SessionInput(world.Course, new DateTime(2026, 12, 20, 14, 0, 0, DateTimeKind.Utc), new DateTime(2026, 12, 20, 6, 0, 0, DateTimeKind.Utc), "Turku", 10, null), Ct));
            var noSeats = await Assert.ThrowsAsync<TrainingInputException>(() => catalogue.AddSessionAsync(new ManageCatalogue.SessionInput(world.Course, new DateTime(2026, 12, 20, 6, 0, 0, DateTimeKind.Utc), new DateTime(2026, 12, 20, 14, 0, 0, DateTimeKind.Utc), "Turku", 0, null), Ct));

            Assert.Equal(("cardType", "ends", "capacity"), (unknownCard.Field, backwards.Field, noSeats.Field));
            Assert.Equal((1, 1), (await sp.GetRequiredService<TrainingDb>().Courses.CountAsync(Ct), await sp.GetRequiredService<TrainingDb>().Sessions.CountAsync(Ct)));
        });
    }

    [Fact]
    public async Task The_demo_has_every_standard_card_type_and_two_sessions_of_each_course_and_seeding_again_adds_nothing()
    {
        await using var host = await CustodianHost.Builder().WithClock(TrainingWorld.Start).BuildAsync(Ct);
        await using var scope = host.Scope();
        var seed = scope.ServiceProvider.GetRequiredService<TrainingDemoSeed>();

        var (first, again) = (await seed.SeedAsync(Ct), await seed.SeedAsync(Ct));

        var db = scope.ServiceProvider.GetRequiredService<TrainingDb>();
        Assert.Equal((12, 0), (first, again));
        Assert.Equal(ManageCatalogue.StandardCardTypes.Count, await db.CardTypes.CountAsync(Ct));
        Assert.Equal(12, (await scope.ServiceProvider.GetRequiredService<UpcomingSessions>().ListAsync(Ct)).Count);
    }
}
