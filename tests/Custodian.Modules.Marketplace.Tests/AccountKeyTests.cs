using Custodian.Modules.Marketplace.Accounts;
using Custodian.Modules.Marketplace.Sellers;
using Custodian.Privacy.Abstractions.Protection;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Custodian.Modules.Marketplace.Tests;

/// <summary>Keys that expire, are refused or are revoked: the seller is told in Telegram, the key is destroyed.</summary>
public sealed class AccountKeyTests
{
    private const long SellerChat = 900_300;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task The_seller_is_warned_before_the_key_expires_once_a_day_and_told_when_it_is_refused()
    {
        await using var world = await MarketplaceWorld.StartAsync(withBot: true);
        var account = await world.ConnectSellerAsync(4, world.Token(4, validFor: TimeSpan.FromDays(10)));
        await GiveTheSellerAChatAsync(world, account);

        var told = await world.InScopeAsync(sp => sp.GetRequiredService<KeyExpiryWarnings>().WarnAsync(Ct));
        var again = await world.InScopeAsync(sp => sp.GetRequiredService<KeyExpiryWarnings>().WarnAsync(Ct));

        Assert.Equal(1, told);
        Assert.Equal(0, again);
        Assert.Contains("истекает", (await world.Telegram!.NextMessageToAsync(SellerChat)).Text, StringComparison.Ordinal);

        world.Clock.Advance(TimeSpan.FromDays(11)); // Wildberries now refuses the token
        var outcome = Assert.Single(await world.SyncAsync());

        Assert.Contains("key rejected", outcome.Problem, StringComparison.Ordinal);
        Assert.Contains("отклонил ключ", (await world.Telegram.NextMessageToAsync(SellerChat)).Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_revoked_key_is_destroyed_and_its_account_no_longer_collects()
    {
        await using var world = await MarketplaceWorld.StartAsync();
        var account = await world.ConnectSellerAsync(6);
        var ciphertext = await world.InScopeAsync(async sp => (await sp.GetRequiredService<MarketplaceDb>().Accounts.AsNoTracking().SingleAsync(a => a.Id == account, Ct)).WildberriesToken!);

        await world.InScopeAsync(async sp => { await sp.GetRequiredService<RevokeMarketplaceAccount>().RevokeAsync(account, Ct); return 0; });

        var opened = await world.InScopeAsync(async sp => await sp.GetRequiredService<IPersonalDataVault>().OpenAsync(ciphertext, MarketplaceAccountRecord.Field(account, "wildberries_token"), Ct));
        Assert.True(opened.IsErased, "a copy of the ciphertext (a backup) can no longer be read");
        var stored = await world.InScopeAsync(sp => sp.GetRequiredService<MarketplaceDb>().Accounts.AsNoTracking().SingleAsync(a => a.Id == account, Ct));
        Assert.Null(stored.WildberriesToken);
        Assert.Empty(await world.SyncAsync());
        await Assert.ThrowsAsync<MarketplaceInputException>(() => world.SyncAsync(account));
    }

    [Fact]
    public async Task Erasing_the_seller_deletes_the_collected_rows_of_their_accounts_and_leaves_other_sellers_rows()
    {
        await using var world = await MarketplaceWorld.StartAsync();
        var erased = await world.ConnectSellerAsync(8);
        var kept = await world.ConnectSellerAsync(9);
        await world.SyncAsync(erased, "wb-orders");
        await world.SyncAsync(kept, "wb-orders");
        var keptRows = (await world.StatsAsync(kept))["wb-orders"].Rows;
        Assert.True((await world.StatsAsync(erased))["wb-orders"].Rows > 0);

        await world.InScopeAsync(async sp =>
        {
            var db = sp.GetRequiredService<MarketplaceDb>();
            var subject = await db.Accounts.Where(a => a.Id == erased).Join(db.Sellers, a => a.SellerId, s => s.Id, (_, s) => s.SubjectId).SingleAsync(Ct);
            return await sp.GetServices<Custodian.Privacy.Abstractions.Requests.IPersonalDataProvider>().Single(p => p.Name == "marketplace-sellers").EraseAsync(new SubjectId(subject), "marketplace-sellers", Ct);
        });

        var store = world.Get<Custodian.Privacy.Abstractions.Analytics.IAnalyticsStore>();
        var left = await store.QueryAsync(Custodian.Privacy.Abstractions.Analytics.AnalyticsQuery.Sql($"SELECT count(*) FROM {Collection.Wildberries.WildberriesTables.Orders} WHERE account_id = {erased.ToString("N")}"), Ct);
        Assert.Equal(0L, Convert.ToInt64(left.Scalar(), System.Globalization.CultureInfo.InvariantCulture));
        Assert.Equal(keptRows, (await world.StatsAsync(kept))["wb-orders"].Rows);
    }

    /// <summary>Gives the seller of <paramref name="account"/> a private chat with the bot (as signing up through it does).</summary>
    internal static async Task GiveTheSellerAChatAsync(MarketplaceWorld world, Guid account, long chat = SellerChat) =>
        await world.InScopeAsync(async sp =>
        {
            var db = sp.GetRequiredService<MarketplaceDb>();
            var sellerId = await db.Accounts.Where(a => a.Id == account).Select(a => a.SellerId).SingleAsync(Ct);
            var seller = await db.Sellers.SingleAsync(s => s.Id == sellerId, Ct);
            seller.TelegramChatId = await sp.GetRequiredService<IPersonalDataVault>().SealAsync(KeyScope.Subject(new SubjectId(seller.SubjectId)), SellerRecord.Field(seller.Id, "telegram_chat_id"), chat.ToString(System.Globalization.CultureInfo.InvariantCulture), Ct);
            await db.SaveChangesAsync(Ct);
            return 0;
        });
}
