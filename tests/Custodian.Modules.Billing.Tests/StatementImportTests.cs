using Custodian.Modules.Billing.Documents;
using Custodian.Modules.Billing.Payers;
using Custodian.Modules.Billing.Statements;
using Custodian.Privacy;
using Custodian.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Custodian.Modules.Billing.Tests;

/// <summary>Bank transfers from a statement pay the invoices they name, once; the others wait for a person.</summary>
public sealed class StatementImportTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static readonly DateTimeOffset Now = new(2026, 12, 7, 9, 0, 0, TimeSpan.Zero);

    [Theory]
    [InlineData(RecordsProvider.Sqlite)]
    [InlineData(RecordsProvider.Postgres)]
    public async Task A_transfer_naming_the_invoice_with_its_amount_and_the_payers_inn_pays_it_and_confirms_the_payment_once(RecordsProvider records)
    {
        await using var host = await StartAsync(records);
        var invoice = await InvoiceAsync(host, 1490m);
        var statement = StatementFiles.Build([new StatementOrder("412", new DateOnly(2026, 12, 4), 1490m, "7707083893", "ООО \"Ромашка\"", $"Оплата по счёту № {invoice.Number} от 07.12.2026 за подписку. Без налога (НДС)")]);

        var (first, problem) = await ImportAsync(host, statement);
        var (second, _) = await ImportAsync(host, statement);

        Assert.Null(problem);
        Assert.Equal(new StatementImport(Incoming: 1, New: 1, AlreadyImported: 0, Matched: 1, Unmatched: 0, Outgoing: 0), first);
        Assert.Equal(new StatementImport(Incoming: 1, New: 0, AlreadyImported: 1, Matched: 0, Unmatched: 0, Outgoing: 0), second);
        await using var scope = host.Scope();
        var db = scope.ServiceProvider.GetRequiredService<BillingDb>();
        var payment = await db.Payments.AsNoTracking().SingleAsync(Ct);
        Assert.Equal((invoice.Id, "succeeded", 1490m, "seller-1"), (payment.InvoiceId, payment.Status, payment.Amount, payment.Account));
        Assert.Equal(invoice.Id, (await db.StatementPayments.AsNoTracking().SingleAsync(Ct)).InvoiceId);
        Assert.Equal(1, await ConfirmationsAsync(scope));
    }

    [Theory]
    [InlineData(RecordsProvider.Sqlite)]
    [InlineData(RecordsProvider.Postgres)]
    public async Task Transfers_with_another_inn_amount_or_no_invoice_number_wait_for_a_person_and_are_matched_once(RecordsProvider records)
    {
        await using var host = await StartAsync(records);
        var invoice = await InvoiceAsync(host, 990m);
        var statement = StatementFiles.Build([
            new StatementOrder("1", new DateOnly(2026, 12, 5), 990m, "500100732259", "ИП Иванова Мария Петровна", $"Оплата по счёту № {invoice.Number} за ООО Ромашка"),
            new StatementOrder("2", new DateOnly(2026, 12, 5), 1000m, "7707083893", "ООО \"Ромашка\"", $"Оплата по счёту № {invoice.Number}"),
            new StatementOrder("3", new DateOnly(2026, 12, 5), 990m, "7707083893", "ООО \"Ромашка\"", "Оплата подписки"),
            new StatementOrder("4", new DateOnly(2026, 12, 5), 5000m, "7709123453", "ООО \"Кастодиан Аналитика\"", "Аренда", PayeeAccount: "40702810900000005555"),
        ]);

        var (imported, _) = await ImportAsync(host, statement);
        var waiting = await InScopeAsync(host, sp => sp.GetRequiredService<MatchStatementPayment>().UnmatchedAsync(Ct));

        Assert.Equal(new StatementImport(Incoming: 3, New: 3, AlreadyImported: 0, Matched: 0, Unmatched: 3, Outgoing: 1), imported);
        Assert.Equal(["ИП Иванова Мария Петровна", "ООО \"Ромашка\"", "ООО \"Ромашка\""], waiting.Select(w => w.PayerName).Order(StringComparer.Ordinal));
        var byDirector = waiting.Single(w => w.PayerInn == "500100732259");
        var tooMuch = waiting.Single(w => w.Amount == 1000m);
        Assert.Equal("The invoice's amount differs from the transfer's: match a transfer to the invoice it pays in full.",
            await InScopeAsync(host, sp => sp.GetRequiredService<MatchStatementPayment>().MatchAsync(tooMuch.Id, 2026, invoice.Number, "staff-anna", Ct)));
        Assert.Null(await InScopeAsync(host, sp => sp.GetRequiredService<MatchStatementPayment>().MatchAsync(byDirector.Id, 2026, invoice.Number, "staff-anna", Ct)));
        Assert.Equal("This transfer is matched to an invoice already.",
            await InScopeAsync(host, sp => sp.GetRequiredService<MatchStatementPayment>().MatchAsync(byDirector.Id, 2026, invoice.Number, "staff-anna", Ct)));
        var other = waiting.Single(w => w.Purpose == "Оплата подписки");
        Assert.Equal("This invoice is paid already.",
            await InScopeAsync(host, sp => sp.GetRequiredService<MatchStatementPayment>().MatchAsync(other.Id, 2026, invoice.Number, "staff-anna", Ct)));
        Assert.Equal("There is no invoice with this number in this year.",
            await InScopeAsync(host, sp => sp.GetRequiredService<MatchStatementPayment>().MatchAsync(other.Id, 2025, invoice.Number, "staff-anna", Ct)));

        await using var scope = host.Scope();
        Assert.Equal(invoice.Id, (await scope.ServiceProvider.GetRequiredService<BillingDb>().Payments.AsNoTracking().SingleAsync(Ct)).InvoiceId);
        Assert.Equal(2, (await scope.ServiceProvider.GetRequiredService<MatchStatementPayment>().UnmatchedAsync(Ct)).Count);
        Assert.Equal(1, await ConfirmationsAsync(scope));
    }

    [Theory]
    [InlineData(RecordsProvider.Sqlite)]
    [InlineData(RecordsProvider.Postgres)]
    public async Task Overlapping_statements_imported_in_parallel_store_each_transfer_once(RecordsProvider records)
    {
        await using var host = await StartAsync(records);
        var invoices = new List<DocumentRecord>();
        for (var i = 0; i < 6; i++)
        {
            invoices.Add(await InvoiceAsync(host, 100m + i));
        }

        var orders = invoices.Select((inv, i) => new StatementOrder((500 + i).ToString(System.Globalization.CultureInfo.InvariantCulture), new DateOnly(2026, 12, 1 + i), inv.Amount, "7707083893", "ООО \"Ромашка\"", $"Оплата по сч. {inv.Number}")).ToList();
        var early = StatementFiles.Build(orders.Take(4));
        var late = StatementFiles.Build(orders.Skip(2), new System.Text.UTF8Encoding(false));

        var results = await Task.WhenAll(ImportAsync(host, early), ImportAsync(host, late), ImportAsync(host, early));

        Assert.All(results, r => Assert.Null(r.Problem));
        Assert.Equal(6, results.Sum(r => r.Result!.New));
        Assert.Equal(6, results.Sum(r => r.Result!.Matched));
        await using var scope = host.Scope();
        var db = scope.ServiceProvider.GetRequiredService<BillingDb>();
        Assert.Equal(6, await db.StatementPayments.CountAsync(Ct));
        Assert.Equal(invoices.Select(i => i.Id).Order(), (await db.Payments.AsNoTracking().Select(p => p.InvoiceId).ToListAsync(Ct)).Order());
        Assert.Equal(6, await ConfirmationsAsync(scope));
    }

    [Theory]
    [InlineData(RecordsProvider.Sqlite)]
    [InlineData(RecordsProvider.Postgres)]
    public async Task A_statement_in_mixed_encodings_or_of_another_account_stores_nothing(RecordsProvider records)
    {
        await using var host = await StartAsync(records);
        var invoice = await InvoiceAsync(host, 1490m);
        var order = new StatementOrder("412", new DateOnly(2026, 12, 4), 1490m, "7707083893", "ООО \"Ромашка\"", $"Оплата по счёту № {invoice.Number}");
        var lines = StatementFiles.Text([order]).Split("\r\n");
        var mixed = lines.SelectMany((l, i) => (i == 47 ? System.Text.Encoding.UTF8 : StatementFiles.Windows1251).GetBytes(l + "\r\n")).ToArray();

        var (_, mixedProblem) = await ImportAsync(host, mixed);
        var (_, otherProblem) = await ImportAsync(host, StatementFiles.Build([order], account: "40702810900000005555"));

        Assert.StartsWith("Mixed encodings:", mixedProblem!.ToString(), StringComparison.Ordinal);
        Assert.Equal("This is a statement of account 40702810900000005555, not of the supplier's account 40702810500000001234.", otherProblem!.ToString());
        await using var scope = host.Scope();
        var db = scope.ServiceProvider.GetRequiredService<BillingDb>();
        Assert.Equal((0, 0), (await db.StatementPayments.CountAsync(Ct), await db.Payments.CountAsync(Ct)));
    }

    [Fact]
    public async Task The_payers_name_inn_and_purpose_are_stored_sealed_only()
    {
        await using var host = await StartAsync(RecordsProvider.Sqlite);
        await ImportAsync(host, StatementFiles.Build([new StatementOrder("9", new DateOnly(2026, 12, 4), 10m, "500100732259", "ИП Иванова Мария Петровна", "Оплата подписки Ивановой")]));

        await using var scope = host.Scope();
        var row = await scope.ServiceProvider.GetRequiredService<BillingDb>().StatementPayments.AsNoTracking().SingleAsync(Ct);
        var stored = System.Text.Encoding.UTF8.GetString([.. row.PayerName!.Ciphertext, .. row.PayerInn!.Ciphertext, .. row.PaymentReference.Ciphertext]);
        Assert.DoesNotContain("Иванов", stored, StringComparison.Ordinal);
        Assert.DoesNotContain("500100732259", stored, StringComparison.Ordinal);
    }

    private static Task<CustodianHost> StartAsync(RecordsProvider records) => CustodianHost.Builder().WithRecords(records).WithClock(Now).BuildAsync(Ct);

    private static async Task<DocumentRecord> InvoiceAsync(CustodianHost host, decimal amount)
    {
        await InScopeAsync(host, sp => sp.GetRequiredService<SavePayer>().RussianAsync("seller-1", PayerTests.Organisation, Ct));
        return (await InScopeAsync(host, sp => sp.GetRequiredService<IssueDocuments>().InvoiceAsync("seller-1", "Подписка «Бизнес» на месяц", amount, Ct))).Document!;
    }

    private static Task<(StatementImport? Result, StatementProblem? Problem)> ImportAsync(CustodianHost host, byte[] statement) =>
        InScopeAsync(host, sp => sp.GetRequiredService<ImportStatement>().ImportAsync(statement, "cli:test", Ct));

    private static Task<int> ConfirmationsAsync(AsyncServiceScope scope) =>
        scope.ServiceProvider.GetRequiredService<PrivacyDb>().Database
            .SqlQueryRaw<int>("SELECT COUNT(*) AS \"Value\" FROM privacy_outbox WHERE name = 'billing.payment-confirmed'").SingleAsync(Ct);

    private static async Task<T> InScopeAsync<T>(CustodianHost host, Func<IServiceProvider, Task<T>> work)
    {
        await using var scope = host.Scope();
        return await work(scope.ServiceProvider);
    }
}
