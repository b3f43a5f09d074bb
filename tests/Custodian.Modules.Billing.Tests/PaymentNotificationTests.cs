using System.Net;
using Custodian.Modules.Billing.Payers;
using Custodian.Modules.Billing.Payments;
using Custodian.Privacy;
using Custodian.Simulators.YooKassa;
using Custodian.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Custodian.Modules.Billing.Tests;

/// <summary>Online payments against the YooKassa stand-in: notifications are only hints, the provider's state decides.</summary>
public sealed class PaymentNotificationTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_thousand_notifications_with_duplicates_in_shuffled_order_end_in_exactly_the_providers_state()
    {
        await using var yookassa = await YooKassaSimulator.StartAsync("100500", "test_secret", cancellationToken: Ct);
        await using var host = await Start(yookassa);
        await InScopeAsync(host, sp => sp.GetRequiredService<SavePayer>().RussianAsync("seller-1", PayerTests.Organisation, Ct));
        var random = new Random(17);
        var payments = new List<string>();
        for (var i = 0; i < 770; i++)
        {
            var invoice = (await InScopeAsync(host, sp => sp.GetRequiredService<Documents.IssueDocuments>().InvoiceAsync("seller-1", $"Подписка, месяц {i}", 990m + i, Ct))).Document!;
            var (checkout, problem) = await InScopeAsync(host, sp => sp.GetRequiredService<PayInvoice>().StartAsync("seller-1", invoice.Id, new Uri("http://127.0.0.1/billing/paid"), Ct));
            Assert.Null(problem);
            var id = checkout!.Segments[^1];
            payments.Add(id);
            Assert.True(random.Next(3) == 0 ? yookassa.Cancel(id) : yookassa.Pay(id));
        }

        yookassa.WebhookUrl = host.Url(PaymentNotifications.Path);
        yookassa.UseWebhooks(new YooKassaWebhookOptions(DuplicateShare: 0.3, Shuffle: true, Seed: 3));

        var posts = await yookassa.DeliverWebhooksAsync(Ct);

        Assert.InRange(posts, 1000, 1100);
        Assert.All(yookassa.Deliveries, d => Assert.Equal(HttpStatusCode.OK, d.Status));
        await using var scope = host.Scope();
        var ours = await scope.ServiceProvider.GetRequiredService<BillingDb>().Payments.AsNoTracking().ToDictionaryAsync(p => p.ProviderPaymentId, p => p.Status, Ct);
        Assert.All(payments, id => Assert.Equal((string)yookassa.Payment(id)!["status"]!, ours[id]));
        var succeeded = payments.Count(id => (string)yookassa.Payment(id)!["status"]! == "succeeded");
        var events = await scope.ServiceProvider.GetRequiredService<PrivacyDb>().Database
            .SqlQueryRaw<int>("SELECT COUNT(*) AS \"Value\" FROM privacy_outbox WHERE name = 'billing.payment-confirmed'").SingleAsync(Ct);
        Assert.Equal(succeeded, events); // one confirmation per paid invoice, however often it was announced
    }

    [Fact]
    public async Task A_forged_notification_for_a_payment_the_provider_does_not_know_is_refused_and_changes_nothing()
    {
        await using var yookassa = await YooKassaSimulator.StartAsync("100500", "test_secret", cancellationToken: Ct);
        await using var host = await Start(yookassa);
        await InScopeAsync(host, sp => sp.GetRequiredService<SavePayer>().RussianAsync("seller-1", PayerTests.Organisation, Ct));
        var invoice = (await InScopeAsync(host, sp => sp.GetRequiredService<Documents.IssueDocuments>().InvoiceAsync("seller-1", "Подписка", 990m, Ct))).Document!;
        var (checkout, _) = await InScopeAsync(host, sp => sp.GetRequiredService<PayInvoice>().StartAsync("seller-1", invoice.Id, new Uri("http://127.0.0.1/billing/paid"), Ct));
        using var http = host.CreateRawClient();

        using var forged = await http.PostAsync(new Uri(PaymentNotifications.Path, UriKind.Relative), new StringContent(Claim(Guid.NewGuid().ToString())), Ct);
        using var early = await http.PostAsync(new Uri(PaymentNotifications.Path, UriKind.Relative), new StringContent(Claim(checkout!.Segments[^1])), Ct);
        using var garbage = await http.PostAsync(new Uri(PaymentNotifications.Path, UriKind.Relative), new StringContent("not json"), Ct);

        Assert.Equal((HttpStatusCode.BadRequest, HttpStatusCode.OK, HttpStatusCode.BadRequest), (forged.StatusCode, early.StatusCode, garbage.StatusCode));
        await using var scope = host.Scope();
        Assert.Equal("pending", (await scope.ServiceProvider.GetRequiredService<BillingDb>().Payments.SingleAsync(Ct)).Status); // the claim of success was not the provider's
    }

    [Fact]
    public async Task Paying_twice_from_the_same_invoice_makes_one_payment_at_the_provider()
    {
        await using var yookassa = await YooKassaSimulator.StartAsync("100500", "test_secret", cancellationToken: Ct);
        await using var host = await Start(yookassa);
        await InScopeAsync(host, sp => sp.GetRequiredService<SavePayer>().RussianAsync("seller-1", PayerTests.Organisation, Ct));
        var invoice = (await InScopeAsync(host, sp => sp.GetRequiredService<Documents.IssueDocuments>().InvoiceAsync("seller-1", "Подписка", 990m, Ct))).Document!;

        var first = await InScopeAsync(host, sp => sp.GetRequiredService<PayInvoice>().StartAsync("seller-1", invoice.Id, new Uri("http://127.0.0.1/billing/paid"), Ct));
        var second = await InScopeAsync(host, sp => sp.GetRequiredService<PayInvoice>().StartAsync("seller-1", invoice.Id, new Uri("http://127.0.0.1/billing/paid"), Ct));
        var stranger = await InScopeAsync(host, sp => sp.GetRequiredService<PayInvoice>().StartAsync("seller-2", invoice.Id, new Uri("http://127.0.0.1/billing/paid"), Ct));

        Assert.Equal(first.Checkout, second.Checkout);
        Assert.Equal((null, "No such invoice."), stranger);
    }

    private static string Claim(string paymentId) =>
        "{\"type\":\"notification\",\"event\":\"payment.succeeded\",\"object\":{\"id\":\"" + paymentId + "\",\"status\":\"succeeded\",\"paid\":true}}";

    private static Task<CustodianHost> Start(YooKassaSimulator yookassa) =>
        CustodianHost.Builder().OnKestrel()
            .WithSetting("Billing:YooKassa:BaseUrl", yookassa.BaseAddress.ToString())
            .WithSetting("Billing:YooKassa:ShopId", "100500")
            .WithSetting("Billing:YooKassa:SecretKey", "test_secret")
            .BuildAsync(Ct);

    private static async Task<T> InScopeAsync<T>(CustodianHost host, Func<IServiceProvider, Task<T>> work)
    {
        await using var scope = host.Scope();
        return await work(scope.ServiceProvider);
    }
}
