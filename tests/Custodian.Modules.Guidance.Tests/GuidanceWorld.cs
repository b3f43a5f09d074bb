using Custodian.Modules.Guidance.Clients;
using Custodian.Modules.Guidance.Programmes;
using Custodian.Modules.Guidance.Sections;
using Custodian.Privacy.Abstractions.Audit;
using Custodian.Privacy.Audit;
using Custodian.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace Custodian.Modules.Guidance.Tests;

/// <summary>
/// The real composition on SQLite or PostgreSQL with one programme: two coaches in team A, one in team B, a team lead of
/// team A, office staff, the programme's administrator, the controller's administrator and a sending organisation.
/// </summary>
internal sealed class GuidanceWorld(CustodianHost host, Guid programme) : IAsyncDisposable
{
    public const string Coach = "staff-coach.anna";
    public const string OtherCoach = "staff-coach.bertta";
    public const string OtherTeamCoach = "staff-coach.cecilia";
    public const string TeamLead = "staff-lead.daniel";
    public const string Office = "staff-office.emma";
    public const string Admin = "staff-admin.frans";
    public const string CityAdmin = "staff-city.greta";
    public const string Sender = "staff-te.hanna";
    public const string Hetu = "010190-901R";

    public static readonly DateTimeOffset Start = new(2026, 12, 7, 9, 0, 0, TimeSpan.Zero);

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public CustodianHost Host { get; } = host;

    public Guid Programme { get; } = programme;

    public static async Task<GuidanceWorld> StartAsync(RecordsProvider records = RecordsProvider.Sqlite, bool started = false, string register = "guidance", Func<CustodianHostBuilder, CustodianHostBuilder>? configure = null)
    {
        var builder = CustodianHost.Builder().WithClock(Start).WithRecords(records);
        builder = configure?.Invoke(builder) ?? builder;
        var host = await (started ? builder.Started() : builder).BuildAsync(Ct);
        await using var scope = host.Scope();
        var programmes = scope.ServiceProvider.GetRequiredService<ManageProgrammes>();
        var programme = await programmes.CreateAsync("Työvalmennus " + Guid.NewGuid().ToString("N")[..6], register, "Custodian Valmennus Oy", Ct);
        foreach (var (account, role, team, organisation) in (IReadOnlyList<(string, GuidanceRole, string, string)>)
                 [(Coach, GuidanceRole.Coach, "A", "Custodian Valmennus Oy"), (OtherCoach, GuidanceRole.Coach, "A", "Custodian Valmennus Oy"), (OtherTeamCoach, GuidanceRole.Coach, "B", "Custodian Valmennus Oy"),
                  (TeamLead, GuidanceRole.TeamLead, "A", "Custodian Valmennus Oy"), (Office, GuidanceRole.OfficeStaff, "A", "Custodian Valmennus Oy"), (Admin, GuidanceRole.ProgrammeAdmin, "A", "Custodian Valmennus Oy"),
                  (CityAdmin, GuidanceRole.ControllerAdmin, "-", "Esimerkin kaupunki"), (Sender, GuidanceRole.SendingOrganisation, "-", "TE-palvelut Helsinki")])
        {
            await programmes.AssignAsync(programme, account, role, team, organisation, Ct);
        }

        return new GuidanceWorld(host, programme);
    }

    public async Task<T> InScopeAsync<T>(Func<IServiceProvider, Task<T>> work)
    {
        await using var scope = Host.Scope();
        return await work(scope.ServiceProvider);
    }

    public Task InScopeAsync(Func<IServiceProvider, Task> work) => InScopeAsync(async sp =>
    {
        await work(sp);
        return true;
    });

    public Task<Guid> CreateClientAsync(string coach = Coach, string hetu = Hetu, string? referrer = Sender) =>
        InScopeAsync(sp => sp.GetRequiredService<CreateClient>().CreateAsync(coach, new CreateClient.Request(Programme, "Aino", "Virtanen", hetu, "Esimerkkikatu 1", "040 123 4567", "aino@example.fi", referrer), Ct));

    public Task ConsentAsync(Guid client, string[] areas, string[] shared, string account = Coach) =>
        InScopeAsync(sp => sp.GetRequiredService<WrittenConsents>().RecordAsync(account, client, new WrittenConsents.Request(areas, shared, "ARK-2026-118", "2026-12-07", "2026-12"), Ct));

    public Task WithdrawAsync(Guid client, string[] areas, string account = Coach) =>
        InScopeAsync(sp => sp.GetRequiredService<WrittenConsents>().WithdrawAsync(account, client, areas, Ct));

    public Task<Guid> WriteAsync(Guid client, EntryKind kind, string area, string text, string account = Coach) =>
        InScopeAsync(sp => sp.GetRequiredService<SectionEntries>().WriteAsync(account, client, kind, area, text, Ct));

    public Task<int> EditAsync(Guid client, Guid entry, int baseVersion, string text, string account = Coach) =>
        InScopeAsync(sp => sp.GetRequiredService<SectionEntries>().EditAsync(account, client, entry, baseVersion, text, Ct));

    public Task<ClientView> OpenAsync(Guid client, string account = Coach) =>
        InScopeAsync(sp => sp.GetRequiredService<OpenClientRecord>().OpenAsync(account, client, Ct));

    public Task<IReadOnlyList<AuditEntryRecord>> AuditAsync(Guid client) => InScopeAsync(async sp =>
    {
        var db = sp.GetRequiredService<GuidanceDb>();
        var subject = db.Clients.Single(c => c.Id == client).SubjectId;
        return await sp.GetRequiredService<AuditReader>().ReadAsync(1, subject.ToString(), Ct);
    });

    /// <summary>The client's access trail in the kernel (every view, newest first).</summary>
    public Task<IReadOnlyList<AccessTrailEntry>> TrailAsync(Guid client) => InScopeAsync(async sp =>
    {
        var subject = sp.GetRequiredService<GuidanceDb>().Clients.Single(c => c.Id == client).SubjectId;
        return await sp.GetRequiredService<IAccessTrail>().ForSubjectAsync(subject, null, Ct);
    });

    public ValueTask DisposeAsync() => Host.DisposeAsync();
}
