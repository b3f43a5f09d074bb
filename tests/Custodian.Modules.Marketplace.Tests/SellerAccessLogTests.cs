using Custodian.Modules.Marketplace.Sellers;
using Custodian.Privacy;
using Custodian.Privacy.Abstractions.Access;
using Custodian.Privacy.Abstractions.Protection;
using Custodian.Privacy.Abstractions.Requests;
using Custodian.Privacy.Retention;
using Custodian.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Custodian.Modules.Marketplace.Tests;

/// <summary>The sellers' access log (their sessions): in their copy of their data, deleted a year after collection with an act, gone on erasure.</summary>
public sealed class SellerAccessLogTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Theory]
    [InlineData(RecordsProvider.Sqlite)]
    [InlineData(RecordsProvider.Postgres)]
    public async Task Sign_ins_are_in_the_sellers_copy_and_the_sweep_deletes_those_older_than_a_year_with_an_act(RecordsProvider records)
    {
        await using var host = await CustodianHost.Builder().WithClock(new DateTimeOffset(2025, 10, 1, 8, 0, 0, TimeSpan.Zero)).WithRecords(records).Started().BuildAsync(Ct);
        using var early = await host.CreateClientForAsync(Roles.SellerOwner, Ct);
        host.SettableClock.Advance(TimeSpan.FromDays(366));
        using var recent = await host.CreateClientForAsync(Roles.SellerOwner, Ct);
        var (earlySubject, earlyAccount) = await SellerOfAsync(host, 0);
        var (_, recentAccount) = await SellerOfAsync(host, 1);

        await using (var scope = host.Scope())
        {
            var copy = await scope.ServiceProvider.GetRequiredService<IEnumerable<IPersonalDataProvider>>().OfType<SellerDataProvider>().Single()
                .ExportAsync(earlySubject, SellerDataProvider.Register, Ct);
            var signIn = Assert.Single(copy, r => r.Record.RecordType == "sign-in");
            Assert.Contains(signIn.Fields, f => f.Name == "method" && (string?)f.Value == SignInMethods.EmailLink);
        }

        var run = await InScopeAsync(host, sp => sp.GetRequiredService<RetentionSweep>().RunAsync(null, Ct));

        var done = run.Single(o => o.Register == SellerDataProvider.Register && o.Category == "access-log");
        Assert.Equal(1, done.Applied);
        var sessions = host.Services.GetRequiredService<ISessions>();
        Assert.Empty(await sessions.ListAsync(earlyAccount, Ct));
        Assert.Single(await sessions.ListAsync(recentAccount, Ct));
        var act = await InScopeAsync(host, sp => sp.GetRequiredService<PrivacyDb>().DestructionActs.AsNoTracking().SingleAsync(a => a.Number == done.Act, Ct));
        Assert.Equal(("access-log", earlySubject.ToString(), 1), (act.Category, act.Subjects, act.Records));
    }

    private static async Task<(SubjectId Subject, string Account)> SellerOfAsync(CustodianHost host, int index)
    {
        await using var scope = host.Scope();
        var seller = (await scope.ServiceProvider.GetRequiredService<MarketplaceDb>().Sellers.AsNoTracking().ToListAsync(Ct)).OrderBy(s => s.CreatedAtUtc).ElementAt(index);
        return (new SubjectId(seller.SubjectId), SellerSession.AccountId(seller.Id));
    }

    private static async Task<T> InScopeAsync<T>(CustodianHost host, Func<IServiceProvider, Task<T>> work)
    {
        await using var scope = host.Scope();
        return await work(scope.ServiceProvider);
    }
}
