using Custodian.Modules.Marketplace.Accounts;
using Custodian.Modules.Marketplace.Sellers;
using Custodian.Modules.Marketplace.Subscriptions;
using Custodian.Modules.Marketplace.Support;
using Custodian.Privacy;
using Custodian.Privacy.Abstractions.Protection;
using Custodian.Privacy.Abstractions.Requests;
using Custodian.Privacy.Retention;
using Custodian.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Custodian.Modules.Marketplace.Tests;

public enum RecordsEngine
{
    Sqlite,
    Postgres,
}

/// <summary>The kernel's retention sweep executes the marketplace's declared rules through the module's retention target.</summary>
public sealed class SellerRetentionTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Theory]
    [InlineData(RecordsEngine.Sqlite)]
    [InlineData(RecordsEngine.Postgres)]
    public async Task Support_correspondence_older_than_three_years_is_deleted_with_an_act_and_fresh_or_held_messages_stay(RecordsEngine engine)
    {
        var hold = new LitigationHold();
        var postgres = engine == RecordsEngine.Postgres ? PostgresDatabase.NewConnectionString("mpretention") : null;
        string[] args = postgres is null ? [] : ["--Database:Provider=Postgres", "--Database:ConnectionString=" + postgres];
        await using var dropped = new DroppedAtEnd(postgres);
        await using var world = await MarketplaceWorld.StartWithAsync(services => services.AddSingleton<IPersonalDataProvider>(hold), args);
        var now = world.Clock.GetUtcNow();
        var anna = await AddSellerAsync(world, "Анна");
        var boris = await AddSellerAsync(world, "Борис");
        var annasOld = await ReplyAtAsync(world, anna, now.AddYears(-3).AddDays(-1), "Ответ трёхлетней давности");
        var annasFresh = await ReplyAtAsync(world, anna, now.AddMonths(-1), "Свежий ответ");
        var borisOld = await ReplyAtAsync(world, boris, now.AddYears(-4), "Ответ по спорному делу");
        hold.Held.Add(new RecordRef(SellerDataProvider.Register, "support-message", borisOld.ToString("N")));

        var plan = await world.InScopeAsync(sp => sp.GetRequiredService<RetentionSweep>().PlanAsync(Ct));
        var run = await world.InScopeAsync(sp => sp.GetRequiredService<RetentionSweep>().RunAsync(null, Ct));

        var planned = plan.Single(o => o.Register == SellerDataProvider.Register && o.Category == "correspondence");
        var done = run.Single(o => o.Register == SellerDataProvider.Register && o.Category == "correspondence");
        Assert.Equal((2, 1, 0), (planned.Due, planned.Held, planned.Applied));
        Assert.Equal((2, 1, 1), (done.Due, done.Held, done.Applied));
        var left = await world.InScopeAsync(sp => sp.GetRequiredService<MarketplaceDb>().SupportMessages.AsNoTracking().Select(m => m.Id).ToListAsync(Ct));
        Assert.Equal(new[] { annasFresh, borisOld }.Order(), left.Order());
        Assert.DoesNotContain(annasOld, left);
        var act = await world.InScopeAsync(sp => sp.GetRequiredService<PrivacyDb>().DestructionActs.AsNoTracking().SingleAsync(a => a.Number == done.Act, Ct));
        Assert.Equal((SellerDataProvider.Register, "correspondence", "support_message", anna.Subject.ToString(), 1), (act.Register, act.Category, act.Fields, act.Subjects, act.Records));
        Assert.Equal("Retention period ended: 3 years after collection, then deleted", act.Reason);
        var again = (await world.InScopeAsync(sp => sp.GetRequiredService<RetentionSweep>().RunAsync(null, Ct))).Single(o => o.Register == SellerDataProvider.Register && o.Category == "correspondence");
        Assert.Equal((1, 1, 0), (again.Due, again.Held, again.Applied));
        Assert.Null(again.Act);
    }

    [Fact]
    public async Task A_closed_sellers_keys_and_plan_go_at_once_and_the_seller_record_a_year_later_each_with_its_act()
    {
        await using var world = await MarketplaceWorld.StartAsync();
        var anna = await AddSellerAsync(world, "Анна");
        var account = await world.InScopeAsync(async sp => (await sp.GetRequiredService<ConnectMarketplaceAccount>().ConnectWildberriesAsync(anna.Id, world.Token(31), Ct)).Id);
        await world.InScopeAsync(sp => sp.GetRequiredService<ISellerSubscriptions>().RecordPaidPeriodAsync(anna.Id, "start", 1, Ct));
        var stillOpen = await AddSellerAsync(world, "Борис");
        var token = await world.InScopeAsync(async sp =>
        {
            var db = sp.GetRequiredService<MarketplaceDb>();
            var seller = await db.Sellers.SingleAsync(s => s.Id == anna.Id, Ct);
            seller.TelegramUserId = await sp.GetRequiredService<IPersonalDataVault>().SealAsync(KeyScope.Subject(anna.Subject), SellerRecord.Field(anna.Id, "telegram_user_id"), "4242", Ct);
            (seller.Status, seller.ClosedAtUtc) = (SellerStatus.Closed, world.Clock.GetUtcNow().UtcDateTime.AddDays(-1));
            await db.SaveChangesAsync(Ct);
            return (await db.Accounts.AsNoTracking().SingleAsync(a => a.Id == account, Ct)).WildberriesToken!;
        });

        var closingDay = await world.InScopeAsync(sp => sp.GetRequiredService<RetentionSweep>().RunAsync(null, Ct));
        Assert.Equal(["marketplace-keys", "subscription"], Applied(closingDay));
        Assert.True((await world.InScopeAsync(async sp => await sp.GetRequiredService<IPersonalDataVault>().OpenAsync(token, MarketplaceAccountRecord.Field(account, "wildberries_token"), Ct))).IsErased);
        Assert.True(await world.InScopeAsync(sp => sp.GetRequiredService<MarketplaceDb>().Sellers.AnyAsync(s => s.Id == anna.Id, Ct)));

        world.Clock.Advance(TimeSpan.FromDays(366));
        var aYearLater = await world.InScopeAsync(sp => sp.GetRequiredService<RetentionSweep>().RunAsync(null, Ct));

        Assert.Equal(["contact", "identity", "telegram"], Applied(aYearLater));
        Assert.All(aYearLater.Where(o => o.Applied > 0), o => Assert.NotNull(o.Act));
        Assert.Equal([stillOpen.Id], await world.InScopeAsync(sp => sp.GetRequiredService<MarketplaceDb>().Sellers.AsNoTracking().Select(s => s.Id).ToListAsync(Ct)));
        Assert.False(await world.InScopeAsync(sp => sp.GetRequiredService<MarketplaceDb>().Accounts.AnyAsync(a => a.Id == account, Ct)));
        Assert.Empty(Applied(await world.InScopeAsync(sp => sp.GetRequiredService<RetentionSweep>().RunAsync(null, Ct))));

        static List<string> Applied(IReadOnlyList<RuleOutcome> outcomes) =>
            [.. outcomes.Where(o => o.Register == SellerDataProvider.Register && o.Applied > 0).Select(o => o.Category).Order(StringComparer.Ordinal)];
    }

    private static async Task<(Guid Id, SubjectId Subject)> AddSellerAsync(MarketplaceWorld world, string name) =>
        await world.InScopeAsync(async sp =>
        {
            var seller = await sp.GetRequiredService<AddSeller>().AddAsync($"{Guid.NewGuid():N}@example.ru", name, "operator", true, Ct);
            return (seller.Id, new SubjectId(seller.SubjectId));
        });

    /// <summary>Support answers the seller at <paramref name="at"/> (the clock is set back for it).</summary>
    private static async Task<Guid> ReplyAtAsync(MarketplaceWorld world, (Guid Id, SubjectId Subject) seller, DateTimeOffset at, string text)
    {
        var now = world.Clock.GetUtcNow();
        world.Clock.Set(at);
        try
        {
            await world.InScopeAsync(sp => sp.GetRequiredService<ISupportInbox>().ReplyAsync(seller.Id, text, Ct));
            return await world.InScopeAsync(sp => sp.GetRequiredService<MarketplaceDb>().SupportMessages.AsNoTracking().Where(m => m.SellerId == seller.Id).OrderByDescending(m => m.AtUtc).Select(m => m.Id).FirstAsync(Ct));
        }
        finally
        {
            world.Clock.Set(now);
        }
    }

    /// <summary>A hold the marketplace itself has no ground for (a court case noted elsewhere): the sweep must still respect it.</summary>
    private sealed class LitigationHold : IPersonalDataProvider
    {
        public HashSet<RecordRef> Held { get; } = [];

        public string Name => "litigation-holds";

        public IReadOnlyCollection<string> Registers => [SellerDataProvider.Register];

        public Task<IReadOnlyList<SubjectId>> FindSubjectsAsync(IReadOnlyList<SubjectIdentifier> identifiers, CancellationToken cancellationToken) => Task.FromResult<IReadOnlyList<SubjectId>>([]);

        public Task<IReadOnlyList<ExportedRecord>> ExportAsync(SubjectId subject, string registerId, CancellationToken cancellationToken) => Task.FromResult<IReadOnlyList<ExportedRecord>>([]);

        public Task<RectificationResult> RectifyAsync(SubjectId subject, RecordRef record, string field, string value, CancellationToken cancellationToken) =>
            Task.FromResult(new RectificationResult(RectificationOutcome.NoSuchRecord, "Holds only."));

        public Task<IReadOnlyList<LegalHold>> HoldsAsync(SubjectId subject, string registerId, CancellationToken cancellationToken) =>
            Task.FromResult<IReadOnlyList<LegalHold>>([.. Held.Select(r => new LegalHold(r, HoldReason.LegalClaims, "Kept for a court case.", null))]);

        public Task<ErasureResult> EraseAsync(SubjectId subject, string registerId, CancellationToken cancellationToken) => Task.FromResult(new ErasureResult(0, 0, []));

        public Task<int> RestrictAsync(SubjectId subject, string registerId, bool restricted, CancellationToken cancellationToken) => Task.FromResult(0);
    }
}

/// <summary>Drops the test's PostgreSQL database once the world (disposed first) has let go of it.</summary>
internal sealed class DroppedAtEnd(string? connectionString) : IAsyncDisposable
{
    public async ValueTask DisposeAsync()
    {
        if (connectionString is not null)
        {
            await using var db = new MarketplaceDb(new DbContextOptionsBuilder<MarketplaceDb>().UseNpgsql(connectionString).Options);
            await db.Database.EnsureDeletedAsync();
            Npgsql.NpgsqlConnection.ClearAllPools();
        }
    }
}
