using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Custodian.Modules.Billing.Documents;
using Custodian.Modules.Billing.Payers;
using Custodian.Modules.Billing.Payments;
using Custodian.Modules.Billing.Plans;
using Custodian.Modules.Billing.Statements;
using Custodian.Privacy.Abstractions.Access;
using Custodian.Privacy.Abstractions.Scheduling;
using Custodian.Privacy.Abstractions.Subscriptions;
using Custodian.Simulators.YooKassa;
using Custodian.Testing;
using FsCheck;
using FsCheck.Fluent;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Custodian.Modules.Billing.Tests;

/// <summary>
/// A seller chooses a plan: billing prices it, issues the invoice with its order, takes the payment through the
/// YooKassa stand-in and, once the provider confirms it, the marketplace extends the plan through the event (ADR 0026).
/// </summary>
public sealed class PlanChoiceTests
{
    private static readonly DateTimeOffset Now = new(2026, 12, 7, 9, 0, 0, TimeSpan.Zero);

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Theory]
    [InlineData(RecordsProvider.Sqlite)]
    [InlineData(RecordsProvider.Postgres)]
    public async Task A_paid_plan_invoice_extends_the_sellers_plan_once_after_the_trial_and_issues_its_act(RecordsProvider records)
    {
        await using var yookassa = await YooKassaSimulator.StartAsync("100500", "test_secret", cancellationToken: Ct);
        await using var host = await Start(yookassa, records);
        var account = await SellerWithPayerAsync(host);

        var (invoice, quote, problem) = await InScopeAsync(host, sp => sp.GetRequiredService<ChoosePlan>().OrderAsync(account, "business", "annual", Ct));
        Assert.Null(problem);
        Assert.Equal((39_900m, 0m, false), (invoice!.Amount, quote!.Credit, quote.ChangesPlan));
        Assert.Equal("Подписка на тариф «Бизнес» на 12 месяцев", invoice.Description);
        await PayAsync(host, yookassa, account, invoice.Id);
        await DeliverEventsAsync(host);
        await DeliverEventsAsync(host); // nothing left, nothing applied twice

        var standing = await InScopeAsync(host, sp => sp.GetRequiredService<ISubscriptionPlans>().StandingAsync(account, Ct));
        var trialEnd = Now.AddDays(14);
        var period = Assert.Single(standing!.PaidAhead);
        Assert.Equal(("business", trialEnd, trialEnd.AddMonths(12), 39_900m), (period.PlanId, period.StartsAt, period.EndsAt, period.Price));
        await using var scope = host.Scope();
        var act = await scope.ServiceProvider.GetRequiredService<BillingDb>().Documents.AsNoTracking().SingleAsync(d => d.Kind == DocumentKind.Act, Ct);
        Assert.Equal((invoice.Id, 39_900m, invoice.Description), (act.InvoiceId, act.Amount, act.Description));
    }

    [Theory]
    [InlineData(RecordsProvider.Sqlite)]
    [InlineData(RecordsProvider.Postgres)]
    public async Task A_plan_invoice_paid_by_bank_transfer_extends_the_plan_like_an_online_payment(RecordsProvider records)
    {
        await using var yookassa = await YooKassaSimulator.StartAsync("100500", "test_secret", cancellationToken: Ct);
        await using var host = await Start(yookassa, records);
        var account = await SellerWithPayerAsync(host);
        var (invoice, _, _) = await InScopeAsync(host, sp => sp.GetRequiredService<ChoosePlan>().OrderAsync(account, "start", "monthly", Ct));
        var statement = StatementFiles.Build([new StatementOrder("77", new DateOnly(2026, 12, 7), invoice!.Amount, "7707083893", "ООО «Ромашка»", $"Оплата по счёту № {invoice.Number} за подписку")]);

        var (imported, problem) = await InScopeAsync(host, sp => sp.GetRequiredService<ImportStatement>().ImportAsync(statement, "cli:test", Ct));
        await DeliverEventsAsync(host);

        Assert.Null(problem);
        Assert.Equal(1, imported!.Matched);
        var standing = await InScopeAsync(host, sp => sp.GetRequiredService<ISubscriptionPlans>().StandingAsync(account, Ct));
        var period = Assert.Single(standing!.PaidAhead);
        Assert.Equal(("start", Now.AddDays(14), Now.AddDays(14).AddMonths(1)), (period.PlanId, period.StartsAt, period.EndsAt));
    }

    [Fact]
    public async Task A_notification_delivered_again_after_the_plan_was_extended_extends_nothing_more()
    {
        await using var yookassa = await YooKassaSimulator.StartAsync("100500", "test_secret", cancellationToken: Ct);
        await using var host = await Start(yookassa, RecordsProvider.Sqlite);
        var account = await SellerWithPayerAsync(host);
        var (invoice, _, _) = await InScopeAsync(host, sp => sp.GetRequiredService<ChoosePlan>().OrderAsync(account, "start", "monthly", Ct));
        var paymentId = await PayAsync(host, yookassa, account, invoice!.Id);
        await DeliverEventsAsync(host);

        using var http = host.CreateRawClient();
        using var replay = await http.PostAsync(new Uri(PaymentNotifications.Path, UriKind.Relative), new StringContent(
            "{\"type\":\"notification\",\"event\":\"payment.succeeded\",\"object\":{\"id\":\"" + paymentId + "\",\"status\":\"succeeded\",\"paid\":true}}"), Ct);
        await DeliverEventsAsync(host);

        Assert.Equal(HttpStatusCode.OK, replay.StatusCode);
        var standing = await InScopeAsync(host, sp => sp.GetRequiredService<ISubscriptionPlans>().StandingAsync(account, Ct));
        Assert.Equal(("start", Now.AddDays(14).AddMonths(1)), (Assert.Single(standing!.PaidAhead).PlanId, standing.PaidAhead[0].EndsAt));
    }

    [Fact]
    public async Task A_change_to_a_larger_plan_credits_the_unused_part_of_the_paid_month_to_the_kopeck_and_starts_when_paid()
    {
        await using var yookassa = await YooKassaSimulator.StartAsync("100500", "test_secret", cancellationToken: Ct);
        await using var host = await Start(yookassa, RecordsProvider.Sqlite);
        var account = await SellerWithPayerAsync(host);
        host.SettableClock.Advance(TimeSpan.FromDays(15)); // the trial is over: Start runs 22 Dec to 22 Jan (31 days)
        var (start, _, _) = await InScopeAsync(host, sp => sp.GetRequiredService<ChoosePlan>().OrderAsync(account, "start", "monthly", Ct));
        await PayAsync(host, yookassa, account, start!.Id);
        await DeliverEventsAsync(host);
        host.SettableClock.Advance(TimeSpan.FromDays(10));

        var (quote, _) = await InScopeAsync(host, sp => sp.GetRequiredService<ChoosePlan>().QuoteAsync(account, "business", "monthly", CultureInfo.GetCultureInfo("ru-RU"), Ct));
        var (invoice, _, _) = await InScopeAsync(host, sp => sp.GetRequiredService<ChoosePlan>().OrderAsync(account, "business", "monthly", Ct));
        await PayAsync(host, yookassa, account, invoice!.Id);
        await DeliverEventsAsync(host);

        Assert.Equal((true, 1_009.35m, 2_980.65m, "Старт"), (quote!.ChangesPlan, quote.Credit, quote.Amount, quote.CreditedPlan)); // 1 490 × 21/31
        Assert.Equal(2_980.65m, invoice.Amount);
        Assert.EndsWith("с зачётом неиспользованной части тарифа «Старт» (1 009,35 руб.)", invoice.Description.Replace('\u00a0', ' '), StringComparison.Ordinal);
        var standing = await InScopeAsync(host, sp => sp.GetRequiredService<ISubscriptionPlans>().StandingAsync(account, Ct));
        var now = host.Clock.GetUtcNow();
        Assert.Equal(("business", true, now, now.AddMonths(1)), (standing!.PlanId, standing.Active, standing.PaidAhead.Single().StartsAt, standing.PaidAhead.Single().EndsAt));
    }

    [Fact]
    public async Task A_smaller_plan_whose_price_the_unused_part_covers_is_refused_with_the_credit_named()
    {
        await using var yookassa = await YooKassaSimulator.StartAsync("100500", "test_secret", cancellationToken: Ct);
        await using var host = await Start(yookassa, RecordsProvider.Sqlite);
        var account = await SellerWithPayerAsync(host);
        var (business, _, _) = await InScopeAsync(host, sp => sp.GetRequiredService<ChoosePlan>().OrderAsync(account, "business", "annual", Ct));
        await PayAsync(host, yookassa, account, business!.Id);
        await DeliverEventsAsync(host);

        var (invoice, _, problem) = await InScopeAsync(host, sp => sp.GetRequiredService<ChoosePlan>().OrderAsync(account, "start", "monthly", Ct));

        Assert.Null(invoice);
        Assert.Equal(("plan", "39 900,00 ₽"), (problem!.Field, problem.Argument!.Replace('\u00a0', ' ')));
    }

    [Fact]
    public void The_credit_is_never_negative_never_more_than_what_was_paid_and_all_of_it_before_the_period_starts()
    {
        Prop.ForAll(
            (from price in Gen.Choose(1, 10_000_000).Select(k => k / 100m)
             from days in Gen.Choose(1, 400)
             from used in Gen.Choose(-30, 450)
             select (price, days, used)).ToArbitrary(),
            c =>
            {
                var starts = Now;
                var period = new PaidPeriod("start", starts, starts.AddDays(c.days), c.price, "RUB");
                var credit = ChoosePlan.Credit([period], "RUB", starts.AddDays(c.used));
                return credit >= 0 && credit <= c.price && decimal.Round(credit, 2) == credit
                    && (c.used > 0 || credit == c.price) && (c.used < c.days || credit == 0);
            }).QuickCheckThrowOnFailure();
    }

    [Theory]
    [InlineData("trial", "monthly", "plan")]
    [InlineData("platinum", "monthly", "plan")]
    [InlineData(null, "monthly", "plan")]
    [InlineData("start", "weekly", "cycle")]
    [InlineData("start", null, "cycle")]
    public async Task A_plan_that_is_not_for_sale_or_an_unknown_period_is_refused_on_its_field_and_nothing_is_issued(string? plan, string? cycle, string field)
    {
        await using var host = await CustodianHost.Builder().WithClock(Now).BuildAsync(Ct);
        var account = await SellerWithPayerAsync(host);

        var (invoice, _, problem) = await InScopeAsync(host, sp => sp.GetRequiredService<ChoosePlan>().OrderAsync(account, plan, cycle, Ct));

        Assert.Null(invoice);
        Assert.Equal(field, problem!.Field);
        await using var scope = host.Scope();
        var db = scope.ServiceProvider.GetRequiredService<BillingDb>();
        Assert.Equal((0, 0), (await db.Documents.CountAsync(Ct), await db.PlanOrders.CountAsync(Ct)));
    }

    [Fact]
    public async Task Without_billing_details_no_invoice_is_issued_and_the_seller_is_told_to_enter_them()
    {
        await using var host = await CustodianHost.Builder().WithClock(Now).BuildAsync(Ct);
        var account = await SellerAsync(host);

        var (invoice, _, problem) = await InScopeAsync(host, sp => sp.GetRequiredService<ChoosePlan>().OrderAsync(account, "start", "monthly", Ct));

        Assert.Null(invoice);
        Assert.Equal(("payer", "Enter the billing details first: there is no Russian payer for this account."), (problem!.Field, problem.Message));
        await using var scope = host.Scope();
        Assert.Equal(0, await scope.ServiceProvider.GetRequiredService<BillingDb>().PlanOrders.CountAsync(Ct));
    }

    [Fact]
    public async Task An_account_that_is_not_a_sellers_cannot_order_a_plan()
    {
        await using var host = await CustodianHost.Builder().WithClock(Now).BuildAsync(Ct);
        await InScopeAsync(host, sp => sp.GetRequiredService<SavePayer>().RussianAsync("seller-1", PayerTests.Organisation, Ct));

        var (invoice, _, problem) = await InScopeAsync(host, sp => sp.GetRequiredService<ChoosePlan>().OrderAsync("seller-1", "start", "monthly", Ct));

        Assert.Null(invoice);
        Assert.Equal("plan", problem!.Field);
    }

    [Theory]
    [InlineData("Billing:Plans:Prices:start:Monthly", "0")]
    [InlineData("Billing:Plans:Prices:business:Annual", "-100")]
    [InlineData("Billing:Plans:Prices:start:Monthly", "1490.001")]
    [InlineData("Billing:Plans:Currency", "EUR")]
    public async Task A_price_of_zero_below_zero_or_in_fractions_of_a_kopeck_stops_the_service_from_starting(string setting, string value)
    {
        var error = await Assert.ThrowsAnyAsync<Exception>(async () =>
        {
            await using var host = await CustodianHost.Builder().WithSetting(setting, value).Started().BuildAsync(Ct);
        });

        Assert.Contains("Billing:Plans", error.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_plans_api_lists_prices_and_limits_and_answers_an_unknown_plan_with_a_problem_on_the_plan_field()
    {
        await using var host = await CustodianHost.Builder().WithClock(Now).Started().BuildAsync(Ct);
        using var seller = await host.CreateClientForAsync(Roles.SellerOwner, Ct);

        var offers = await seller.GetFromJsonAsync<JsonElement>(new Uri("/api/billing/plans", UriKind.Relative), Ct);
        using var unknown = await seller.PostAsJsonAsync(new Uri("/api/billing/plans/orders", UriKind.Relative), new { plan = "platinum", cycle = "monthly" }, Ct);
        using var quote = await seller.GetAsync(new Uri("/api/billing/plans/quote?plan=business&cycle=annual", UriKind.Relative), Ct);

        Assert.Equal(["trial", "start", "business"], offers.EnumerateArray().Select(o => o.GetProperty("id").GetString()));
        var business = offers.EnumerateArray().Single(o => o.GetProperty("id").GetString() == "business");
        Assert.Equal((3_990m, 39_900m, "RUB"), (business.GetProperty("monthly").GetDecimal(), business.GetProperty("annual").GetDecimal(), business.GetProperty("currency").GetString()));
        Assert.Equal("Collects up to 5 marketplace accounts at a time", business.GetProperty("limits").GetString());
        Assert.Equal(HttpStatusCode.BadRequest, unknown.StatusCode);
        Assert.Equal("application/problem+json", unknown.Content.Headers.ContentType!.MediaType);
        var errors = (await unknown.Content.ReadFromJsonAsync<JsonElement>(Ct)).GetProperty("errors");
        Assert.Equal("Choose one of the plans offered.", errors.GetProperty("plan")[0].GetString());
        Assert.Equal(39_900m, (await quote.Content.ReadFromJsonAsync<JsonElement>(Ct)).GetProperty("amount").GetDecimal());
    }

    [Fact]
    public async Task Prices_come_from_the_settings()
    {
        await using var host = await CustodianHost.Builder().WithSetting("Billing:Plans:Prices:start:Monthly", "990.50").BuildAsync(Ct);

        var offers = InScope(host, sp => sp.GetRequiredService<ChoosePlan>().Offers(CultureInfo.GetCultureInfo("ru-RU")));

        var start = offers.Single(o => o.Terms.Id == "start");
        Assert.Equal((990.50m, 14_900m, "Старт"), (start.Price!.Monthly, start.Price.Annual, start.Terms.Name));
        Assert.Equal("Сбор до 1 аккаунта маркетплейсов одновременно", start.Terms.Limits);
        Assert.Null(offers.Single(o => o.Terms.Id == "trial").Price);
    }

    internal static Task<CustodianHost> Start(YooKassaSimulator yookassa, RecordsProvider records) =>
        CustodianHost.Builder().WithRecords(records).WithClock(Now).OnKestrel()
            .WithSetting("Billing:YooKassa:BaseUrl", yookassa.BaseAddress.ToString())
            .WithSetting("Billing:YooKassa:ShopId", "100500")
            .WithSetting("Billing:YooKassa:SecretKey", "test_secret")
            .WithSetting("Events:DeliveryInterval", "01:00:00")
            .BuildAsync(Ct);

    /// <summary>A seller added as an operator adds one; their account id as sessions and billing know it.</summary>
    internal static async Task<string> SellerAsync(CustodianHost host)
    {
        await SignInLinks.SellerAsync(host, Ct);
        await using var scope = host.Scope();
        var ids = await scope.ServiceProvider.GetRequiredService<BillingDb>().Database.SqlQueryRaw<Guid>("SELECT id AS \"Value\" FROM marketplace_sellers").ToListAsync(Ct);
        return "seller-" + ids.Last().ToString("N");
    }

    internal static async Task<string> SellerWithPayerAsync(CustodianHost host)
    {
        var account = await SellerAsync(host);
        await InScopeAsync(host, sp => sp.GetRequiredService<SavePayer>().RussianAsync(account, PayerTests.Organisation, Ct));
        return account;
    }

    /// <summary>Pays the invoice at the stand-in's checkout; its notification reaches our webhook. Returns the provider's payment id.</summary>
    internal static async Task<string> PayAsync(CustodianHost host, YooKassaSimulator yookassa, string account, Guid invoiceId)
    {
        yookassa.WebhookUrl = host.Url(PaymentNotifications.Path);
        var (checkout, problem) = await InScopeAsync(host, sp => sp.GetRequiredService<PayInvoice>().StartAsync(account, invoiceId, new Uri("http://127.0.0.1/billing/plans"), Ct));
        Assert.Null(problem);
        var id = checkout!.Segments[^1];
        Assert.True(yookassa.Pay(id));
        await yookassa.DeliverWebhooksAsync(Ct);
        return id;
    }

    /// <summary>One run of the kernel's event delivery, as the scheduler runs it.</summary>
    internal static async Task DeliverEventsAsync(CustodianHost host)
    {
        await using var scope = host.Scope();
        await host.Services.GetServices<IScheduledWork>().Single(w => w.Name == "privacy.events").RunAsync(scope.ServiceProvider, Ct);
    }

    internal static async Task<T> InScopeAsync<T>(CustodianHost host, Func<IServiceProvider, Task<T>> work)
    {
        await using var scope = host.Scope();
        return await work(scope.ServiceProvider);
    }

    private static T InScope<T>(CustodianHost host, Func<IServiceProvider, T> work)
    {
        using var scope = host.Services.CreateScope();
        return work(scope.ServiceProvider);
    }
}
