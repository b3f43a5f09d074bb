using Custodian.Modules.Marketplace.Accounts;
using Custodian.Modules.Marketplace.Collection;
using Custodian.Modules.Marketplace.Collection.Wildberries;
using Custodian.Modules.Marketplace.Sellers;
using Custodian.Privacy.Abstractions.Analytics;
using Custodian.Privacy.Abstractions.Protection;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using MimeKit;

namespace Custodian.Modules.Marketplace.Tests;

/// <summary>The seller hears once, in Telegram and by mail, that an account's first collection is complete.</summary>
public sealed class AccessReadyNoticeTests
{
    private const long Chat = 900_700;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task The_seller_is_told_once_in_telegram_and_by_mail_when_the_first_collection_of_an_account_is_complete()
    {
        await using var world = await MarketplaceWorld.StartAsync(withBot: true);
        var token = world.Token(21);
        var account = await world.ConnectSellerAsync(21, token);
        await AccountKeyTests.GiveTheSellerAChatAsync(world, account, Chat);
        var (email, tail) = await SellerOfAsync(world, account);

        Assert.All(await world.SyncAsync(account), o => Assert.True(o.Problem is null, $"{o.Dataset}: {o.Problem}"));

        var told = (await world.Telegram!.NextMessageToAsync(Chat)).Text;
        Assert.Equal($"Данные вашего кабинета Wildberries {tail} готовы: первый сбор завершён. Смотрите цифры на дашбордах: https://custodian.test/seller/dashboards", told);
        var mail = await MimeMessage.LoadAsync(new MemoryStream(System.Text.Encoding.UTF8.GetBytes(Assert.Single(world.Smtp.To(email)).Data)), Ct);
        Assert.Equal("Ваши данные готовы — аналитика маркетплейсов", mail.Subject);
        Assert.Contains($"кабинета Wildberries {tail} завершён", mail.TextBody, StringComparison.Ordinal);
        Assert.Contains("https://custodian.test/seller/dashboards", mail.TextBody, StringComparison.Ordinal);
        Assert.DoesNotContain(token[..20], told + mail.TextBody, StringComparison.Ordinal);
        Assert.DoesNotContain(token[^12..], told + mail.TextBody, StringComparison.Ordinal);

        await world.SyncAsync(account);

        await AssertNothingMoreIsSaidAsync(world);
        Assert.Single(world.Smtp.To(email));
    }

    [Fact]
    public async Task Nothing_is_said_while_a_dataset_has_never_succeeded_and_the_notice_follows_its_first_success()
    {
        await using var world = await MarketplaceWorld.StartAsync(withBot: true);
        var account = await world.ConnectSellerAsync(22);
        await AccountKeyTests.GiveTheSellerAChatAsync(world, account, Chat);
        var (email, _) = await SellerOfAsync(world, account);
        // A table of that name with other columns: the orders cannot be stored, the other datasets are.
        var store = world.Get<IAnalyticsStore>();
        var clash = new AnalyticsTable(WildberriesTables.Orders.Name, [new AnalyticsColumn("something_else", AnalyticsType.String)], ["something_else"]);
        await store.EnsureTableAsync(clash, Ct);

        var first = await world.SyncAsync(account);

        Assert.NotNull(first.Single(o => o.Dataset == "wb-orders").Problem);
        Assert.Contains(first, o => o.Dataset != "wb-orders" && o.Problem is null);
        await AssertNothingMoreIsSaidAsync(world);
        Assert.Empty(world.Smtp.To(email));

        await store.DropTableAsync(clash, Ct);
        Assert.Null(Assert.Single(await world.SyncAsync(account, "wb-orders")).Problem);

        Assert.Contains("готовы", (await world.Telegram!.NextMessageToAsync(Chat)).Text, StringComparison.Ordinal);
        Assert.Single(world.Smtp.To(email));
    }

    [Fact]
    public async Task Of_several_instances_finishing_an_account_at_once_exactly_one_tells_the_seller()
    {
        await using var world = await MarketplaceWorld.StartAsync(withBot: true);
        var account = await world.ConnectSellerAsync(23);
        await AccountKeyTests.GiveTheSellerAChatAsync(world, account, Chat);
        var (email, _) = await SellerOfAsync(world, account);
        await world.InScopeAsync(async sp =>
        {
            var db = sp.GetRequiredService<MarketplaceDb>();
            var at = world.Clock.GetUtcNow().UtcDateTime;
            db.Checkpoints.AddRange(sp.GetRequiredService<MarketplaceDatasets>().All.Where(d => d.Marketplace == MarketplaceKind.Wildberries)
                .Select(d => new SyncCheckpointRecord { AccountId = account, Dataset = d.Name, LastAttemptUtc = at, LastSuccessUtc = at }));
            return await db.SaveChangesAsync(Ct);
        });

        await Task.WhenAll(Enumerable.Range(0, 4).Select(_ => Task.Run(() => world.InScopeAsync(async sp =>
        {
            var record = await sp.GetRequiredService<MarketplaceDb>().Accounts.SingleAsync(a => a.Id == account, Ct);
            await sp.GetRequiredService<AccessReadyNotice>().TellIfReadyAsync(record, Ct);
            return 0;
        }), Ct)));

        Assert.Contains("готовы", (await world.Telegram!.NextMessageToAsync(Chat)).Text, StringComparison.Ordinal);
        await AssertNothingMoreIsSaidAsync(world);
        Assert.Single(world.Smtp.To(email));
    }

    [Fact]
    public async Task A_notice_no_channel_took_leaves_the_collection_whole_and_goes_out_after_the_next_run()
    {
        await using var world = await MarketplaceWorld.StartAsync(withBot: true);
        var account = await world.ConnectSellerAsync(24); // onboarded by an operator: no chat with the bot, mail only
        var (email, _) = await SellerOfAsync(world, account);
        world.Smtp.RefuseNext(1);

        Assert.All(await world.SyncAsync(account), o => Assert.True(o.Problem is null, $"{o.Dataset}: {o.Problem}"));
        Assert.Empty(world.Smtp.To(email));

        await world.SyncAsync(account, "wb-orders");

        Assert.Single(world.Smtp.To(email));
    }

    /// <summary>The seller's chat holds nothing more: the next thing in it is the bot's answer to a message written now.</summary>
    private static async Task AssertNothingMoreIsSaidAsync(MarketplaceWorld world)
    {
        world.Telegram!.UserSays(Chat, "/help");
        Assert.StartsWith("Команды:", (await world.Telegram.NextMessageToAsync(Chat)).Text, StringComparison.Ordinal);
    }

    private static Task<(string Email, string Tail)> SellerOfAsync(MarketplaceWorld world, Guid account) =>
        world.InScopeAsync(async sp =>
        {
            var db = sp.GetRequiredService<MarketplaceDb>();
            var record = await db.Accounts.AsNoTracking().SingleAsync(a => a.Id == account, Ct);
            var seller = await db.Sellers.AsNoTracking().SingleAsync(s => s.Id == record.SellerId, Ct);
            var email = await sp.GetRequiredService<IPersonalDataVault>().OpenAsync(seller.Email, SellerRecord.EmailField(seller.Id), Ct);
            return (email.Value!, record.KeyTail);
        });
}
