using System.Text.Json;
using System.Xml.Linq;
using Custodian.Modules.Billing.Documents;
using Custodian.Modules.Billing.Invoicing;
using Custodian.Privacy.Abstractions.Access;
using Custodian.Privacy.Abstractions.Events;
using Custodian.Privacy.Abstractions.Scheduling;
using Custodian.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;
using Microsoft.Extensions.DependencyInjection;

namespace Custodian.Modules.Billing.Tests;

/// <summary>
/// A module (the training register) asks billing through the outbox to invoice a Finnish employer
/// (<c>billing.finnish-invoice-requested.v1</c>, ADR 0029): one invoice per key however the request is delivered, an
/// answer event, and bad data rejected where the operator sees it instead of being retried.
/// </summary>
public sealed class EmployerInvoiceRequestTests
{
    private static readonly DateTimeOffset Now = new(2026, 12, 7, 9, 0, 0, TimeSpan.Zero);

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    internal static FinnishInvoicePayer Employer => new(
        "Rakennus Virtanen Oy", "2077474-0", "003720774740", "003721291126", null, "Liisa Virtanen", "liisa.virtanen@example.fi", "040 123 4567", "Työmaa 12 / Liisa");

    internal static FinnishInvoiceRequested Request(string reference, FinnishInvoicePayer? payer = null) => new(
        "training", reference, payer ?? Employer,
        [new FinnishInvoiceLine("Työturvallisuuskorttikoulutus 12.1.2027", 3, 120m, 25.5m), new FinnishInvoiceLine("Kurssimateriaali", 3, 15m, 14m)]);

    [Theory]
    [InlineData(RecordsProvider.Sqlite)]
    [InlineData(RecordsProvider.Postgres)]
    public async Task A_request_published_twice_under_one_key_and_delivered_again_gives_one_invoice_and_one_answer(RecordsProvider records)
    {
        await using var host = await CustodianHost.Builder().WithRecords(records).WithClock(Now).BuildAsync(Ct);
        var first = await PublishAsync(host, Request("group-41"));
        await PublishAsync(host, Request("group-41"));

        await DispatchAsync(host);
        await HandleAsync(host, first, Request("group-41")); // the first delivered again, as after a crash before it was marked

        var invoice = Assert.Single(await FinnishInvoicesAsync(host));
        Assert.Equal((1, 2026, "2026000011"), (invoice.Number, invoice.Year, invoice.Reference));
        Assert.Equal((503.10m, 98.10m), (invoice.Amount, invoice.VatAmount)); // 360 + 25.5 % and 45 + 14 %
        var answer = JsonSerializer.Deserialize<FinnishInvoiceIssued>(Assert.Single(await OutboxAsync(host, FinnishInvoiceIssued.EventName)), EventJson.Options)!;
        Assert.Equal(new FinnishInvoiceIssued("training", "group-41", invoice.Id, "2026-1", "2026000011", new DateOnly(2026, 12, 7), new DateOnly(2026, 12, 21), 503.10m, "EUR"), answer);
        Assert.Equal(0, await UndeliveredAsync(host, FinnishInvoiceRequested.EventName));
    }

    [Theory]
    [InlineData(RecordsProvider.Sqlite)]
    [InlineData(RecordsProvider.Postgres)]
    public async Task A_request_with_a_bad_y_tunnus_is_rejected_once_for_the_operator_to_see_and_not_retried(RecordsProvider records)
    {
        await using var host = await CustodianHost.Builder().WithRecords(records).WithClock(Now).Started().BuildAsync(Ct);
        await PublishAsync(host, Request("group-42", Employer with { BusinessId = "2077474-1" }));

        await DispatchAsync(host);

        Assert.Empty(await FinnishInvoicesAsync(host));
        Assert.Equal(0, await UndeliveredAsync(host, FinnishInvoiceRequested.EventName)); // handled, not left to be retried
        var rejected = JsonSerializer.Deserialize<FinnishInvoiceRejected>(Assert.Single(await OutboxAsync(host, FinnishInvoiceRejected.EventName)), EventJson.Options)!;
        Assert.Equal(("training", "group-42"), (rejected.Source, rejected.SourceReference));
        Assert.StartsWith("Business ID: ", Assert.Single(rejected.Problems, p => p.Field == "payer.business-id").Message, StringComparison.Ordinal);
        using var operatorClient = await host.CreateClientForAsync(Roles.Operator, Ct);
        var page = await operatorClient.GetStringAsync(new Uri("/operator/invoice-requests", UriKind.Relative), Ct);
        Assert.Contains("group-42", page, StringComparison.Ordinal);
        Assert.Contains("payer.business-id", page, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_request_for_a_payer_restricted_at_a_persons_request_is_rejected_and_its_requisites_stay_as_stored()
    {
        await using var host = await CustodianHost.Builder().WithClock(Now).BuildAsync(Ct);
        await HandleAsync(host, Guid.NewGuid(), Request("group-44"));
        await using (var scope = host.Scope())
        {
            await scope.ServiceProvider.GetRequiredService<BillingDb>().Payers.ExecuteUpdateAsync(u => u.SetProperty(p => p.Restricted, true), Ct);
        }

        await HandleAsync(host, Guid.NewGuid(), Request("group-45", Employer with { ContactEmail = "uusi@example.fi" }));

        Assert.Single(await FinnishInvoicesAsync(host));
        var rejected = JsonSerializer.Deserialize<FinnishInvoiceRejected>(Assert.Single(await OutboxAsync(host, FinnishInvoiceRejected.EventName)), EventJson.Options)!;
        Assert.Equal("group-45", rejected.SourceReference);
        Assert.StartsWith("Processing of these billing details is restricted", Assert.Single(rejected.Problems, p => p.Field == "payer").Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_rejected_key_sent_again_with_corrected_data_is_invoiced()
    {
        await using var host = await CustodianHost.Builder().WithClock(Now).BuildAsync(Ct);
        var bad = await PublishAsync(host, Request("group-43", Employer with { BusinessId = "2077474-1" }));
        await DispatchAsync(host);

        await PublishAsync(host, Request("group-43"));
        await DispatchAsync(host);
        await HandleAsync(host, bad, Request("group-43", Employer with { BusinessId = "2077474-1" })); // the bad one again changes nothing

        Assert.Single(await FinnishInvoicesAsync(host));
        await using var scope = host.Scope();
        var row = await scope.ServiceProvider.GetRequiredService<BillingDb>().InvoiceRequests.AsNoTracking().SingleAsync(Ct);
        Assert.Equal((InvoiceRequestRecord.Issued, (string?)null), (row.Status, row.Problems));
    }

    [Fact]
    public async Task Concurrent_deliveries_of_one_key_on_postgresql_issue_one_invoice_with_one_number()
    {
        await using var host = await CustodianHost.Builder().WithPostgres().WithClock(Now).BuildAsync(Ct);
        await HandleAsync(host, Guid.NewGuid(), Request("warm-up")); // the payer and the invoicing key exist; the race is the key's

        await Task.WhenAll(Enumerable.Range(0, 8).Select(_ => Task.Run(() => HandleAsync(host, Guid.NewGuid(), Request("group-44")), Ct)));

        var invoices = await FinnishInvoicesAsync(host);
        Assert.Equal([1, 2], invoices.Select(i => i.Number).Order());
        Assert.Equal(2, (await OutboxAsync(host, FinnishInvoiceIssued.EventName)).Count);
    }

    [Theory]
    [InlineData("{\"source\":\"training\"}", "lines")]
    [InlineData("not json", "request")]
    [InlineData("{\"source\":\"Training!\",\"sourceReference\":\"x\"}", "source")]
    public async Task An_unreadable_or_incomplete_request_is_rejected_with_the_field_named(string payload, string field)
    {
        await using var host = await CustodianHost.Builder().WithClock(Now).BuildAsync(Ct);

        await HandleRawAsync(host, Guid.NewGuid(), payload);

        Assert.Empty(await FinnishInvoicesAsync(host));
        var rejected = JsonSerializer.Deserialize<FinnishInvoiceRejected>(Assert.Single(await OutboxAsync(host, FinnishInvoiceRejected.EventName)), EventJson.Options)!;
        Assert.Contains(rejected.Problems, p => p.Field == field);
    }

    [Fact]
    public async Task Lines_are_checked_each_with_its_own_field()
    {
        await using var host = await CustodianHost.Builder().WithClock(Now).BuildAsync(Ct);

        await HandleAsync(host, Guid.NewGuid(), Request("group-45") with { Lines = [new("", 0, -1m, 101m), new("Kurssi", 1.005m, 10m, 25.5m)] });

        var rejected = JsonSerializer.Deserialize<FinnishInvoiceRejected>(Assert.Single(await OutboxAsync(host, FinnishInvoiceRejected.EventName)), EventJson.Options)!;
        Assert.Equal(["lines[0].description", "lines[0].quantity", "lines[0].unit-price", "lines[0].vat-rate", "lines[1].quantity"], rejected.Problems.Select(p => p.Field));
    }

    [Fact]
    public async Task The_invoice_of_a_request_is_finvoice_3_0_with_a_row_per_line_a_vat_breakdown_per_rate_and_the_buyers_reference()
    {
        await using var host = await CustodianHost.Builder().WithClock(Now).BuildAsync(Ct);
        await HandleAsync(host, Guid.NewGuid(), Request("group-46"));
        var invoice = Assert.Single(await FinnishInvoicesAsync(host));
        await using var scope = host.Scope();

        var xml = FinvoiceMessage.Build(invoice, await scope.ServiceProvider.GetRequiredService<IssueFinnishInvoice>().OpenPayerAsync(invoice, Ct));

        Assert.Empty(FinnishInvoiceTests.Validate(xml));
        var document = XDocument.Load(new MemoryStream(xml));
        Assert.Equal("Työmaa 12 / Liisa", document.Descendants("BuyerReferenceIdentifier").Single().Value);
        Assert.Equal(["3", "3"], document.Descendants("DeliveredQuantity").Select(q => q.Value));
        Assert.Equal(["451,80", "51,30"], document.Descendants("RowAmount").Select(a => a.Value));
        Assert.Equal(["25,5:91,80", "14:6,30"], document.Descendants("VatSpecificationDetails").Select(v => v.Element("VatRatePercent")!.Value + ":" + v.Element("VatRateAmount")!.Value));
        Assert.Equal("503,10", document.Descendants("EpiInstructedAmount").Single().Value);
    }

    /// <summary>What the requesting module does: the request into the outbox inside its own transaction on the records database.</summary>
    internal static async Task<Guid> PublishAsync(CustodianHost host, FinnishInvoiceRequested request)
    {
        await using var scope = host.Scope();
        var db = scope.ServiceProvider.GetRequiredService<BillingDb>();
        await using var transaction = await db.Database.BeginTransactionAsync(Ct);
        var id = await scope.ServiceProvider.GetRequiredService<IEventOutbox>().AddAsync(transaction.GetDbTransaction(), request, Ct);
        await transaction.CommitAsync(Ct);
        return id;
    }

    /// <summary>One run of the kernel's outbox dispatcher, as the scheduler runs it.</summary>
    internal static async Task DispatchAsync(CustodianHost host)
    {
        var work = host.Services.GetServices<IScheduledWork>().Single(w => w.Name == "privacy.events");
        await using var scope = host.Scope();
        await work.RunAsync(scope.ServiceProvider, Ct);
    }

    private static Task HandleAsync(CustodianHost host, Guid eventId, FinnishInvoiceRequested request) =>
        HandleRawAsync(host, eventId, JsonSerializer.Serialize(request, EventJson.Options));

    private static async Task HandleRawAsync(CustodianHost host, Guid eventId, string payload)
    {
        await using var scope = host.Scope();
        var subscriber = scope.ServiceProvider.GetServices<IEventSubscriber>().Single(s => s.Name == "billing.invoice-employer-on-request");
        await subscriber.HandleAsync(new EventDelivery(eventId, FinnishInvoiceRequested.EventName, Now, 1), payload, Ct);
    }

    internal static async Task<List<DocumentRecord>> FinnishInvoicesAsync(CustodianHost host)
    {
        await using var scope = host.Scope();
        return await scope.ServiceProvider.GetRequiredService<BillingDb>().Documents.AsNoTracking().Where(d => d.Kind == DocumentKind.FinnishInvoice).ToListAsync(Ct);
    }

    private static async Task<List<string>> OutboxAsync(CustodianHost host, string name)
    {
        await using var scope = host.Scope();
        return await scope.ServiceProvider.GetRequiredService<BillingDb>().Database
            .SqlQuery<string>($"SELECT payload AS \"Value\" FROM privacy_outbox WHERE name = {name}").ToListAsync(Ct);
    }

    private static async Task<int> UndeliveredAsync(CustodianHost host, string name)
    {
        await using var scope = host.Scope();
        return await scope.ServiceProvider.GetRequiredService<BillingDb>().Database
            .SqlQuery<int>($"SELECT COUNT(*) AS \"Value\" FROM privacy_outbox WHERE name = {name} AND delivered_at_us IS NULL").SingleAsync(Ct);
    }
}
