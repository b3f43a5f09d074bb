using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Custodian.Modules.Billing.Documents;
using Custodian.Modules.Billing.Payers;
using Custodian.Modules.Billing.Payments;
using Custodian.Modules.Billing.Plans;
using Custodian.Modules.Billing.Rights;
using Custodian.Privacy.Abstractions.Protection;
using Custodian.Simulators.YooKassa;
using Custodian.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using static Custodian.Modules.Billing.Tests.PlanChoiceTests;

namespace Custodian.Modules.Billing.Tests;

/// <summary>
/// A payer restricted by a data-subject request is only stored: no new invoice or act names it, its e-mail goes to no
/// payment provider, and the pages say why instead of failing.
/// </summary>
public sealed class RestrictedPayerTests
{
    private static readonly DateTimeOffset Now = new(2026, 12, 7, 9, 0, 0, TimeSpan.Zero);

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Theory]
    [InlineData(RecordsProvider.Sqlite)]
    [InlineData(RecordsProvider.Postgres)]
    public async Task A_restricted_payer_gets_no_new_invoice_nor_payment_and_nothing_is_stored(RecordsProvider records)
    {
        await using var yookassa = await YooKassaSimulator.StartAsync("100500", "test_secret", cancellationToken: Ct);
        await using var host = await Start(yookassa, records);
        var account = await SellerWithPayerAsync(host);
        var (issuedBefore, _, _) = await InScopeAsync(host, sp => sp.GetRequiredService<ChoosePlan>().OrderAsync(account, "start", "monthly", Ct));
        await RestrictAsync(host, account);

        var (invoice, _, problem) = await InScopeAsync(host, sp => sp.GetRequiredService<ChoosePlan>().OrderAsync(account, "business", "monthly", Ct));
        var (checkout, payProblem) = await InScopeAsync(host, sp => sp.GetRequiredService<PayInvoice>().StartAsync(account, issuedBefore!.Id, new Uri("http://127.0.0.1/billing/plans"), Ct));

        Assert.Null(invoice);
        Assert.Equal(("payer", PayerRestriction.Message), (problem!.Field, problem.Message));
        Assert.Null(checkout);
        Assert.Equal(PayerRestriction.Message, payProblem);
        await using var scope = host.Scope();
        var db = scope.ServiceProvider.GetRequiredService<BillingDb>();
        Assert.Equal((1, 1, 0), (await db.Documents.CountAsync(Ct), await db.PlanOrders.CountAsync(Ct), await db.Payments.CountAsync(Ct)));
    }

    [Fact]
    public async Task An_invoice_paid_before_the_restriction_gets_no_act_and_its_event_is_handled_without_failing()
    {
        await using var yookassa = await YooKassaSimulator.StartAsync("100500", "test_secret", cancellationToken: Ct);
        await using var host = await Start(yookassa, RecordsProvider.Sqlite);
        var account = await SellerWithPayerAsync(host);
        var (invoice, _, _) = await InScopeAsync(host, sp => sp.GetRequiredService<ChoosePlan>().OrderAsync(account, "start", "monthly", Ct));
        await PayAsync(host, yookassa, account, invoice!.Id);
        await RestrictAsync(host, account);

        await DeliverEventsAsync(host);

        await using var scope = host.Scope();
        Assert.False(await scope.ServiceProvider.GetRequiredService<BillingDb>().Documents.AnyAsync(d => d.Kind == DocumentKind.Act, Ct));
        var (act, problem) = await scope.ServiceProvider.GetRequiredService<IssueDocuments>().ActAsync(invoice.Id, Ct);
        Assert.Null(act);
        Assert.Equal(PayerRestriction.Message, problem);
    }

    [Fact]
    public async Task The_plans_page_and_the_api_tell_a_restricted_payer_why_no_invoice_is_issued()
    {
        await using var host = await CustodianHost.Builder().WithClock(Now).Started().BuildAsync(Ct);
        var link = await SignInLinks.SellerAsync(host, Ct);
        var seller = host.CreateClient();
        using (var signIn = await seller.PostFormAsync(link, [], cancellationToken: Ct))
        {
            Assert.Equal(HttpStatusCode.Redirect, signIn.StatusCode);
        }

        await using (var scope = host.Scope())
        {
            var ids = await scope.ServiceProvider.GetRequiredService<BillingDb>().Database.SqlQueryRaw<Guid>("SELECT id AS \"Value\" FROM marketplace_sellers").ToListAsync(Ct);
            var account = "seller-" + ids.Single().ToString("N");
            await scope.ServiceProvider.GetRequiredService<SavePayer>().RussianAsync(account, PayerTests.Organisation, Ct);
            await RestrictAsync(host, account);
        }

        var page = WebUtility.HtmlDecode(await seller.GetStringAsync(new Uri("/billing/plans?Plan=start&Cycle=monthly", UriKind.Relative), Ct));
        using var order = await seller.PostAsJsonAsync(new Uri("/api/billing/plans/orders", UriKind.Relative), new { plan = "start", cycle = "monthly" }, Ct);

        Assert.Contains("id=\"payer-restricted\">" + PayerRestriction.Message, page, StringComparison.Ordinal);
        Assert.Matches("id=\"get-invoice\" disabled", page);
        Assert.Equal(HttpStatusCode.BadRequest, order.StatusCode);
        var errors = (await order.Content.ReadFromJsonAsync<JsonElement>(Ct)).GetProperty("errors");
        Assert.Equal(PayerRestriction.Message, errors.GetProperty("payer")[0].GetString());
    }

    /// <summary>The payer restricted as the kernel restricts it when executing a data-subject request.</summary>
    private static async Task RestrictAsync(CustodianHost host, string account)
    {
        await using var scope = host.Scope();
        var db = scope.ServiceProvider.GetRequiredService<BillingDb>();
        var subject = await db.Payers.AsNoTracking().Where(p => p.Account == account).Select(p => p.SubjectId).SingleAsync(Ct);
        var provider = scope.ServiceProvider.GetServices<Custodian.Privacy.Abstractions.Requests.IPersonalDataProvider>().OfType<BillingDataProvider>().Single();
        Assert.True(await provider.RestrictAsync(new SubjectId(subject), "billing", true, Ct) > 0);
    }
}
