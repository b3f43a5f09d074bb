using Custodian.Modules.Training.Catalogue;
using Custodian.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace Custodian.Modules.Training.Tests;

/// <summary>The real composition on SQLite or PostgreSQL with the standard card types, one course and one session a week ahead.</summary>
internal sealed class TrainingWorld(CustodianHost host, Guid course, Guid session) : IAsyncDisposable
{
    public const string Trainer = "staff-trainer.tuula";
    public const string Registrar = "staff-registrar.riku";

    public static readonly DateTimeOffset Start = new(2026, 12, 7, 9, 0, 0, TimeSpan.Zero);

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public CustodianHost Host { get; } = host;

    public Guid Course { get; } = course;

    /// <summary>A 20-seat occupational safety card session on 14.12.2026, 8.00–16.00 Finnish time.</summary>
    public Guid Session { get; } = session;

    public static async Task<TrainingWorld> StartAsync(RecordsProvider records = RecordsProvider.Sqlite, int capacity = 20, Func<CustodianHostBuilder, CustodianHostBuilder>? configure = null)
    {
        var builder = CustodianHost.Builder().WithClock(Start).WithRecords(records);
        builder = configure?.Invoke(builder) ?? builder;
        var host = await builder.BuildAsync(Ct);
        await using var scope = host.Scope();
        var catalogue = scope.ServiceProvider.GetRequiredService<ManageCatalogue>();
        await catalogue.EnsureStandardCardTypesAsync(Ct);
        var course = await catalogue.AddCourseAsync(new ManageCatalogue.CourseInput("tyoturvallisuuskortti", "Työturvallisuuskorttikoulutus", "Occupational safety card course", "", "", 120m, 8m), Ct);
        var session = await catalogue.AddSessionAsync(new ManageCatalogue.SessionInput(course, new DateTime(2026, 12, 14, 6, 0, 0, DateTimeKind.Utc), new DateTime(2026, 12, 14, 14, 0, 0, DateTimeKind.Utc), "Mannerheimintie 1, 00100 Helsinki", capacity, Trainer), Ct);
        return new TrainingWorld(host, course, session);
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

    public ValueTask DisposeAsync() => Host.DisposeAsync();
}
