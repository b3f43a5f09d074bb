using Custodian.Privacy.Abstractions.Consent;
using Custodian.Privacy.Abstractions.Identifiers;
using Custodian.Privacy.Abstractions.Protection;
using Custodian.Privacy.Abstractions.Requests;
using Custodian.Privacy.Requests;
using Custodian.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Custodian.Privacy.Tests.Requests;

public sealed class KernelProviderContractOnSqlite : PersonalDataProviderContract
{
    protected override async Task<IProviderFixture> StartAsync() => await KernelProviderFixture.StartAsync(Engine.Sqlite);
}

public sealed class KernelProviderContractOnPostgres : PersonalDataProviderContract
{
    protected override async Task<IProviderFixture> StartAsync() => await KernelProviderFixture.StartAsync(Engine.Postgres);
}

/// <summary>The kernel's provider with consents and a finished request per subject; without a hold they are four years old.</summary>
internal sealed class KernelProviderFixture : IProviderFixture
{
    private readonly KernelHost _host;
    private readonly SettableClock _clock;
    private readonly AsyncServiceScope _scope;

    private KernelProviderFixture(KernelHost host, SettableClock clock)
    {
        _host = host;
        _clock = clock;
        _scope = host.Scope();
        Provider = _scope.ServiceProvider.GetServices<IPersonalDataProvider>().Single(p => p.Name == KernelDataProvider.ProviderName);
    }

    public IPersonalDataProvider Provider { get; }

    public string Register => "training";

    public IPersonalDataVault Vault => _scope.ServiceProvider.GetRequiredService<IPersonalDataVault>();

    public static async Task<KernelProviderFixture> StartAsync(Engine engine)
    {
        var clock = new SettableClock(new DateTimeOffset(2026, 11, 23, 9, 0, 0, TimeSpan.Zero));
        var host = await KernelHost.StartAsync(engine, clock);
        return new KernelProviderFixture(host, clock);
    }

    public async Task<SeededSubject> SeedSubjectAsync(bool withHold, CancellationToken cancellationToken)
    {
        var now = _clock.GetUtcNow();
        _clock.Set(withHold ? now : now.AddYears(-4));
        try
        {
            await using var scope = _host.Scope();
            var services = scope.ServiceProvider;
            var subject = SubjectId.New();
            var ledger = services.GetRequiredService<IConsentLedger>();
            var marketing = new ConsentPurpose(Register, "marketing");
            await ledger.GiveAsync(subject, marketing, "Course offers by e-mail.", new ConsentEvidence(ConsentChannel.WebForm, "form-1"), cancellationToken);
            _clock.Advance(TimeSpan.FromDays(30));
            await ledger.WithdrawAsync(subject, marketing, new ConsentEvidence(ConsentChannel.WebForm, "unsubscribe"), cancellationToken);

            // A request answered at that time (taken today: the calendars do not reach four years back, then dated back).
            var answeredAt = _clock.GetUtcNow().UtcDateTime;
            _clock.Set(now);
            var email = $"{subject.Value:N}@example.fi";
            var receipt = await services.GetRequiredService<SubmitRequest.Intake>().SubmitAsync(new SubmitRequest.Request(Register, "access", email, null, "en"), RequestChannel.WebForm, null, cancellationToken);
            var db = services.GetRequiredService<PrivacyDb>();
            var request = await db.Requests.SingleAsync(r => r.Reference == receipt.Reference, cancellationToken);
            (request.SubjectId, request.Status, request.ReceivedAtUtc, request.CompletedAtUtc) = (subject.Value, RequestStatus.Completed, answeredAt, answeredAt);
            await db.SaveChangesAsync(cancellationToken);

            var vault = services.GetRequiredService<IPersonalDataVault>();
            return new SeededSubject(subject, [new SubjectIdentifier(IdentifierType.Email, vault.BlindIndexOf(IdentifierType.Email, email))], RecordCount: 3, Held: withHold, Correctable: null);
        }
        finally
        {
            _clock.Set(now);
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _scope.DisposeAsync();
        await _host.DisposeAsync();
    }
}
