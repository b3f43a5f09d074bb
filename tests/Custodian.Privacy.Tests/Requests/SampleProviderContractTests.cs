using Custodian.Privacy.Abstractions.Identifiers;
using Custodian.Privacy.Abstractions.Protection;
using Custodian.Privacy.Abstractions.Requests;
using Custodian.Testing;

namespace Custodian.Privacy.Tests.Requests;

/// <summary>The stand-in training provider keeps the contract too, so the workflow tests rest on a lawful provider.</summary>
public sealed class SampleProviderContractTests : PersonalDataProviderContract
{
    protected override async Task<IProviderFixture> StartAsync() => new Fixture(await KernelHost.StartAsync(Engine.Sqlite));

    private sealed class Fixture(KernelHost host) : IProviderFixture
    {
        private readonly SampleTrainingProvider _provider = new(host.Get<IPersonalDataVault>());

        public IPersonalDataProvider Provider => _provider;

        public string Register => "training";

        public IPersonalDataVault Vault => host.Get<IPersonalDataVault>();

        public async Task<SeededSubject> SeedSubjectAsync(bool withHold, CancellationToken cancellationToken)
        {
            var email = $"{Guid.NewGuid():N}@example.fi";
            var subject = await _provider.EnrolAsync("Anna", email, withHold, cancellationToken);
            var enrolment = (await _provider.ExportAsync(subject, Register, cancellationToken)).Single(r => r.Record.RecordType == "enrolment");
            var vault = host.Get<IPersonalDataVault>();
            return new SeededSubject(subject, [new SubjectIdentifier(IdentifierType.Email, vault.BlindIndexOf(IdentifierType.Email, email))], withHold ? 2 : 1, withHold, (enrolment.Record, "first_name"));
        }

        public ValueTask DisposeAsync() => host.DisposeAsync();
    }
}
