using Custodian.Modules.Billing.Documents;
using Custodian.Modules.Billing.Payers;
using Custodian.Modules.Billing.Rights;
using Custodian.Privacy.Abstractions.Identifiers;
using Custodian.Privacy.Abstractions.Protection;
using Custodian.Privacy.Abstractions.Requests;
using Custodian.Privacy.Abstractions.Retention;
using Custodian.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Custodian.Modules.Billing.Tests;

/// <summary>The billing provider keeps the contract of every personal-data provider, on SQLite.</summary>
public sealed class BillingProviderContractSqliteTests : PersonalDataProviderContract
{
    protected override async Task<IProviderFixture> StartAsync() => await BillingProviderFixture.StartAsync(RecordsProvider.Sqlite);
}

/// <summary>The billing provider keeps the contract of every personal-data provider, on PostgreSQL.</summary>
public sealed class BillingProviderContractPostgresTests : PersonalDataProviderContract
{
    protected override async Task<IProviderFixture> StartAsync() => await BillingProviderFixture.StartAsync(RecordsProvider.Postgres);
}

/// <summary>
/// Sole proprietors with an invoice each: asked for a hold, the invoice is issued today (within its five years);
/// otherwise in 2019, past its period by now, so erasure must take it.
/// </summary>
internal sealed class BillingProviderFixture(CustodianHost host) : IProviderFixture
{
    public static readonly DateTimeOffset Now = new(2026, 12, 7, 9, 0, 0, TimeSpan.Zero);

    private readonly AsyncServiceScope _scope = host.Scope();
    private int _people;

    public IPersonalDataProvider Provider => _scope.ServiceProvider.GetServices<IPersonalDataProvider>().OfType<BillingDataProvider>().Single();

    public string Register => "billing";

    public IPersonalDataVault Vault => _scope.ServiceProvider.GetRequiredService<IPersonalDataVault>();

    public static async Task<BillingProviderFixture> StartAsync(RecordsProvider records) =>
        new(await CustodianHost.Builder().WithRecords(records).WithClock(Now).BuildAsync(TestContext.Current.CancellationToken));

    public async Task<SeededSubject> SeedSubjectAsync(bool withHold, CancellationToken cancellationToken)
    {
        var account = $"seller-{++_people}";
        var email = $"ip{_people}@example.ru";
        await using (var scope = host.Scope())
        {
            Assert.Empty(await scope.ServiceProvider.GetRequiredService<SavePayer>().RussianAsync(account, PayerTests.SoleProprietor with { Email = email }, cancellationToken));
        }

        if (!withHold)
        {
            host.SettableClock.Set(new DateTimeOffset(2019, 3, 1, 9, 0, 0, TimeSpan.Zero));
        }

        await using (var scope = host.Scope())
        {
            Assert.Null((await scope.ServiceProvider.GetRequiredService<IssueDocuments>().InvoiceAsync(account, "Подписка Business, месяц", 1490m, cancellationToken)).Problem);
        }

        host.SettableClock.Set(Now);
        await using var read = host.Scope();
        var payer = await read.ServiceProvider.GetRequiredService<BillingDb>().Payers.AsNoTracking().SingleAsync(p => p.Account == account, cancellationToken);
        return new SeededSubject(new SubjectId(payer.SubjectId), [new SubjectIdentifier(IdentifierType.Email, Vault.BlindIndexOf(IdentifierType.Email, email))],
            RecordCount: 2, Held: withHold, (new RecordRef("billing", "payer", payer.Id.ToString("D")), "payer_address"));
    }

    public async ValueTask DisposeAsync()
    {
        await _scope.DisposeAsync();
        await host.DisposeAsync();
    }
}

/// <summary>Erasure and retention of billing's records against their accounting periods (402-FZ art. 29, kirjanpitolaki 2:10).</summary>
public sealed class BillingRightsTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Theory]
    [InlineData(RecordsProvider.Sqlite)]
    [InlineData(RecordsProvider.Postgres)]
    public async Task An_erasure_within_the_five_years_holds_the_invoice_and_payer_for_accounting_until_the_end_of_the_fifth_year_after_issue_and_then_deletes(RecordsProvider records)
    {
        await using var host = await CustodianHost.Builder().WithRecords(records).WithClock(BillingProviderFixture.Now).BuildAsync(Ct);
        var invoice = await IssueAsync(host, "seller-1");
        var subject = await SubjectAsync(host, "seller-1");

        var early = await EraseAsync(host, subject, "billing");
        host.SettableClock.Set(new DateTimeOffset(2032, 1, 1, 0, 0, 0, TimeSpan.Zero));
        var late = await EraseAsync(host, subject, "billing");

        Assert.Equal((0, 2), (early.Erased, early.Held.Count));
        Assert.All(early.Held, h => Assert.Equal((HoldReason.AccountingRetention, new DateOnly(2031, 12, 31)), (h.Reason, h.Until)));
        Assert.Contains(early.Held, h => h.Record == new RecordRef("billing", "document", invoice.Id.ToString("D")));
        Assert.Equal((2, 0), (late.Erased, late.Held.Count));
        await using var scope = host.Scope();
        var db = scope.ServiceProvider.GetRequiredService<BillingDb>();
        Assert.Equal((0, 0), (await db.Payers.CountAsync(Ct), await db.Documents.CountAsync(Ct)));
    }

    [Theory]
    [InlineData(RecordsProvider.Sqlite)]
    [InlineData(RecordsProvider.Postgres)]
    public async Task A_finnish_invoice_is_held_six_years_after_the_end_of_its_accounting_year(RecordsProvider records)
    {
        await using var host = await CustodianHost.Builder().WithRecords(records).WithClock(BillingProviderFixture.Now).BuildAsync(Ct);
        await using (var scope = host.Scope())
        {
            Assert.Empty(await scope.ServiceProvider.GetRequiredService<SavePayer>().FinnishAsync("employer-1", FinnishPayerTests.Employer, Ct));
            Assert.Null((await scope.ServiceProvider.GetRequiredService<IssueFinnishInvoice>().InvoiceAsync("employer-1", "Työturvallisuuskorttikoulutus", 1000m, Ct)).Problem);
        }

        var subject = await SubjectAsync(host, "employer-1");
        await using var read = host.Scope();
        var provider = read.ServiceProvider.GetServices<IPersonalDataProvider>().OfType<BillingDataProvider>().Single();

        var holds = await provider.HoldsAsync(subject, "billing-fi", Ct);

        Assert.Equal(2, holds.Count);
        Assert.All(holds, h => Assert.Equal((HoldReason.AccountingRetention, new DateOnly(2032, 12, 31)), (h.Reason, h.Until)));
        Assert.Empty(await provider.HoldsAsync(subject, "billing", Ct));
    }

    [Theory]
    [InlineData(RecordsProvider.Sqlite)]
    [InlineData(RecordsProvider.Postgres)]
    public async Task The_export_carries_the_sole_proprietors_requisites_and_the_documents_payer_details_in_clear(RecordsProvider records)
    {
        await using var host = await CustodianHost.Builder().WithRecords(records).WithClock(BillingProviderFixture.Now).BuildAsync(Ct);
        await IssueAsync(host, "seller-1");
        var subject = await SubjectAsync(host, "seller-1");
        await using var scope = host.Scope();
        var provider = scope.ServiceProvider.GetServices<IPersonalDataProvider>().OfType<BillingDataProvider>().Single();
        var index = scope.ServiceProvider.GetRequiredService<IPersonalDataVault>().BlindIndexOf(IdentifierType.Inn, "500100732259");

        var found = await provider.FindSubjectsAsync([new SubjectIdentifier(IdentifierType.Inn, index)], Ct);
        var exported = await provider.ExportAsync(subject, "billing", Ct);

        Assert.Equal([subject], found);
        var payer = Assert.Single(exported, r => r.Record.RecordType == "payer").Fields.ToDictionary(f => f.Name, f => f.Value);
        Assert.Equal(("ИП Иванова Мария Петровна", "500100732259", "304500116000157", "40802810800000098765"), (payer["payer_name"], payer["payer_inn"], payer["payer_ogrnip"], payer["payer_account"]));
        var document = Assert.Single(exported, r => r.Record.RecordType == "document").Fields.ToDictionary(f => f.Name, f => f.Value);
        Assert.Equal(("invoice 1/2026", "1490.00 RUB"), (document["document"], document["amount"]));
        Assert.Contains("500100732259", document["payer_details"], StringComparison.Ordinal);
        Assert.Empty(await provider.ExportAsync(subject, "billing-fi", Ct));
    }

    [Theory]
    [InlineData(RecordsProvider.Sqlite)]
    [InlineData(RecordsProvider.Postgres)]
    public async Task Retention_takes_an_invoice_a_bank_transfer_and_their_payer_from_the_end_of_the_fifth_year_after_issue_and_not_before(RecordsProvider records)
    {
        await using var host = await CustodianHost.Builder().WithRecords(records).WithClock(BillingProviderFixture.Now).BuildAsync(Ct);
        var invoice = await IssueAsync(host, "seller-1");
        var payer = await IssueAsync(host, "seller-2", new DateTimeOffset(2028, 2, 1, 9, 0, 0, TimeSpan.Zero));
        var transfer = await AddTransferAsync(host, new DateOnly(2026, 11, 30));
        var beforeEnd = new DateTimeOffset(2031, 12, 31, 23, 0, 0, TimeSpan.Zero).AddYears(-5);
        var afterEnd = new DateTimeOffset(2032, 1, 1, 0, 0, 0, TimeSpan.Zero).AddYears(-5);

        await using var scope = host.Scope();
        var target = scope.ServiceProvider.GetServices<IRetentionTarget>().OfType<BillingRetention>().Single();
        var early = await target.FindDueAsync("billing", "payer", beforeEnd, null, 100, Ct);
        var due = await target.FindDueAsync("billing", "payer", afterEnd, null, 100, Ct);
        var applied = await target.ApplyAsync("billing", "payer", RetentionTreatment.Delete, due, Ct);

        Assert.Empty(early);
        Assert.Equal(3, due.Count);
        Assert.Contains(due, r => r.Record.RecordId == invoice.Id.ToString("D"));
        Assert.Contains(due, r => r.Record == new RecordRef("billing", "bank-transfer", transfer.ToString("D")) && r.Subject is not null);
        Assert.Equal(3, applied);
        var db = scope.ServiceProvider.GetRequiredService<BillingDb>();
        Assert.Equal(["seller-2"], await db.Payers.Select(p => p.Account).ToListAsync(Ct));
        Assert.Equal([payer.Id], await db.Documents.Select(d => d.Id).ToListAsync(Ct));
        Assert.Equal(0, await db.StatementPayments.CountAsync(Ct));
    }

    [Theory]
    [InlineData(RecordsProvider.Sqlite)]
    [InlineData(RecordsProvider.Postgres)]
    public async Task A_sole_proprietors_bank_transfer_is_in_their_copy_held_within_its_period_and_erased_after_it(RecordsProvider records)
    {
        await using var host = await CustodianHost.Builder().WithRecords(records).WithClock(BillingProviderFixture.Now).BuildAsync(Ct);
        await IssueAsync(host, "seller-1", new DateTimeOffset(2020, 3, 1, 9, 0, 0, TimeSpan.Zero));
        var subject = await SubjectAsync(host, "seller-1");
        await AddTransferAsync(host, new DateOnly(2026, 11, 30));

        await using var read = host.Scope();
        var provider = read.ServiceProvider.GetServices<IPersonalDataProvider>().OfType<BillingDataProvider>().Single();
        var exported = await provider.ExportAsync(subject, "billing", Ct);
        var early = await provider.EraseAsync(subject, "billing", Ct);
        host.SettableClock.Set(new DateTimeOffset(2032, 1, 1, 0, 0, 0, TimeSpan.Zero));
        var late = await provider.EraseAsync(subject, "billing", Ct);

        var fields = Assert.Single(exported, r => r.Record.RecordType == "bank-transfer").Fields.ToDictionary(f => f.Name, f => f.Value);
        Assert.Equal(("500100732259", "Оплата по счёту № 1"), (fields["payer_inn"], fields["payment_reference"]));
        Assert.Equal(1, early.Erased); // the 2020 invoice, past 2025
        Assert.Equal([("bank-transfer", new DateOnly(2031, 12, 31)), ("payer", new DateOnly(2031, 12, 31))], early.Held.Select(h => (h.Record.RecordType, h.Until!.Value)).Order());
        Assert.Equal((2, 0), (late.Erased, late.Held.Count));
        Assert.Equal(0, await read.ServiceProvider.GetRequiredService<BillingDb>().StatementPayments.CountAsync(Ct));
    }

    /// <summary>A transfer from the sole proprietor as an imported statement stores it (sealed under the invoicing key, INN blind-indexed).</summary>
    private static async Task<Guid> AddTransferAsync(CustodianHost host, DateOnly paidOn)
    {
        var transfer = Guid.CreateVersion7();
        await using var scope = host.Scope();
        var vault = scope.ServiceProvider.GetRequiredService<IPersonalDataVault>();
        var key = KeyScope.Purpose("billing", "invoicing");
        var db = scope.ServiceProvider.GetRequiredService<BillingDb>();
        db.StatementPayments.Add(new Statements.StatementPaymentRecord
        {
            Id = transfer, LineKey = transfer.ToString("N") + transfer.ToString("N"), PaidOn = paidOn, DocumentNumber = "17", Amount = 1490m,
            PayerInn = await vault.SealAsync(key, Statements.ImportStatement.Address(transfer, "payer_inn"), "500100732259", Ct),
            InnIndex = vault.BlindIndexOf(IdentifierType.Inn, "500100732259"),
            PaymentReference = await vault.SealAsync(key, Statements.ImportStatement.Address(transfer, "payment_reference"), "Оплата по счёту № 1", Ct),
            ImportedAtUtc = BillingProviderFixture.Now.UtcDateTime,
        });
        await db.SaveChangesAsync(Ct);
        return transfer;
    }

    private static async Task<DocumentRecord> IssueAsync(CustodianHost host, string account, DateTimeOffset? on = null)
    {
        var now = host.Clock.GetUtcNow();
        host.SettableClock.Set(on ?? now);
        await using var scope = host.Scope();
        Assert.Empty(await scope.ServiceProvider.GetRequiredService<SavePayer>().RussianAsync(account, PayerTests.SoleProprietor, Ct));
        var (document, problem) = await scope.ServiceProvider.GetRequiredService<IssueDocuments>().InvoiceAsync(account, "Подписка Business, месяц", 1490m, Ct);
        Assert.Null(problem);
        host.SettableClock.Set(now);
        return document!;
    }

    private static async Task<SubjectId> SubjectAsync(CustodianHost host, string account)
    {
        await using var scope = host.Scope();
        return new SubjectId(await scope.ServiceProvider.GetRequiredService<BillingDb>().Payers.Where(p => p.Account == account).Select(p => p.SubjectId).SingleAsync(Ct));
    }

    private static async Task<ErasureResult> EraseAsync(CustodianHost host, SubjectId subject, string register)
    {
        await using var scope = host.Scope();
        return await scope.ServiceProvider.GetServices<IPersonalDataProvider>().OfType<BillingDataProvider>().Single().EraseAsync(subject, register, Ct);
    }
}
