using Custodian.Modules.Billing.Documents;
using Custodian.Modules.Billing.Payers;
using Custodian.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using UglyToad.PdfPig;

namespace Custodian.Modules.Billing.Tests;

/// <summary>Russian invoices and acts: numbered per year without gaps under parallel issuers, immutable, rendered as PDF.</summary>
public sealed class DocumentTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Theory]
    [InlineData(RecordsProvider.Sqlite)]
    [InlineData(RecordsProvider.Postgres)]
    public async Task Twenty_invoices_issued_in_parallel_are_numbered_1_to_20_without_gaps_and_acts_count_on_their_own(RecordsProvider records)
    {
        await using var host = await CustodianHost.Builder().WithRecords(records).WithClock(new DateTimeOffset(2026, 12, 7, 9, 0, 0, TimeSpan.Zero)).BuildAsync(Ct);
        await InScopeAsync(host, sp => sp.GetRequiredService<SavePayer>().RussianAsync("seller-1", PayerTests.Organisation, Ct));

        var issued = await Task.WhenAll(Enumerable.Range(0, 20).Select(i => InScopeAsync(host, sp => sp.GetRequiredService<IssueDocuments>().InvoiceAsync("seller-1", $"Подписка Business, месяц {i}", 1490m, Ct))));
        var act = await InScopeAsync(host, sp => sp.GetRequiredService<IssueDocuments>().ActAsync(issued[0].Document!.Id, Ct));

        Assert.All(issued, i => Assert.Null(i.Problem));
        Assert.Equal(Enumerable.Range(1, 20), issued.Select(i => i.Document!.Number).Order());
        Assert.All(issued, i => Assert.Equal(2026, i.Document!.Year));
        Assert.Equal((DocumentKind.Act, 1), (act.Document!.Kind, act.Document.Number));
    }

    [Theory]
    [InlineData(RecordsProvider.Sqlite)]
    [InlineData(RecordsProvider.Postgres)]
    public async Task Numbering_starts_again_at_1_in_a_new_year_by_the_moscow_calendar(RecordsProvider records)
    {
        await using var host = await CustodianHost.Builder().WithRecords(records).WithClock(new DateTimeOffset(2026, 12, 31, 20, 0, 0, TimeSpan.Zero)).BuildAsync(Ct);
        await InScopeAsync(host, sp => sp.GetRequiredService<SavePayer>().RussianAsync("seller-1", PayerTests.Organisation, Ct));

        var lastOfYear = await InScopeAsync(host, sp => sp.GetRequiredService<IssueDocuments>().InvoiceAsync("seller-1", "Подписка", 100m, Ct));
        host.SettableClock.Advance(TimeSpan.FromHours(1)); // 21:00 UTC is midnight in Moscow
        var firstOfYear = await InScopeAsync(host, sp => sp.GetRequiredService<IssueDocuments>().InvoiceAsync("seller-1", "Подписка", 100m, Ct));

        Assert.Equal((2026, 1), (lastOfYear.Document!.Year, lastOfYear.Document.Number));
        Assert.Equal((2027, 1, new DateOnly(2027, 1, 1)), (firstOfYear.Document!.Year, firstOfYear.Document.Number, firstOfYear.Document.IssuedOn));
    }

    [Theory]
    [InlineData(RecordsProvider.Sqlite)]
    [InlineData(RecordsProvider.Postgres)]
    public async Task An_issued_document_cannot_be_changed_and_keeps_the_payers_requisites_of_its_day(RecordsProvider records)
    {
        await using var host = await CustodianHost.Builder().WithRecords(records).BuildAsync(Ct);
        await InScopeAsync(host, sp => sp.GetRequiredService<SavePayer>().RussianAsync("seller-1", PayerTests.Organisation, Ct));
        var invoice = (await InScopeAsync(host, sp => sp.GetRequiredService<IssueDocuments>().InvoiceAsync("seller-1", "Подписка", 100m, Ct))).Document!;
        await InScopeAsync(host, sp => sp.GetRequiredService<SavePayer>().RussianAsync("seller-1", PayerTests.Organisation with { Name = "ООО «Ромашка-2»" }, Ct));

        await using var scope = host.Scope();
        var db = scope.ServiceProvider.GetRequiredService<BillingDb>();
        var stored = await db.Documents.SingleAsync(d => d.Id == invoice.Id, Ct);
        Assert.Equal("ООО «Ромашка»", (await scope.ServiceProvider.GetRequiredService<IssueDocuments>().OpenPayerAsync(stored, Ct)).Name);
        stored.Amount = 1m;
        await Assert.ThrowsAsync<InvalidOperationException>(() => db.SaveChangesAsync(Ct));
        db.ChangeTracker.Clear();
        db.Documents.Remove(await db.Documents.SingleAsync(d => d.Id == invoice.Id, Ct));
        await Assert.ThrowsAsync<InvalidOperationException>(() => db.SaveChangesAsync(Ct));
    }

    [Theory]
    [InlineData("0", "The amount must be above zero with at most two decimals.")]
    [InlineData("-10", "The amount must be above zero with at most two decimals.")]
    [InlineData("10.001", "The amount must be above zero with at most two decimals.")]
    public async Task A_zero_negative_or_fractional_kopeck_amount_is_refused_and_takes_no_number(string amount, string problem)
    {
        await using var host = await CustodianHost.Builder().BuildAsync(Ct);
        await InScopeAsync(host, sp => sp.GetRequiredService<SavePayer>().RussianAsync("seller-1", PayerTests.Organisation, Ct));

        var refused = await InScopeAsync(host, sp => sp.GetRequiredService<IssueDocuments>().InvoiceAsync("seller-1", "Подписка", decimal.Parse(amount, System.Globalization.CultureInfo.InvariantCulture), Ct));
        var next = await InScopeAsync(host, sp => sp.GetRequiredService<IssueDocuments>().InvoiceAsync("seller-1", "Подписка", 1m, Ct));

        Assert.Equal((null, problem), refused);
        Assert.Equal(1, next.Document!.Number);
    }

    [Fact]
    public async Task An_account_without_billing_details_gets_no_invoice()
    {
        await using var host = await CustodianHost.Builder().BuildAsync(Ct);

        var refused = await InScopeAsync(host, sp => sp.GetRequiredService<IssueDocuments>().InvoiceAsync("seller-9", "Подписка", 1m, Ct));

        Assert.Equal("Enter the billing details first: there is no Russian payer for this account.", refused.Problem);
    }

    [Fact]
    public async Task The_invoice_pdf_names_both_parties_the_total_without_vat_and_the_amount_in_words_with_embedded_fonts()
    {
        await using var host = await CustodianHost.Builder().BuildAsync(Ct);
        await InScopeAsync(host, sp => sp.GetRequiredService<SavePayer>().RussianAsync("seller-1", PayerTests.SoleProprietor, Ct));
        var invoice = (await InScopeAsync(host, sp => sp.GetRequiredService<IssueDocuments>().InvoiceAsync("seller-1", "Подписка «Бизнес» на месяц", 1234.56m, Ct))).Document!;

        var bytes = await RenderAsync(host, invoice);

        using var pdf = PdfDocument.Open(bytes);
        var text = string.Join(" ", pdf.GetPages().Select(p => string.Join(" ", p.GetWords().Select(w => w.Text))));
        Assert.Contains($"Счёт на оплату № {invoice.Number} от", text, StringComparison.Ordinal);
        Assert.Contains("ИП Иванова Мария Петровна", text, StringComparison.Ordinal);
        Assert.Contains("ИНН 500100732259", text, StringComparison.Ordinal);
        Assert.Contains("ОГРНИП 304500116000157", text, StringComparison.Ordinal);
        Assert.Contains("ООО «Кастодиан Аналитика»", text, StringComparison.Ordinal);
        Assert.Contains("Без налога (НДС):", text, StringComparison.Ordinal);
        Assert.Contains("Одна тысяча двести тридцать четыре рубля 56 копеек", text, StringComparison.Ordinal);
        Assert.All(pdf.GetPages().SelectMany(p => p.GetWords()).Select(w => w.FontName).Distinct(), f => Assert.Matches(@"^[A-Z]{6}\+DejaVu Sans", f)); // a subset tag: the font is embedded
    }

    [Fact]
    public async Task With_a_vat_rate_the_invoice_shows_the_vat_included_in_the_price()
    {
        await using var host = await CustodianHost.Builder().WithSetting("Billing:Supplier:Vat", "20").BuildAsync(Ct);
        await InScopeAsync(host, sp => sp.GetRequiredService<SavePayer>().RussianAsync("seller-1", PayerTests.Organisation, Ct));

        var invoice = (await InScopeAsync(host, sp => sp.GetRequiredService<IssueDocuments>().InvoiceAsync("seller-1", "Подписка", 1490m, Ct))).Document!;

        Assert.Equal((20m, 248.33m), (invoice.VatRate, invoice.VatAmount));
        using var pdf = PdfDocument.Open(await RenderAsync(host, invoice));
        var text = string.Join(" ", pdf.GetPages().SelectMany(p => p.GetWords()).Select(w => w.Text));
        Assert.Contains("В том числе НДС 20%: 248,33", text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_act_pdf_renders_to_a_page_that_is_not_blank()
    {
        await using var host = await CustodianHost.Builder().BuildAsync(Ct);
        await InScopeAsync(host, sp => sp.GetRequiredService<SavePayer>().RussianAsync("seller-1", PayerTests.Organisation, Ct));
        var invoice = (await InScopeAsync(host, sp => sp.GetRequiredService<IssueDocuments>().InvoiceAsync("seller-1", "Подписка", 1490m, Ct))).Document!;
        var act = (await InScopeAsync(host, sp => sp.GetRequiredService<IssueDocuments>().ActAsync(invoice.Id, Ct))).Document!;
        using var folder = new TemporaryFolder();
        var pdf = Path.Combine(folder.Path, "act.pdf");
        await File.WriteAllBytesAsync(pdf, await RenderAsync(host, act), Ct);

        var png = await PdfPages.RenderFirstPageAsync(pdf, Path.Combine(folder.Path, "act"), Ct);

        Assert.True(PdfPages.DarkPixelShare(png) > 0.005, "the act's first page is blank");
        Assert.Equal("act-2026-0001.pdf", DocumentPdf.FileName(act).Replace(act.Year.ToString(System.Globalization.CultureInfo.InvariantCulture), "2026", StringComparison.Ordinal));
    }

    private static async Task<byte[]> RenderAsync(CustodianHost host, DocumentRecord document)
    {
        await using var scope = host.Scope();
        return DocumentPdf.Render(document, await scope.ServiceProvider.GetRequiredService<IssueDocuments>().OpenPayerAsync(document, Ct));
    }

    private static async Task<T> InScopeAsync<T>(CustodianHost host, Func<IServiceProvider, Task<T>> work)
    {
        await using var scope = host.Scope();
        return await work(scope.ServiceProvider);
    }
}
