using Custodian.Modules.Training.Rights;
using Custodian.Privacy.Abstractions.Identifiers;
using Custodian.Privacy.Abstractions.Protection;
using Custodian.Privacy.Abstractions.Requests;
using Custodian.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace Custodian.Modules.Training.Tests;

/// <summary>The training provider keeps the promises of every personal-data provider (register <c>training</c>), on SQLite.</summary>
public sealed class TrainingProviderContractTests : PersonalDataProviderContract
{
    protected override async Task<IProviderFixture> StartAsync() => new TrainingProviderFixture(await TrainingWorld.StartAsync());
}

/// <summary>The same promises on PostgreSQL.</summary>
public sealed class TrainingProviderContractOnPostgresTests : PersonalDataProviderContract
{
    protected override async Task<IProviderFixture> StartAsync() => new TrainingProviderFixture(await TrainingWorld.StartAsync(RecordsProvider.Postgres));
}

/// <summary>
/// A trainee enrolled by their employer (company and position); with a hold, they passed the exam and hold a valid card,
/// whose completion record (trainee, enrolment, exam, card) the provider keeps as proof.
/// </summary>
internal sealed class TrainingProviderFixture(TrainingWorld world) : IProviderFixture
{
    private int _people;

    public IPersonalDataProvider Provider { get; } = world.Host.Services.CreateScope().ServiceProvider.GetServices<IPersonalDataProvider>().OfType<TrainingDataProvider>().Single();

    public string Register => "training";

    public IPersonalDataVault Vault => world.Host.Services.GetRequiredService<IPersonalDataVault>();

    public async Task<SeededSubject> SeedSubjectAsync(bool withHold, CancellationToken cancellationToken)
    {
        var n = Interlocked.Increment(ref _people);
        var trainee = await world.TraineeAsync("Anna" + n, "Virtanen", $"anna{n}@example.fi");
        var enrolment = await world.EnrolAsync(trainee, company: "Rakennus Oy", position: "Kirvesmies");
        var records = 2;
        if (withHold)
        {
            await world.PassAndCertifyAsync(trainee, enrolment, new DateOnly(2026, 11, 30));
            records += 2;
        }

        return new SeededSubject(trainee.Subject, [new SubjectIdentifier(IdentifierType.Hetu, Vault.BlindIndexOf(IdentifierType.Hetu, trainee.Hetu))], records, withHold,
            (new RecordRef("training", "trainee", trainee.Id.ToString("D")), "last_name"));
    }

    public ValueTask DisposeAsync() => world.DisposeAsync();
}
