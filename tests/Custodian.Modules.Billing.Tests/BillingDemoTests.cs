using System.Globalization;
using System.Xml.Linq;
using Custodian.Modules.Billing.Demo;
using Custodian.Modules.Billing.Documents;
using Custodian.Privacy.Abstractions.Access;
using Custodian.Privacy.Abstractions.Identifiers;
using Custodian.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace Custodian.Modules.Billing.Tests;

/// <summary>The demo's Finnish employer: one invoice whose virtual barcode and Finvoice message are right, found from the operator's pages.</summary>
public sealed class BillingDemoTests
{
    private static readonly DateTimeOffset Now = new(2026, 12, 7, 9, 0, 0, TimeSpan.Zero);

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Theory]
    [InlineData(RecordsProvider.Sqlite)]
    [InlineData(RecordsProvider.Postgres)]
    public async Task The_demo_invoice_is_issued_once_and_its_barcode_decodes_to_its_iban_amount_reference_and_due_date(RecordsProvider records)
    {
        await using var host = await CustodianHost.Builder().WithRecords(records).WithClock(Now).BuildAsync(Ct);

        var invoice = await SeedAsync(host);
        var again = await SeedAsync(host);

        Assert.Equal(invoice.Id, again.Id);
        Assert.Single(await EmployerInvoiceRequestTests.FinnishInvoicesAsync(host));
        var seller = IssueFinnishInvoice.Seller(invoice);
        var digits = VirtualBarcode.TryCreate(seller.Iban, invoice.Amount, invoice.Reference!, invoice.DueOn).Digits!;
        var decoded = Decode(digits);
        Assert.Equal((Iban.Check(seller.Iban).Normalised, invoice.Amount, invoice.Reference, invoice.DueOn), decoded);
        Assert.Equal((1118.21m, new DateOnly(2026, 12, 21)), (invoice.Amount, invoice.DueOn)); // 600.00 + 153.00 VAT and 291.00 + 74.21 VAT (74.205 rounded up)
        Assert.True(Iban.Check(decoded.Iban!).IsValid);
        Assert.True(Viite.Check(decoded.Reference!).IsValid);
    }

    [Fact]
    public async Task The_demo_invoice_is_finvoice_3_0_to_the_employers_e_invoice_address()
    {
        await using var host = await CustodianHost.Builder().WithClock(Now).BuildAsync(Ct);
        var invoice = await SeedAsync(host);
        await using var scope = host.Scope();

        var xml = FinvoiceMessage.Build(invoice, await scope.ServiceProvider.GetRequiredService<IssueFinnishInvoice>().OpenPayerAsync(invoice, Ct));

        Assert.Empty(FinnishInvoiceTests.Validate(xml));
        var document = XDocument.Load(new MemoryStream(xml));
        string Value(string name) => document.Descendants(name).Single().Value;
        Assert.Equal(("003716180333", "003721291126", "1618033-3"), (Value("ToIdentifier"), Value("ToIntermediator"), Value("BuyerPartyIdentifier")));
        Assert.Equal((invoice.Reference, Money(invoice.Amount)), (Value("EpiRemittanceInfoIdentifier"), Value("EpiInstructedAmount")));
        Assert.Equal(2, document.Descendants("InvoiceRow").Count());
    }

    [Fact]
    public async Task Staff_reach_the_demo_invoice_from_the_list_of_finnish_invoices()
    {
        await using var host = await CustodianHost.Builder().WithClock(Now).Started().BuildAsync(Ct);
        var invoice = await SeedAsync(host);
        using var staff = await host.CreateClientForAsync(Roles.Operator, Ct);

        var list = await staff.GetStringAsync(new Uri("/operator/invoices", UriKind.Relative), Ct);
        var page = await staff.GetStringAsync(new Uri($"/operator/invoices/{invoice.Id}", UriKind.Relative), Ct);

        Assert.Contains($"href=\"/operator/invoices/{invoice.Id}\"", list, StringComparison.Ordinal);
        Assert.Contains("Esimerkki Asennus Oy", list, StringComparison.Ordinal);
        var seller = IssueFinnishInvoice.Seller(invoice);
        Assert.Contains(VirtualBarcode.TryCreate(seller.Iban, invoice.Amount, invoice.Reference!, invoice.DueOn).Digits!, page, StringComparison.Ordinal);
    }

    /// <summary>A version 4 barcode read back as a bank reads it: IBAN, amount, reference, due date.</summary>
    private static (string? Iban, decimal Amount, string? Reference, DateOnly? DueOn) Decode(string digits)
    {
        Assert.Equal(54, digits.Length);
        Assert.Equal('4', digits[0]);
        var account = digits[1..17];
        var amount = decimal.Parse(digits[17..23], CultureInfo.InvariantCulture) + (decimal.Parse(digits[23..25], CultureInfo.InvariantCulture) / 100m);
        Assert.Equal("000", digits[25..28]);
        var reference = digits[28..48].TrimStart('0');
        var due = DateOnly.ParseExact("20" + digits[48..54], "yyyyMMdd", CultureInfo.InvariantCulture);
        return (Iban.Check("FI" + account).Normalised ?? "FI" + account, amount, reference, due);
    }

    private static string Money(decimal amount) => amount.ToString("0.00", CultureInfo.InvariantCulture).Replace('.', ',');

    private static async Task<DocumentRecord> SeedAsync(CustodianHost host)
    {
        await using var scope = host.Scope();
        return await scope.ServiceProvider.GetRequiredService<BillingDemoSeed>().SeedAsync(Ct);
    }
}
