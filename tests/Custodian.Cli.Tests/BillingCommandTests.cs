using Custodian.Testing;

namespace Custodian.Cli.Tests;

/// <summary><c>custodian billing words</c>, <c>billing barcode</c>, <c>billing statement import</c> and <c>billing invoice-fi issue</c> as an operator runs them.</summary>
public sealed class BillingCommandTests
{
    [Fact]
    public async Task Words_prints_the_amount_as_an_invoice_writes_it()
    {
        var result = await Custodian.RunAsync("billing", "words", "1234.56");

        Assert.Equal(0, result.ExitCode);
        Assert.Equal("Одна тысяча двести тридцать четыре рубля 56 копеек\n", result.Output.ReplaceLineEndings("\n"));
    }

    [Theory]
    [InlineData("12a", "Not an amount: write rubles and kopecks as digits, e.g. 1234.56.")]
    [InlineData("1.234", "The amount has more than two decimals: kopecks are whole.")]
    [InlineData("1 000", "Not an amount")]
    public async Task Words_refuses_what_is_not_an_amount_with_exit_code_2(string amount, string message)
    {
        var result = await Custodian.RunAsync("billing", "words", amount);

        Assert.Equal(2, result.ExitCode);
        Assert.Contains(message, result.Error, StringComparison.Ordinal);
        Assert.Empty(result.Output);
    }

    [Fact]
    public async Task Barcode_prints_the_54_digits()
    {
        var result = await Custodian.RunAsync("billing", "barcode", "--iban", "FI37 1590 3000 0007 76", "--amount", "12.25", "--reference", "11112", "--due", "2016-12-21");

        Assert.Equal(0, result.ExitCode);
        Assert.Equal("437159030000007760000122500000000000000000011112161221\n", result.Output.ReplaceLineEndings("\n"));
    }

    [Fact]
    public async Task Barcode_refuses_a_bad_due_date_with_exit_code_2()
    {
        var result = await Custodian.RunAsync("billing", "barcode", "--iban", "FI3715903000000776", "--amount", "12.25", "--reference", "RF9811112", "--due", "21.12.2016");

        Assert.Equal(2, result.ExitCode);
        Assert.Contains("--due: not a date: write yyyy-MM-dd", result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Subscription_cancel_stops_the_renewal_of_a_sellers_paid_time_and_resume_undoes_it()
    {
        using var data = new TemporaryFolder();
        string[] args = ["--Storage:DataDirectory=" + data.Path, "--Simulators:Enabled=false"];
        var sellerId = (await Custodian.RunAsync(["sellers", "add", "--email", "payer@example.ru", .. args])).Output.Trim();
        var trialOnly = await Custodian.RunAsync(["billing", "subscription", "cancel", "--seller", sellerId, .. args]);
        await Custodian.RunAsync(["sellers", "subscription", "--seller", sellerId, "--plan", "start", "--months", "1", .. args]);

        var on = await Custodian.RunAsync(["billing", "subscription", "show", "--seller", sellerId, .. args]);
        var cancelled = await Custodian.RunAsync(["billing", "subscription", "cancel", "--seller", sellerId, .. args]);
        var shown = await Custodian.RunAsync(["billing", "subscription", "show", "--seller", sellerId, "--json", .. args]);
        var resumed = await Custodian.RunAsync(["billing", "subscription", "resume", "--seller", sellerId, .. args]);
        var again = await Custodian.RunAsync(["billing", "subscription", "resume", "--seller", sellerId, .. args]);
        var notAnId = await Custodian.RunAsync(["billing", "subscription", "show", "--seller", "seven", .. args]);

        Assert.Equal((2, 0, 0, 0, 0, 2, 2), (trialOnly.ExitCode, on.ExitCode, cancelled.ExitCode, shown.ExitCode, resumed.ExitCode, again.ExitCode, notAnId.ExitCode));
        Assert.Contains("There is no paid time to stop renewing.", trialOnly.Error, StringComparison.Ordinal);
        var paidUntil = DateTime.UtcNow.AddDays(14).AddMonths(1).AddHours(3).ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);
        Assert.Contains("start", on.Output, StringComparison.Ordinal);
        Assert.Contains(paidUntil, on.Output, StringComparison.Ordinal);
        Assert.Contains("on: reminders before the end", on.Output, StringComparison.Ordinal);
        Assert.Contains("cancelled: runs out, not renewed", cancelled.Output, StringComparison.Ordinal);
        Assert.Contains("\"renewal\": \"cancelled\"", shown.Output, StringComparison.Ordinal);
        Assert.Contains("on: reminders before the end", resumed.Output, StringComparison.Ordinal);
        Assert.Contains("The renewal is not cancelled.", again.Error, StringComparison.Ordinal);
        Assert.Contains("--seller: not a seller id", notAnId.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Statement_import_counts_the_transfers_and_a_second_import_of_the_same_file_adds_none()
    {
        using var data = new TemporaryFolder();
        var setting = "--Storage:DataDirectory=" + data.Path;
        var file = Path.Combine(data.Path, "kl_to_1c.txt");
        System.Text.Encoding.RegisterProvider(System.Text.CodePagesEncodingProvider.Instance);
        await File.WriteAllBytesAsync(file, System.Text.Encoding.GetEncoding(1251).GetBytes(string.Join("\r\n",
            "1CClientBankExchange", "ВерсияФормата=1.03", "Кодировка=Windows", "РасчСчет=40702810500000001234",
            "СекцияДокумент=Платежное поручение", "Номер=17", "Дата=04.12.2026", "Сумма=990.00", "ПлательщикИНН=7707083893", "Плательщик1=ООО \"Ромашка\"",
            "ПлательщикСчет=40702810200000012345", "ПолучательСчет=40702810500000001234", "ПолучательИНН=7709123453", "НазначениеПлатежа=Оплата подписки", "КонецДокумента",
            "КонецФайла")), TestContext.Current.CancellationToken);

        var first = await Custodian.RunAsync("billing", "statement", "import", file, "--json", setting);
        var second = await Custodian.RunAsync("billing", "statement", "import", file, "--json", setting);

        Assert.Equal((0, 0), (first.ExitCode, second.ExitCode));
        Assert.Contains("\"new\": 1", first.Output, StringComparison.Ordinal);
        Assert.Contains("\"unmatched\": 1", first.Output, StringComparison.Ordinal);
        Assert.Contains("\"new\": 0", second.Output, StringComparison.Ordinal);
        Assert.Contains("\"alreadyImported\": 1", second.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Statement_import_of_a_file_that_is_not_a_statement_exits_2_and_says_why()
    {
        using var data = new TemporaryFolder();
        var file = Path.Combine(data.Path, "photo.txt");
        await File.WriteAllTextAsync(file, "hello", TestContext.Current.CancellationToken);

        var result = await Custodian.RunAsync("billing", "statement", "import", file, "--Storage:DataDirectory=" + data.Path);

        Assert.Equal(2, result.ExitCode);
        Assert.Contains("photo.txt: Not a 1CClientBankExchange statement: its first line must be 1CClientBankExchange.", result.Error, StringComparison.Ordinal);
        Assert.Empty(result.Output);
    }

    private static readonly string[] Employer =
    [
        "--name", "Rakennus Virtanen Oy", "--business-id", "2077474-0", "--e-invoice-address", "003720774740", "--e-invoice-operator", "003721291126",
        "--contact-name", "Liisa Virtanen", "--contact-email", "liisa.virtanen@example.fi",
    ];

    [Fact]
    public async Task Invoice_fi_issue_prints_the_invoice_and_with_the_same_key_issues_nothing_new()
    {
        using var data = new TemporaryFolder();
        string[] args = ["billing", "invoice-fi", "issue", .. Employer, "--line", "Tulityökorttikoulutus;2;145,50", "--line", "Materiaali;2;10;14", "--key", "order-7781", "--json", "--Storage:DataDirectory=" + data.Path];

        var first = await Custodian.RunAsync(args);
        var second = await Custodian.RunAsync(args);

        Assert.Equal((0, 0), (first.ExitCode, second.ExitCode));
        using var issued = System.Text.Json.JsonDocument.Parse(first.Output);
        using var again = System.Text.Json.JsonDocument.Parse(second.Output);
        Assert.Equal(388.01m, issued.RootElement.GetProperty("total").GetDecimal()); // 291.00 + 25.5 % (74.21) and 20.00 + 14 % (2.80)
        Assert.Equal(issued.RootElement.GetProperty("id").GetString(), again.RootElement.GetProperty("id").GetString());
        Assert.Equal((false, true), (issued.RootElement.GetProperty("issuedBefore").GetBoolean(), again.RootElement.GetProperty("issuedBefore").GetBoolean()));
        Assert.Equal(54, issued.RootElement.GetProperty("barcode").GetString()!.Length);
    }

    [Fact]
    public async Task Invoice_fi_issue_from_a_json_file_takes_the_payer_and_lines_as_the_event_contract_writes_them()
    {
        using var data = new TemporaryFolder();
        var file = Path.Combine(data.Path, "invoice.json");
        await File.WriteAllTextAsync(file, """
            {"key":"group-9","payer":{"name":"Rakennus Virtanen Oy","businessId":"2077474-0","postalAddress":"Työmiehenkatu 3, 33100 Tampere",
             "contactName":"Liisa Virtanen","contactEmail":"liisa.virtanen@example.fi","buyerReference":"Työmaa 12"},
             "lines":[{"description":"Ensiapukoulutus EA1","quantity":3,"unitPrice":160,"vatRate":0}],"dueOn":"2027-01-15"}
            """, TestContext.Current.CancellationToken);

        var result = await Custodian.RunAsync("billing", "invoice-fi", "issue", "--file", file, "--json", "--Storage:DataDirectory=" + data.Path);

        Assert.Equal(0, result.ExitCode);
        using var issued = System.Text.Json.JsonDocument.Parse(result.Output);
        Assert.Equal((480m, "2027-01-15"), (issued.RootElement.GetProperty("total").GetDecimal(), issued.RootElement.GetProperty("dueOn").GetString()));
    }

    [Fact]
    public async Task Invoice_fi_issue_with_a_bad_y_tunnus_and_price_exits_2_naming_each_field()
    {
        using var data = new TemporaryFolder();
        string[] employer = [.. Employer];
        employer[3] = "2077474-1";

        var result = await Custodian.RunAsync(["billing", "invoice-fi", "issue", .. employer, "--line", "Kurssi;1;sata", "--Storage:DataDirectory=" + data.Path]);

        Assert.Equal(2, result.ExitCode);
        Assert.Contains("line-0-unit-price: Write the unit price in euros, e.g. 120 or 99,50.", result.Error, StringComparison.Ordinal);

        var priced = await Custodian.RunAsync(["billing", "invoice-fi", "issue", .. employer, "--line", "Kurssi;1;100", "--Storage:DataDirectory=" + data.Path]);

        Assert.Equal(2, priced.ExitCode);
        Assert.Contains("business-id: Business ID: check digit should be 0, not 1", priced.Error, StringComparison.Ordinal);
        Assert.Empty(priced.Output);
    }

    [Fact]
    public async Task Demo_seed_invoices_the_demo_employer_once()
    {
        using var data = new TemporaryFolder();
        string[] args = ["billing", "demo-seed", "--Storage:DataDirectory=" + data.Path, "--Simulators:Enabled=false"];

        var first = await Custodian.RunAsync(args);
        var second = await Custodian.RunAsync(args);

        Assert.Equal((0, 0), (first.ExitCode, second.ExitCode));
        Assert.Matches(@"^Demo invoice \d{4}-1 to Esimerkki Asennus Oy: /operator/invoices/[0-9a-f-]{36}$", first.Output.Trim());
        Assert.Equal(first.Output, second.Output);
    }
}
