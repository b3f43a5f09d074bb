using Custodian.Modules.Billing.Payers;
using Custodian.Privacy.Abstractions.Protection;
using Custodian.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Custodian.Modules.Billing.Tests;

/// <summary>Payers' requisites stored through the module's own DbContext on both engines, validated first, personal values sealed.</summary>
public sealed class PayerTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    internal static RussianPayerForm Organisation => new(
        PayerKind.Organisation, "ООО «Ромашка»", "7707083893", "773601001", "1027700132195", "125009, г. Москва, ул. Тверская, д. 7",
        "buh@romashka.example.ru", "+7 495 123-45-67", "044525225", "40702810200000012345", "30101810400000000225");

    internal static RussianPayerForm SoleProprietor => new(
        PayerKind.SoleProprietor, "ИП Иванова Мария Петровна", "500100732259", null, "304500116000157", "141070, Московская обл., г. Королёв, ул. Ленина, д. 1",
        "ivanova@example.ru", "8 912 345-67-89", "044525974", "40802810800000098765", "30101810145250000974");

    [Theory]
    [InlineData(RecordsProvider.Sqlite)]
    [InlineData(RecordsProvider.Postgres)]
    public async Task A_sole_proprietors_requisites_are_stored_sealed_under_their_own_key_and_read_back(RecordsProvider records)
    {
        await using var host = await CustodianHost.Builder().WithRecords(records).BuildAsync(Ct);

        var problems = await InScopeAsync(host, sp => sp.GetRequiredService<SavePayer>().RussianAsync("seller-1", SoleProprietor, Ct));

        Assert.Empty(problems);
        var view = await InScopeAsync(host, sp => sp.GetRequiredService<ReadPayer>().ForAccountAsync("seller-1", Ct));
        Assert.NotNull(view);
        Assert.Equal((PayerKind.SoleProprietor, "ИП Иванова Мария Петровна", "500100732259", "304500116000157", "+79123456789", "40802810800000098765"),
            (view.Kind, view.Name, view.Inn, view.Ogrn, view.Phone, view.Account));
        await using var scope = host.Scope();
        var stored = await scope.ServiceProvider.GetRequiredService<BillingDb>().Payers.AsNoTracking().SingleAsync(Ct);
        Assert.True(stored.PayerInn!.Ciphertext.AsSpan().IndexOf("500100732259"u8) < 0); // not in clear
        Assert.Equal(scope.ServiceProvider.GetRequiredService<IPersonalDataVault>().BlindIndex("inn", "500100732259"), stored.InnIndex);
        Assert.Null(stored.Ogrn);
        Assert.Equal(KeyScope.Subject(new SubjectId(stored.SubjectId)), SavePayer.Scope(stored, "billing"));
    }

    [Theory]
    [InlineData(RecordsProvider.Sqlite)]
    [InlineData(RecordsProvider.Postgres)]
    public async Task Saving_again_replaces_the_requisites_and_bad_requisites_leave_the_stored_ones_untouched(RecordsProvider records)
    {
        await using var host = await CustodianHost.Builder().WithRecords(records).BuildAsync(Ct);
        await InScopeAsync(host, sp => sp.GetRequiredService<SavePayer>().RussianAsync("seller-1", SoleProprietor, Ct));

        Assert.Empty(await InScopeAsync(host, sp => sp.GetRequiredService<SavePayer>().RussianAsync("seller-1", Organisation, Ct)));
        Assert.NotEmpty(await InScopeAsync(host, sp => sp.GetRequiredService<SavePayer>().RussianAsync("seller-1", Organisation with { Inn = "7707083894" }, Ct)));

        var view = await InScopeAsync(host, sp => sp.GetRequiredService<ReadPayer>().ForAccountAsync("seller-1", Ct));
        Assert.Equal((PayerKind.Organisation, "7707083893", "773601001", "1027700132195"), (view!.Kind, view.Inn, view.Kpp, view.Ogrn));
        await using var scope = host.Scope();
        Assert.Equal(1, await scope.ServiceProvider.GetRequiredService<BillingDb>().Payers.CountAsync(Ct));
    }

    [Theory]
    [InlineData(RecordsProvider.Sqlite)]
    [InlineData(RecordsProvider.Postgres)]
    public async Task A_finnish_employer_with_an_e_invoice_address_is_stored(RecordsProvider records)
    {
        await using var host = await CustodianHost.Builder().WithRecords(records).BuildAsync(Ct);

        var problems = await InScopeAsync(host, sp => sp.GetRequiredService<SavePayer>().FinnishAsync("employer-1", FinnishPayerTests.Employer, Ct));

        Assert.Empty(problems);
        var view = await InScopeAsync(host, sp => sp.GetRequiredService<ReadPayer>().ForAccountAsync("employer-1", Ct));
        Assert.Equal(("FI", "Rakennus Virtanen Oy", "2077474-0", "003720774740", "003721291126", "Liisa Virtanen"),
            (view!.Country, view.Name, view.BusinessId, view.EInvoiceAddress, view.EInvoiceOperator, view.ContactName));
    }

    private static async Task<T> InScopeAsync<T>(CustodianHost host, Func<IServiceProvider, Task<T>> work)
    {
        await using var scope = host.Scope();
        return await work(scope.ServiceProvider);
    }
}
