using System.Net;
using Custodian.Modules.Billing.Documents;
using Custodian.Privacy.Abstractions.Access;
using Custodian.Testing;

namespace Custodian.Modules.Billing.Tests;

/// <summary>An accountant (staff) issues a Finnish invoice on <c>/operator/invoices/new-fi</c>: field messages, nothing stored half-way, one invoice per form.</summary>
public sealed class StaffFinnishInvoiceTests
{
    private static readonly DateTimeOffset Now = new(2026, 12, 7, 9, 0, 0, TimeSpan.Zero);

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    internal static Dictionary<string, string> Form(string key) => new()
    {
        ["Key"] = key,
        ["Name"] = "Rakennus Virtanen Oy",
        ["BusinessId"] = "2077474-0",
        ["EInvoiceAddress"] = "003720774740",
        ["EInvoiceOperator"] = "003721291126",
        ["ContactName"] = "Liisa Virtanen",
        ["ContactEmail"] = "liisa.virtanen@example.fi",
        ["BuyerReference"] = "Tilaus 7781",
        ["Lines[0].Description"] = "Tulityökorttikoulutus 14.1.2027",
        ["Lines[0].Quantity"] = "2",
        ["Lines[0].UnitPrice"] = "145,50",
        ["Lines[0].VatRate"] = "25,5",
        ["DueDate"] = "2026-12-31",
    };

    [Theory]
    [InlineData(RecordsProvider.Sqlite)]
    [InlineData(RecordsProvider.Postgres)]
    public async Task A_form_sent_twice_issues_one_invoice_and_opens_it_for_staff(RecordsProvider records)
    {
        await using var host = await CustodianHost.Builder().WithRecords(records).WithClock(Now).Started().BuildAsync(Ct);
        using var staff = await host.CreateClientForAsync(Roles.Operator, Ct);
        var key = Guid.NewGuid().ToString("D");

        using var first = await staff.PostFormAsync("/operator/invoices/new-fi", Form(key), cancellationToken: Ct);
        using var second = await staff.PostFormAsync("/operator/invoices/new-fi", Form(key), cancellationToken: Ct);

        Assert.Equal((HttpStatusCode.Redirect, first.Headers.Location), (second.StatusCode, second.Headers.Location));
        var invoice = Assert.Single(await EmployerInvoiceRequestTests.FinnishInvoicesAsync(host));
        Assert.Equal((365.21m, new DateOnly(2026, 12, 31)), (invoice.Amount, invoice.DueOn)); // 2 × 145.50 = 291.00 + 25.5 % (74.21)
        Assert.Equal($"/operator/invoices/{invoice.Id}?issued=true", first.Headers.Location!.OriginalString);
        var page = await staff.GetStringAsync(first.Headers.Location, Ct);
        Assert.Contains(VirtualBarcode.TryCreate("FI2112345600000785", invoice.Amount, invoice.Reference!, invoice.DueOn).Digits!, page, StringComparison.Ordinal);
        Assert.Contains("Tilaus 7781", page, StringComparison.Ordinal);
        using var finvoice = await staff.GetAsync(new Uri($"/operator/invoices/{invoice.Id}?handler=Finvoice", UriKind.Relative), Ct);
        Assert.Empty(FinnishInvoiceTests.Validate(await finvoice.Content.ReadAsByteArrayAsync(Ct)));
        using var pdf = await staff.GetAsync(new Uri($"/operator/invoices/{invoice.Id}?handler=Pdf", UriKind.Relative), Ct);
        Assert.Equal("application/pdf", pdf.Content.Headers.ContentType!.MediaType);
        Assert.Contains(FinvoiceMessage.Number(invoice), await staff.GetStringAsync(new Uri("/operator/invoices", UriKind.Relative), Ct), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Every_mistake_is_named_at_its_field_in_finnish_and_nothing_is_issued()
    {
        await using var host = await CustodianHost.Builder().WithClock(Now).Started().BuildAsync(Ct);
        using var staff = await host.CreateClientForAsync(Roles.Operator, Ct);
        staff.DefaultRequestHeaders.AcceptLanguage.ParseAdd("fi");
        var form = Form(Guid.NewGuid().ToString("D"));
        form["BusinessId"] = "2077474-1";
        form["EInvoiceAddress"] = "FI2112345600000786";
        form["Lines[0].UnitPrice"] = "kaksi";
        form["Lines[1].Description"] = "Materiaali";
        form["Lines[1].UnitPrice"] = "10,001";
        form["DueDate"] = "2026-12-01";

        using var response = await staff.PostFormAsync("/operator/invoices/new-fi", form, cancellationToken: Ct);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var html = WebUtility.HtmlDecode(await response.Content.ReadAsStringAsync(Ct));
        Assert.Contains("id=\"line-0-unit-price-error\">Kirjoita yksikköhinta euroina", html, StringComparison.Ordinal);
        Assert.Contains("id=\"business-id-error\">Y-tunnus: tarkistusnumeron pitää olla 0, ei 1", html, StringComparison.Ordinal);
        Assert.Contains("id=\"e-invoice-address-error\">Verkkolaskuosoite on OVT-tunnus (0037…) tai IBAN: tarkistusnumeroiden pitäisi olla", html, StringComparison.Ordinal);
        Assert.Contains("id=\"line-1-unit-price-error\">Yksikköhinnan on oltava", html, StringComparison.Ordinal);
        Assert.Contains("id=\"due-date-error\">Eräpäivä on", html, StringComparison.Ordinal);
        Assert.Contains("value=\"Rakennus Virtanen Oy\"", html, StringComparison.Ordinal); // what was typed stays
        Assert.Empty(await EmployerInvoiceRequestTests.FinnishInvoicesAsync(host));
    }

    [Fact]
    public async Task Only_staff_open_the_form()
    {
        await using var host = await CustodianHost.Builder().WithClock(Now).Started().BuildAsync(Ct);
        using var seller = await host.CreateClientForAsync(Roles.SellerOwner, Ct);

        using var response = await seller.GetAsync(new Uri("/operator/invoices/new-fi", UriKind.Relative), Ct);

        Assert.NotEqual(HttpStatusCode.OK, response.StatusCode);
    }
}
