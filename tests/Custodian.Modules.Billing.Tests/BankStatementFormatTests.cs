using System.Text;
using Custodian.Modules.Billing.Statements;
using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;

namespace Custodian.Modules.Billing.Tests;

/// <summary>The 1CClientBankExchange reader: every order read as written, in either encoding; anything else a clear problem, never a crash.</summary>
public sealed class BankStatementFormatTests
{
    private static readonly StatementOrder Order = new("412", new DateOnly(2026, 12, 4), 1490m, "7707083893", "ООО \"Ромашка\"", "Оплата по счёту № 7 от 01.12.2026 за подписку. Без налога (НДС)");

    [Fact]
    public void A_windows_1251_statement_gives_its_account_period_and_orders()
    {
        var (statement, problem) = BankStatementFormat.Parse(StatementFiles.Build([Order]));

        Assert.Null(problem);
        Assert.Equal((Supplier.Account, new DateOnly(2026, 12, 4)), (statement!.Account, statement.From));
        var entry = Assert.Single(statement.Entries);
        Assert.Equal(("412", new DateOnly(2026, 12, 4), 1490m, "7707083893", "ООО \"Ромашка\"", Supplier.Account), (entry.Number, entry.Date, entry.Amount, entry.PayerInn, entry.PayerName, entry.PayeeAccount));
        Assert.Equal(Order.Purpose, entry.Purpose);
    }

    [Fact]
    public void A_utf8_statement_with_a_byte_order_mark_reads_the_same()
    {
        var bytes = Encoding.UTF8.GetPreamble().Concat(StatementFiles.Build([Order], new UTF8Encoding(false))).ToArray();

        var (statement, problem) = BankStatementFormat.Parse(bytes);

        Assert.Null(problem);
        Assert.Equal(Order.Purpose, Assert.Single(statement!.Entries).Purpose);
    }

    [Fact]
    public void A_statement_with_one_line_in_utf8_and_the_others_in_windows_1251_is_refused_as_mixed()
    {
        var lines = StatementFiles.Text([Order]).Split("\r\n");
        var purposeLine = Array.FindIndex(lines, l => l.StartsWith("НазначениеПлатежа=", StringComparison.Ordinal));
        var bytes = lines.SelectMany((l, i) => (i == purposeLine ? Encoding.UTF8 : StatementFiles.Windows1251).GetBytes(l + "\r\n")).ToArray();

        var (statement, problem) = BankStatementFormat.Parse(bytes);

        Assert.Null(statement);
        Assert.StartsWith("Mixed encodings: line 48 is in UTF-8 and line 2 is not.", problem!.ToString(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("koi8-r", "The statement's keys cannot be read in Windows-1251, DOS (866) or UTF-8")]
    [InlineData("utf-16", "The file is not text in Windows-1251 or UTF-8 (it contains zero bytes")]
    public void A_statement_in_another_encoding_is_refused_with_the_reason(string encoding, string problem)
    {
        var text = StatementFiles.Text([Order]);
        var bytes = Encoding.GetEncoding(encoding).GetBytes(text);

        Assert.StartsWith(problem, BankStatementFormat.Parse(bytes).Problem!.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void A_dos_866_statement_is_read_as_the_standard_allows()
    {
        var text = StatementFiles.Text([Order], "DOS");
        var bytes = Encoding.GetEncoding(866).GetBytes(text);

        Assert.Equal(Order.Purpose, Assert.Single(BankStatementFormat.Parse(bytes).Statement!.Entries).Purpose);
    }

    [Theory]
    [InlineData("Сумма=1490.00", "Сумма=1 490,00", "Line 23: the amount (Сумма) is not rubles and kopecks above zero, such as 1490.00.")]
    [InlineData("Сумма=1490.00", "Сумма=0.00", "Line 23: the amount (Сумма) is not rubles and kopecks above zero, such as 1490.00.")]
    [InlineData("Дата=04.12.2026", "Дата=2026-12-04", "Line 22: the document's date (Дата) is not a date dd.mm.yyyy.")]
    [InlineData("КонецФайла", "", "The file ends without КонецФайла: it was cut off. Export the statement again.")]
    [InlineData("КонецДокумента", "", "Line 49: the file ends inside the document that starts on line 20 (КонецДокумента is missing).")]
    [InlineData("1CClientBankExchange", "ClientBank", "Not a 1CClientBankExchange statement: its first line must be 1CClientBankExchange.")]
    [InlineData("Очередность=5", "Очередность 5", "Line 47: expected Key=Value.")]
    public void A_broken_statement_is_refused_naming_the_line(string line, string replacement, string problem)
    {
        var text = StatementFiles.Text([Order]).Replace(line + "\r\n", replacement.Length == 0 ? string.Empty : replacement + "\r\n", StringComparison.Ordinal);

        var (statement, refused) = BankStatementFormat.Parse(StatementFiles.Windows1251.GetBytes(text));

        Assert.Null(statement);
        Assert.Equal(problem, refused!.ToString());
    }

    [Property(MaxTest = 500)]
    public void Reading_any_bytes_never_throws(byte[]? bytes)
    {
        var (statement, problem) = BankStatementFormat.Parse(bytes ?? []);
        Assert.True(statement is null != (problem is null));
    }

    [Property(MaxTest = 300)]
    public void A_statement_with_lines_cut_swapped_or_garbled_is_read_or_refused_never_crashes(int seed)
    {
        var random = new Random(seed);
        var lines = StatementFiles.Text([Order, Order with { Number = "413" }]).Split("\r\n").ToList();
        for (var i = random.Next(1, 6); i > 0; i--)
        {
            var at = random.Next(lines.Count);
            switch (random.Next(4))
            {
                case 0: lines.RemoveAt(at); break;
                case 1: lines.Insert(random.Next(lines.Count), lines[at]); break;
                case 2: lines[at] = lines[at][..random.Next(lines[at].Length + 1)]; break;
                default: lines[at] = new string(lines[at].Select(c => random.Next(8) == 0 ? (char)random.Next(0x20, 0x500) : c).ToArray()); break;
            }
        }

        var (statement, problem) = BankStatementFormat.Parse(StatementFiles.Windows1251.GetBytes(string.Join("\r\n", lines)));

        Assert.True(statement is null != (problem is null));
    }

    [Property(MaxTest = 300)]
    public void Any_orders_written_in_either_encoding_are_read_back_as_written(PositiveInt kopecks, NonNegativeInt number, bool utf8, int seed)
    {
        var random = new Random(seed);
        const string Letters = "абвгдеёжзийклмнопрстуфхцчшщъыьэюяАБВГДЕЁЖЗИЙКЛМНОПРСТУФХЦЧШЩЪЫЬЭЮЯ №«»-.,;:()0123456789 ";
        var purpose = new string(Enumerable.Range(0, random.Next(1, 200)).Select(_ => Letters[random.Next(Letters.Length)]).ToArray()).Trim();
        var order = Order with { Number = number.Get.ToString(System.Globalization.CultureInfo.InvariantCulture), Amount = kopecks.Get / 100m, Purpose = purpose.Length == 0 ? "x" : purpose };

        var (statement, problem) = BankStatementFormat.Parse(StatementFiles.Build([order], utf8 ? new UTF8Encoding(false) : null));

        Assert.Null(problem);
        var entry = Assert.Single(statement!.Entries);
        Assert.Equal((order.Number, order.Amount, order.Purpose), (entry.Number, entry.Amount, entry.Purpose));
    }

    [Theory]
    [InlineData("Оплата по счёту № 7 от 01.12.2026 за подписку", 7, 2026)]
    [InlineData("оплата по сч. 15 подписка Business", 15, null)]
    [InlineData("Счет на оплату N12 от 3.1.2027", 12, 2027)]
    [InlineData("Payment for invoice #8", 8, null)]
    public void The_purpose_names_the_invoice_by_number_and_year_of_its_date(string purpose, int number, int? year) =>
        Assert.Equal([(number, year)], InvoiceReferences.Find(purpose));

    [Theory]
    [InlineData("Расчеты по договору 15")]
    [InlineData("Возврат займа 100000")]
    public void A_purpose_without_an_invoice_names_none(string purpose) => Assert.Empty(InvoiceReferences.Find(purpose));
}
