using System.Globalization;
using Custodian.Modules.Training.Enrolment;
using Microsoft.EntityFrameworkCore;

namespace Custodian.Modules.Training.Demo;

/// <summary>
/// Demo trainees enrolled through the real use case: three people in the first occupational-safety session, and the
/// three-seat hygiene-passport session full with one more on its waiting list. Fictional people with temporary
/// henkilötunnus codes (individual numbers 900–999 are never given to real people).
/// </summary>
internal sealed class DemoEnrolments(TrainingDb db, EnrolPerson enrol)
{
    private static readonly (string First, string Last, string Hetu)[] DemoPeople =
    [
        ("Aino", "Demo-Virtanen", Hetu(12, 3, 1988, '-', 901)),
        ("Mikko", "Demo-Korhonen", Hetu(5, 7, 1975, '-', 902)),
        ("Sanna", "Demo-Mäkinen", Hetu(23, 11, 1992, '-', 903)),
        ("Jussi", "Demo-Nieminen", Hetu(2, 2, 2001, 'A', 904)),
        ("Laura", "Demo-Heikkinen", Hetu(17, 9, 1969, '-', 905)),
        ("Pekka", "Demo-Laine", Hetu(30, 4, 1983, '-', 906)),
        ("Emma", "Demo-Koskinen", Hetu(8, 8, 2003, 'A', 907)),
    ];

    /// <summary>Enrols the demo people unless anyone is enrolled already; returns how many enrolments it made.</summary>
    public async Task<int> SeedAsync(CancellationToken cancellationToken)
    {
        if (await db.Enrolments.AnyAsync(cancellationToken))
        {
            return 0;
        }

        var safety = await FirstSessionAsync("tyoturvallisuuskortti", cancellationToken);
        var hygiene = await FirstSessionAsync("hygieniapassi", cancellationToken);
        var made = 0;
        for (var i = 0; i < DemoPeople.Length; i++)
        {
            var session = i < 3 ? safety : hygiene;
            if (session is null)
            {
                continue;
            }

            var (first, last, hetu) = DemoPeople[i];
            var email = string.Create(CultureInfo.InvariantCulture, $"{first.ToLowerInvariant()}.demo@example.fi");
            await enrol.EnrolAsync(new EnrolPerson.Request(session.Value, new PersonInput(first, last, hetu, email, "040 000 " + (1000 + i).ToString(CultureInfo.InvariantCulture), i % 2 == 0 ? "Demo Rakennus Oy" : null, i % 2 == 0 ? "1572860-0" : null, i % 2 == 0 ? "Asentaja" : null), Marketing: i == 0, SubmissionKey: null), cancellationToken);
            made++;
        }

        return made;
    }

    private async Task<Guid?> FirstSessionAsync(string cardType, CancellationToken cancellationToken)
    {
        var sessions = await (from s in db.Sessions
                              join c in db.Courses on s.CourseId equals c.Id
                              where c.CardTypeKey == cardType && s.CancelledAtUtc == null
                              select new { s.Id, s.StartsAtUtc }).ToListAsync(cancellationToken);
        return sessions.OrderBy(s => s.StartsAtUtc).Select(s => (Guid?)s.Id).FirstOrDefault();
    }

    private static string Hetu(int day, int month, int year, char century, int individual)
    {
        const string Checks = "0123456789ABCDEFHJKLMNPRSTUVWXY";
        var digits = string.Create(CultureInfo.InvariantCulture, $"{day:00}{month:00}{year % 100:00}{individual:000}");
        return string.Create(CultureInfo.InvariantCulture, $"{day:00}{month:00}{year % 100:00}{century}{individual:000}{Checks[(int)(long.Parse(digits, CultureInfo.InvariantCulture) % 31)]}");
    }
}
