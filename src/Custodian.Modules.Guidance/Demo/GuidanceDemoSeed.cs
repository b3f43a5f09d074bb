using Custodian.Modules.Guidance.Clients;
using Custodian.Modules.Guidance.Programmes;
using Custodian.Modules.Guidance.Sections;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace Custodian.Modules.Guidance.Demo;

/// <summary>
/// Two demo programmes, one per controller variant: the provider's own (register <c>guidance</c>) and a city's, which
/// the provider runs as its processor (<c>guidance-city</c>). Staff are assigned by handle; their accounts are added
/// with <c>custodian staff add demo.coach --role coach</c> and so on. One fictional client (temporary identity codes,
/// 900-999) in each, with written consent, an entry and a meeting the office booked for the coming week.
/// </summary>
internal sealed class GuidanceDemoSeed(GuidanceDb db, ManageProgrammes programmes, CreateClient clients, WrittenConsents consents, SectionEntries entries, Appointments.ClientAppointments appointments, TimeProvider clock)
{
    public const string ProviderProgramme = "Työvalmennus (Custodian Valmennus)";
    public const string CityProgramme = "Esimerkin kaupungin työhönvalmennus";
    private const string Provider = "Custodian Valmennus Oy";
    private const string City = "Esimerkin kaupunki";

    public static readonly IReadOnlyList<(string Handle, GuidanceRole Role)> Staff =
    [
        ("demo.coach", GuidanceRole.Coach), ("demo.coach2", GuidanceRole.Coach), ("demo.lead", GuidanceRole.TeamLead), ("demo.office", GuidanceRole.OfficeStaff),
        ("demo.admin", GuidanceRole.ProgrammeAdmin), ("demo.city", GuidanceRole.ControllerAdmin), ("demo.te", GuidanceRole.SendingOrganisation),
    ];

    public Task<bool> AnyProgrammeAsync(CancellationToken cancellationToken) => db.Programmes.AnyAsync(cancellationToken);

    /// <summary>Creates what is missing; returns how many programmes it created.</summary>
    public async Task<int> SeedAsync(CancellationToken cancellationToken)
    {
        var created = 0;
        foreach (var (name, register, controller, client) in (IReadOnlyList<(string, string, string, string[])>)
                 [(ProviderProgramme, GuidanceRegisters.Provider, Provider, ["Aino", "Virtanen", "010190-901R"]), (CityProgramme, GuidanceRegisters.City, City, ["Mikko", "Korhonen", "150285-912M"])])
        {
            if (await db.Programmes.AnyAsync(p => p.Name == name, cancellationToken))
            {
                continue;
            }

            var programme = await programmes.CreateAsync(name, register, controller, cancellationToken);
            foreach (var (handle, role) in Staff)
            {
                var organisation = role switch
                {
                    GuidanceRole.SendingOrganisation => "TE-palvelut (demo)",
                    GuidanceRole.ControllerAdmin => controller,
                    _ => Provider,
                };
                await programmes.AssignAsync(programme, "staff-" + handle, role, "Tiimi A", organisation, cancellationToken);
            }

            var coach = "staff-demo.coach";
            var id = await clients.CreateAsync(coach, new CreateClient.Request(programme, client[0], client[1], client[2], "Esimerkkikatu 1, 00100 Helsinki", "+358 40 000 0000", null, "staff-demo.te"), cancellationToken);
            var today = DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime).ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);
            await consents.RecordAsync(coach, id, new WrittenConsents.Request(["employment", "guidance", "observations"], ["employment"], "DEMO-SIGNED-FORM-1", today, "2026-12"), cancellationToken);
            await entries.WriteAsync(coach, id, EntryKind.Assessment, "employment", "Työkyky riittää osa-aikatyöhön; tavoitteena 20 h viikossa kevääseen mennessä.", cancellationToken);
            await entries.WriteAsync(coach, id, EntryKind.Coaching, "guidance", "Ensitapaaminen: käytiin läpi tavoitteet ja sovittiin viikoittaiset tapaamiset.", cancellationToken);
            var meetingDay = DateOnly.FromDateTime(Custodian.Privacy.Abstractions.Time.LocalDays.HelsinkiTime(clock.GetUtcNow().UtcDateTime)).AddDays(3).ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);
            await appointments.BookAsync("staff-demo.office", id, new Appointments.ClientAppointments.Input(meetingDay, "10:00", "11:00", "Custodian Valmennus, Mannerheimintie 1", null, "Ota mukaan ansioluettelo."), cancellationToken);
            created++;
        }

        return created;
    }
}

/// <summary>In the demo (the embedded stand-ins on), the demo programmes are there from the first start.</summary>
internal sealed class SeedGuidanceDemoOnStart(IServiceScopeFactory scopes) : IHostedService
{
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var seed = scope.ServiceProvider.GetRequiredService<GuidanceDemoSeed>();
        if (!await seed.AnyProgrammeAsync(cancellationToken))
        {
            await seed.SeedAsync(cancellationToken);
        }
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
