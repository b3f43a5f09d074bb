using System.Text;
using Custodian.Modules.Billing;
using Custodian.Modules.Billing.Documents;
using Custodian.Modules.Billing.Payers;
using Custodian.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using OpenQA.Selenium;

namespace Custodian.Browser.Tests;

/// <summary>An operator imports the bank's statement: a bank transfer pays its invoice; one that names none is matched by hand.</summary>
public sealed class BankStatementTests(RunningApp app) : IClassFixture<RunningApp>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_statement_import_marks_a_bank_transfer_invoice_paid_and_the_operator_matches_the_transfer_that_names_no_invoice()
    {
        DocumentRecord paidByNumber, paidByHand;
        await using (var scope = app.Services.CreateAsyncScope())
        {
            await scope.ServiceProvider.GetRequiredService<SavePayer>().RussianAsync("seller-bank", new RussianPayerForm(
                PayerKind.Organisation, "ООО «Ромашка»", "7707083893", "773601001", "1027700132195", "125009, г. Москва, ул. Тверская, д. 7",
                "buh@romashka.example.ru", "+7 495 123-45-67", "044525225", "40702810200000012345", "30101810400000000225"), Ct);
            var issue = scope.ServiceProvider.GetRequiredService<IssueDocuments>();
            paidByNumber = (await issue.InvoiceAsync("seller-bank", "Подписка «Бизнес» на месяц", 1490m, Ct)).Document!;
            paidByHand = (await issue.InvoiceAsync("seller-bank", "Подписка «Старт» на месяц", 990m, Ct)).Document!;
        }

        using var folder = new TemporaryFolder();
        var file = Path.Combine(folder.Path, "kl_to_1c.txt");
        Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);
        await File.WriteAllBytesAsync(file, Encoding.GetEncoding(1251).GetBytes(Statement(
            ("101", 1490m, $"Оплата по счёту № {paidByNumber.Number} от 16.11.2026 за подписку. Без налога (НДС)"),
            ("102", 990m, "Оплата подписки на сервис аналитики"))), Ct);

        using var browser = await OperatorSession.SignInAsync(app);
        var driver = browser.Driver;
        driver.Navigate().GoToUrl(app.Url("/operator/bank-statements"));
        driver.FindElement(By.CssSelector("#culture option[value='ru']")).Click();
        browser.WaitFor(d => d.FindElement(By.TagName("html")).GetAttribute("lang") == "ru", "the Russian page");
        Assert.Equal("Банковские выписки", driver.FindElement(By.TagName("h1")).Text);
        driver.FindElement(By.Id("statement")).SendKeys(file);
        driver.FindElement(By.Id("import-statement")).Click();

        var imported = browser.WaitFor(d => d.FindElements(By.Id("statement-imported")).FirstOrDefault()?.Text, "the import's counts");
        Assert.Equal("Загружено: входящих платежей 2, новых 2, загруженных ранее 0; оплатили счёт 1, ждут сопоставления 1.", imported);
        var waiting = Assert.Single(driver.FindElements(By.CssSelector("#unmatched tbody tr")));
        Assert.Contains("Оплата подписки на сервис аналитики", waiting.Text, StringComparison.Ordinal);
        Assert.Contains("990,00", waiting.Text, StringComparison.Ordinal);
        browser.Screenshot("billing-bank-statement-imported-ru");

        waiting.FindElement(By.CssSelector("input.match-invoice")).SendKeys("2026-" + paidByNumber.Number);
        waiting.FindElement(By.CssSelector("button.match-transfer")).Click();
        browser.WaitFor(d => d.FindElements(By.Id("statement-problem")).FirstOrDefault()?.Text, "the refusal");
        Assert.Equal("Сумма счёта не совпадает с суммой платежа: сопоставьте платёж со счётом, который он оплачивает полностью.", driver.FindElement(By.Id("statement-problem")).Text);
        var field = driver.FindElement(By.CssSelector("#unmatched input.match-invoice"));
        Assert.Equal("true", field.GetAttribute("aria-invalid"));
        field.Clear();
        field.SendKeys("2026-" + paidByHand.Number);
        driver.FindElement(By.CssSelector("#unmatched button.match-transfer")).Click();

        browser.WaitFor(d => d.FindElements(By.Id("statement-notice")).FirstOrDefault()?.Text, "the matched notice");
        Assert.Equal("Платёж сопоставлен, счёт оплачен.", driver.FindElement(By.Id("statement-notice")).Text);
        Assert.True(driver.FindElement(By.Id("no-unmatched")).Displayed);
        browser.Screenshot("billing-bank-statement-matched-ru");

        // The same statement again: nothing new, nothing paid twice.
        driver.FindElement(By.Id("statement")).SendKeys(file);
        driver.FindElement(By.Id("import-statement")).Click();
        Assert.Equal("Загружено: входящих платежей 2, новых 0, загруженных ранее 2; оплатили счёт 0, ждут сопоставления 0.",
            browser.WaitFor(d => d.FindElements(By.Id("statement-imported")).FirstOrDefault()?.Text, "the second import's counts"));
        Assert.DoesNotContain(browser.ConsoleErrors(), e => !e.Contains("400", StringComparison.Ordinal)); // the refused match answers 400 Bad Request
        await using var check = app.Services.CreateAsyncScope();
        var payments = await check.ServiceProvider.GetRequiredService<BillingDb>().Payments.AsNoTracking().ToListAsync(Ct);
        Assert.Equal(new[] { paidByNumber.Id, paidByHand.Id }.Order(), payments.Where(p => p.Status == "succeeded").Select(p => p.InvoiceId).Order());
        Assert.Equal(2, payments.Count);
    }

    [Fact]
    public void The_bank_statements_page_needs_a_signed_in_operator()
    {
        using var browser = Browser.Start();
        browser.Driver.Navigate().GoToUrl(app.Url("/operator/bank-statements"));
        browser.WaitFor(d => d.Url.Contains("/account/sign-in", StringComparison.Ordinal), "the sign-in page");
    }

    private static string Statement(params (string Number, decimal Amount, string Purpose)[] orders)
    {
        var lines = new List<string> { "1CClientBankExchange", "ВерсияФормата=1.03", "Кодировка=Windows", "Отправитель=СберБизнес", "ДатаНачала=16.11.2026", "ДатаКонца=16.11.2026", "РасчСчет=40702810500000001234" };
        foreach (var (number, amount, purpose) in orders)
        {
            lines.AddRange([
                "СекцияДокумент=Платежное поручение", "Номер=" + number, "Дата=16.11.2026", "Сумма=" + amount.ToString("0.00", System.Globalization.CultureInfo.InvariantCulture),
                "ПлательщикСчет=40702810200000012345", "Плательщик=ИНН 7707083893 ООО \"Ромашка\"", "ПлательщикИНН=7707083893", "Плательщик1=ООО \"Ромашка\"",
                "ПолучательСчет=40702810500000001234", "ДатаПоступило=16.11.2026", "ПолучательИНН=7709123453", "Получатель1=ООО \"Кастодиан Аналитика\"",
                "НазначениеПлатежа=" + purpose, "КонецДокумента",
            ]);
        }

        lines.Add("КонецФайла");
        return string.Join("\r\n", lines) + "\r\n";
    }
}
