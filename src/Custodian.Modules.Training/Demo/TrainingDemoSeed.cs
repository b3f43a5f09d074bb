using Custodian.Modules.Training.Catalogue;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace Custodian.Modules.Training.Demo;

/// <summary>
/// The demo register: the standard card types, a course for each, and sessions in the coming weeks (Helsinki and
/// Tampere; one nearly full, so the waiting list shows). Trainer and registrar accounts are added with
/// <c>custodian staff add demo.trainer --role trainer</c> and <c>custodian staff add demo.registrar --role registrar</c>.
/// </summary>
internal sealed class TrainingDemoSeed(TrainingDb db, ManageCatalogue catalogue, DemoEnrolments enrolments, TimeProvider clock)
{
    public const string Trainer = "staff-demo.trainer";

    public Task<bool> AnyCourseAsync(CancellationToken cancellationToken) => db.Courses.AnyAsync(cancellationToken);

    /// <summary>Creates the demo catalogue when there is none; returns how many sessions it created.</summary>
    public async Task<int> SeedAsync(CancellationToken cancellationToken)
    {
        await catalogue.EnsureStandardCardTypesAsync(cancellationToken);
        if (await AnyCourseAsync(cancellationToken))
        {
            return 0;
        }

        var today = DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime);
        var sessions = 0;
        foreach (var (card, nameFi, nameEn, price, hours, capacity, weeks, place) in (IReadOnlyList<(string, string, string, decimal, decimal, int, int, string)>)
                 [("tyoturvallisuuskortti", "Työturvallisuuskorttikoulutus", "Occupational safety card course", 120m, 8m, 20, 1, "Mannerheimintie 1, 00100 Helsinki"),
                  ("tulityokortti", "Tulityökorttikoulutus", "Hot work card course", 150m, 8m, 16, 2, "Hämeenkatu 10, 33100 Tampere"),
                  ("ea1", "Ensiapukurssi EA 1", "First aid course EA 1", 190m, 16m, 12, 3, "Mannerheimintie 1, 00100 Helsinki"),
                  ("hygieniapassi", "Hygieniapassikoulutus ja -testi", "Hygiene passport course and test", 95m, 6m, 3, 1, "Verkossa / Online"),
                  ("tieturvakortti-1", "Tieturva 1 -koulutus", "Road safety 1 course", 140m, 7m, 18, 4, "Hämeenkatu 10, 33100 Tampere"),
                  ("sahkotyoturvallisuuskortti", "Sähkötyöturvallisuuskoulutus", "Electrical safety course", 170m, 8m, 14, 5, "Mannerheimintie 1, 00100 Helsinki")])
        {
            var course = await catalogue.AddCourseAsync(new ManageCatalogue.CourseInput(card, nameFi, nameEn,
                "Kortin voimassaolo alkaa hyväksytystä kokeesta.", "The card is valid from the passed exam.", price, hours), cancellationToken);
            foreach (var week in new[] { weeks, weeks + 4 })
            {
                // 8.00–16.00 Finnish winter time (UTC+2).
                var day = today.AddDays(7 * week);
                var start = day.ToDateTime(new TimeOnly(6, 0), DateTimeKind.Utc);
                await catalogue.AddSessionAsync(new ManageCatalogue.SessionInput(course, start, start.AddHours(8), place, capacity, Trainer), cancellationToken);
                sessions++;
            }
        }

        await enrolments.SeedAsync(cancellationToken);
        return sessions;
    }
}

/// <summary>In the demo (the embedded stand-ins on), the demo catalogue is there from the first start.</summary>
internal sealed class SeedTrainingDemoOnStart(IServiceScopeFactory scopes) : IHostedService
{
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        await scope.ServiceProvider.GetRequiredService<TrainingDemoSeed>().SeedAsync(cancellationToken);
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
