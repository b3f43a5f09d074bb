using System.Xml;
using System.Xml.Linq;
using System.Xml.Schema;
using Custodian.Modules.Billing.Documents;
using Custodian.Modules.Billing.Payers;
using Custodian.Privacy.Abstractions.Identifiers;
using Custodian.Testing;
using Microsoft.Extensions.DependencyInjection;
using UglyToad.PdfPig;

namespace Custodian.Modules.Billing.Tests;

/// <summary>A Finnish employer's invoice: reference, VAT, due date, the virtual barcode, PDF and Finvoice 3.0 valid against the published schema.</summary>
public sealed class FinnishInvoiceTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static readonly DateTimeOffset Now = new(2026, 12, 7, 9, 0, 0, TimeSpan.Zero);

    [Theory]
    [InlineData(RecordsProvider.Sqlite)]
    [InlineData(RecordsProvider.Postgres)]
    public async Task An_employer_is_invoiced_with_vat_a_reference_of_year_and_number_and_a_due_date_after_the_term(RecordsProvider records)
    {
        await using var host = await CustodianHost.Builder().WithRecords(records).WithClock(Now).BuildAsync(Ct);

        var (first, second) = (await IssueAsync(host, 1000m), await IssueAsync(host, 480m));

        Assert.Equal((1, 2026, 1255.00m, 255.00m, 25.5m), (first.Number, first.Year, first.Amount, first.VatAmount, first.VatRate));
        Assert.Equal((2, 602.40m), (second.Number, second.Amount));
        Assert.Equal(new DateOnly(2026, 12, 21), first.DueOn);
        Assert.Equal(("2026000011", "2026000024"), (first.Reference, second.Reference));
        Assert.True(Viite.Check(first.Reference!).IsValid);
    }

    [Fact]
    public async Task The_virtual_barcode_is_version_4_with_the_sellers_iban_amount_reference_and_due_date()
    {
        await using var host = await CustodianHost.Builder().WithClock(Now).BuildAsync(Ct);
        var invoice = await IssueAsync(host, 1000m);

        var (barcode, problem) = VirtualBarcode.TryCreate("FI2112345600000785", invoice.Amount, invoice.Reference!, invoice.DueOn);

        Assert.Null(problem);
        Assert.Equal("4" + "2112345600000785" + "001255" + "00" + "000" + "00000000002026000011" + "261221", barcode);
    }

    [Fact]
    public async Task With_rf_references_the_invoice_carries_the_rf_form_and_the_barcode_is_version_5()
    {
        await using var host = await CustodianHost.Builder().WithClock(Now).WithSetting("Billing:FinnishSupplier:Reference", "rf").BuildAsync(Ct);

        var invoice = await IssueAsync(host, 1000m);

        Assert.True(RfReference.Check(invoice.Reference!).IsValid);
        Assert.EndsWith("2026000011", invoice.Reference, StringComparison.Ordinal);
        Assert.StartsWith("5", VirtualBarcode.TryCreate("FI2112345600000785", invoice.Amount, invoice.Reference!, invoice.DueOn).Digits, StringComparison.Ordinal);
        Assert.Empty(Validate(await FinvoiceAsync(host, invoice)));
    }

    [Fact]
    public async Task The_finvoice_message_is_valid_finvoice_3_0_and_carries_the_payment_facts()
    {
        await using var host = await CustodianHost.Builder().WithClock(Now).BuildAsync(Ct);
        var invoice = await IssueAsync(host, 1000m);

        var xml = await FinvoiceAsync(host, invoice);

        Assert.Empty(Validate(xml));
        var document = XDocument.Load(new MemoryStream(xml));
        string Value(string name) => document.Descendants(name).Single().Value;
        Assert.Equal(("003720774740", "003721291126"), (Value("ToIdentifier"), Value("ToIntermediator")));
        Assert.Equal(("2077474-0", "Rakennus Virtanen Oy"), (Value("BuyerPartyIdentifier"), Value("BuyerOrganisationName")));
        Assert.Equal(("1255,00", "255,00", "25,5"), (Value("InvoiceTotalVatIncludedAmount"), Value("InvoiceTotalVatAmount"), Value("VatRatePercent")));
        Assert.Equal(("2026000011", "FI2112345600000785", "NDEAFIHH", "20261221"), (Value("EpiRemittanceInfoIdentifier"), Value("EpiAccountID"), Value("EpiBfiIdentifier"), Value("EpiDateOptionDate")));
    }

    [Fact]
    public void The_schema_refuses_a_message_without_its_payment_details()
    {
        var broken = new XDocument(new XElement("Finvoice", new XAttribute("Version", "3.0"), new XElement("SellerPartyDetails", new XElement("SellerOrganisationName", "Oy"))));
        using var stream = new MemoryStream();
        broken.Save(stream);

        Assert.NotEmpty(Validate(stream.ToArray())); // the check has teeth
    }

    [Fact]
    public async Task The_pdf_is_in_finnish_with_the_barcode_the_reference_and_the_due_date()
    {
        await using var host = await CustodianHost.Builder().WithClock(Now).BuildAsync(Ct);
        var invoice = await IssueAsync(host, 1000m);
        await using var scope = host.Scope();
        var payer = await scope.ServiceProvider.GetRequiredService<IssueFinnishInvoice>().OpenPayerAsync(invoice, Ct);

        using var pdf = PdfDocument.Open(FinnishInvoicePdf.Render(invoice, payer));

        var text = string.Join(" ", pdf.GetPages().SelectMany(p => p.GetWords()).Select(w => w.Text));
        Assert.Contains("LASKU", text, StringComparison.Ordinal);
        Assert.Contains("Eräpäivä 21.12.2026", text, StringComparison.Ordinal);
        Assert.Contains("Viitenumero 20260 00011", text, StringComparison.Ordinal);
        Assert.Contains("Yhteyshenkilö: Liisa Virtanen", text, StringComparison.Ordinal);
        Assert.Contains("Maksettava yhteensä (EUR) 1 255,00", text.Replace('\u00a0', ' '), StringComparison.Ordinal);
        Assert.Contains("4" + "2112345600000785" + "001255" + "00" + "000" + "00000000002026000011" + "261221", text, StringComparison.Ordinal);
        Assert.All(pdf.GetPages().SelectMany(p => p.GetWords()).Select(w => w.FontName).Distinct(), f => Assert.Matches(@"^[A-Z]{6}\+DejaVu Sans", f));
    }

    [Fact]
    public async Task An_account_without_a_finnish_payer_gets_no_finnish_invoice()
    {
        await using var host = await CustodianHost.Builder().WithClock(Now).BuildAsync(Ct);
        await using (var scope = host.Scope())
        {
            await scope.ServiceProvider.GetRequiredService<SavePayer>().RussianAsync("seller-1", PayerTests.Organisation, Ct);
        }

        await using var issue = host.Scope();
        var (invoice, problem) = await issue.ServiceProvider.GetRequiredService<IssueFinnishInvoice>().InvoiceAsync("seller-1", "Työturvallisuuskortti", 100m, Ct);

        Assert.Null(invoice);
        Assert.Equal("Enter the billing details first: there is no Finnish payer for this account.", problem);
    }

    internal static List<string> Validate(byte[] xml)
    {
        var schemas = new XmlSchemaSet();
        schemas.Add(null, Path.Combine(Repository.Root, "src", "Custodian.Modules.Billing", "Documents", "Finvoice", "Finvoice3.0.xsd"));
        var problems = new List<string>();
        var settings = new XmlReaderSettings { ValidationType = ValidationType.Schema, Schemas = schemas };
        settings.ValidationEventHandler += (_, e) => problems.Add($"{e.Severity}: {e.Message}");
        using var reader = XmlReader.Create(new MemoryStream(xml), settings);
        while (reader.Read())
        {
        }

        return problems;
    }

    private static async Task<byte[]> FinvoiceAsync(CustodianHost host, DocumentRecord invoice)
    {
        await using var scope = host.Scope();
        return FinvoiceMessage.Build(invoice, await scope.ServiceProvider.GetRequiredService<IssueFinnishInvoice>().OpenPayerAsync(invoice, Ct));
    }

    private static async Task<DocumentRecord> IssueAsync(CustodianHost host, decimal price)
    {
        await using var scope = host.Scope();
        Assert.Empty(await scope.ServiceProvider.GetRequiredService<SavePayer>().FinnishAsync("employer-1", FinnishPayerTests.Employer, Ct));
        var (invoice, problem) = await scope.ServiceProvider.GetRequiredService<IssueFinnishInvoice>().InvoiceAsync("employer-1", "Työturvallisuuskorttikoulutus, 2 osallistujaa", price, Ct);
        Assert.Null(problem);
        return invoice!;
    }
}
