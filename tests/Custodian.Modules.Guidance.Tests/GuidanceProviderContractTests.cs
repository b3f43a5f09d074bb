using System.Globalization;
using Custodian.Modules.Guidance.Rights;
using Custodian.Modules.Guidance.Sections;
using Custodian.Privacy.Abstractions.Identifiers;
using Custodian.Privacy.Abstractions.Protection;
using Custodian.Privacy.Abstractions.Requests;
using Custodian.Privacy.Abstractions.Retention;
using Custodian.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Custodian.Modules.Guidance.Tests;

/// <summary>The guidance provider keeps the promises of every personal-data provider (register <c>guidance</c>).</summary>
public sealed class GuidanceProviderContractTests : PersonalDataProviderContract
{
    protected override async Task<IProviderFixture> StartAsync() => new Fixture(await GuidanceWorld.StartAsync());

    private sealed class Fixture(GuidanceWorld world) : IProviderFixture
    {
        private int _people;

        public IPersonalDataProvider Provider { get; } = world.Host.Services.CreateScope().ServiceProvider.GetServices<IPersonalDataProvider>().OfType<GuidanceDataProvider>().Single();

        public string Register => "guidance";

        public IPersonalDataVault Vault => world.Host.Services.GetRequiredService<IPersonalDataVault>();

        public async Task<SeededSubject> SeedSubjectAsync(bool withHold, CancellationToken cancellationToken)
        {
            var hetu = Hetus.Temporary(++_people);
            var id = await world.CreateClientAsync(hetu: hetu);
            await world.ConsentAsync(id, ["employment"], []);
            await world.WriteAsync(id, EntryKind.Assessment, "employment", "Arvio " + _people.ToString(CultureInfo.InvariantCulture));
            var subject = await world.InScopeAsync(sp => sp.GetRequiredService<GuidanceDb>().Clients.Where(c => c.Id == id).Select(c => c.SubjectId).SingleAsync(cancellationToken));
            return new SeededSubject(subject, [new SubjectIdentifier(IdentifierType.Hetu, Vault.BlindIndexOf(IdentifierType.Hetu, hetu))], RecordCount: 3, Held: false, (new RecordRef("guidance", "client", id.ToString("D")), "last_name"));
        }

        public ValueTask DisposeAsync() => world.DisposeAsync();
    }
}

/// <summary>The access request, the city variant and retention.</summary>
public sealed class GuidanceRightsTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task The_clients_copy_of_their_data_lists_the_organisations_and_roles_that_viewed_the_record()
    {
        await using var world = await GuidanceWorld.StartAsync();
        var id = await world.CreateClientAsync();
        await world.ConsentAsync(id, ["employment"], ["employment"]);
        await world.OpenAsync(id, GuidanceWorld.Sender);
        await world.OpenAsync(id, GuidanceWorld.TeamLead);

        var exported = await world.InScopeAsync(async sp =>
        {
            var provider = sp.GetServices<IPersonalDataProvider>().OfType<GuidanceDataProvider>().Single();
            var subject = (await provider.FindSubjectsAsync([new SubjectIdentifier(IdentifierType.Email, sp.GetRequiredService<IPersonalDataVault>().BlindIndexOf(IdentifierType.Email, "aino@example.fi"))], Ct)).Single();
            return await provider.ExportAsync(subject, "guidance", Ct);
        });

        var views = exported.Where(r => r.Record.RecordType == "access").Select(r => r.Fields.ToDictionary(f => f.Name, f => f.Value)).ToList();
        Assert.Contains(views, v => v["organisation"] == "TE-palvelut Helsinki" && v["role"] == "sending-organisation" && v["viewed"] == "assessments");
        Assert.Contains(views, v => v["organisation"] == "Custodian Valmennus Oy" && v["role"] == "team-lead");
        Assert.DoesNotContain(views, v => v.Values.Any(value => value?.Contains("staff-", StringComparison.Ordinal) == true));
    }

    [Fact]
    public async Task In_the_city_variant_the_provider_finds_the_client_for_the_request_but_the_kernel_forwards_it_and_erases_nothing_itself()
    {
        await using var world = await GuidanceWorld.StartAsync(register: "guidance-city");
        var id = await world.CreateClientAsync();

        var found = await world.InScopeAsync(sp => sp.GetServices<IPersonalDataProvider>().OfType<GuidanceDataProvider>().Single()
            .FindSubjectsAsync([new SubjectIdentifier(IdentifierType.Hetu, sp.GetRequiredService<IPersonalDataVault>().BlindIndexOf(IdentifierType.Hetu, GuidanceWorld.Hetu))], Ct));
        var executed = await world.InScopeAsync(async sp =>
        {
            var receipt = await sp.GetRequiredService<Custodian.Privacy.Requests.SubmitRequest.Intake>().SubmitAsync(new("guidance-city", "erasure", "aino@example.fi", null, "fi"), Custodian.Privacy.Requests.RequestChannel.Email, null, Ct);
            await sp.GetRequiredService<Custodian.Privacy.Requests.VerifyRequest>().VerifyAsync(receipt.Reference, Custodian.Privacy.Requests.VerificationMethod.OperatorCheck, "Henkilökortti nähty.", null, Ct);
            return await sp.GetRequiredService<Custodian.Privacy.Requests.ExecuteRequest>().ExecuteAsync(receipt.Reference, new Custodian.Privacy.Requests.ExecutionInput(), Ct);
        });

        Assert.Single(found);
        Assert.Equal(Custodian.Privacy.Requests.RequestStatus.Forwarded, executed.Status);
        Assert.Equal("Aino", (await world.OpenAsync(id)).Basic.FirstName);
    }

    [Theory]
    [InlineData(RecordsProvider.Sqlite)]
    [InlineData(RecordsProvider.Postgres)]
    public async Task A_closed_client_relationship_is_due_from_its_closing_and_only_then_and_its_record_goes_with_everything_in_it(RecordsProvider records)
    {
        await using var world = await GuidanceWorld.StartAsync(records);
        var closed = await world.CreateClientAsync();
        var open = await world.CreateClientAsync(hetu: Hetus.Temporary(2));
        await world.ConsentAsync(closed, ["employment"], []);
        await world.WriteAsync(closed, EntryKind.Coaching, "employment", "Merkintä.");
        await world.InScopeAsync(async sp =>
        {
            var db = sp.GetRequiredService<GuidanceDb>();
            (await db.Clients.SingleAsync(c => c.Id == closed, Ct)).ClosedAtUtc = GuidanceWorld.Start.UtcDateTime;
            await db.SaveChangesAsync(Ct);
        });

        var (early, due, left) = await world.InScopeAsync(async sp =>
        {
            var target = sp.GetServices<IRetentionTarget>().OfType<GuidanceRetention>().Single();
            var early = await target.FindDueAsync("guidance", "identity", GuidanceWorld.Start.AddMinutes(-1), null, 10, Ct);
            var due = await target.FindDueAsync("guidance", "coaching-notes", GuidanceWorld.Start.AddYears(12), null, 10, Ct);
            await target.ApplyAsync("guidance", "identity", RetentionTreatment.Delete, await target.FindDueAsync("guidance", "identity", GuidanceWorld.Start.AddYears(12), null, 10, Ct), Ct);
            var db = sp.GetRequiredService<GuidanceDb>();
            return (early, due, (await db.Clients.Select(c => c.Id).ToListAsync(Ct), await db.Entries.CountAsync(Ct), await db.Consents.CountAsync(Ct)));
        });

        Assert.Empty(early);
        Assert.Equal(closed.ToString("D"), Assert.Single(due).Record.RecordId);
        Assert.Equal([open], left.Item1);
        Assert.Equal((0, 0), (left.Item2, left.Item3));
    }
}

/// <summary>Valid temporary identity codes (individual numbers 900-999), as the demo and tests use instead of real people's.</summary>
internal static class Hetus
{
    public static string Temporary(int n)
    {
        var date = "010190";
        var number = (900 + (n % 100)).ToString(CultureInfo.InvariantCulture);
        return date + "-" + number + "0123456789ABCDEFHJKLMNPRSTUVWXY"[(int)(long.Parse(date + number, CultureInfo.InvariantCulture) % 31)];
    }
}
