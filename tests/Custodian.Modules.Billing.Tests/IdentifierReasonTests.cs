using System.Globalization;
using Custodian.Modules.Billing.Payers;
using Custodian.Privacy.Abstractions.Identifiers;
using Custodian.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Localization;

namespace Custodian.Modules.Billing.Tests;

/// <summary>The validators' English reasons read in Russian on Russian billing pages, with the numbers of the case.</summary>
public sealed class IdentifierReasonTests
{
    [Theory]
    [InlineData("044525225", "40702810300000012345", "счёт не соответствует БИК: контрольный ключ (9-я цифра) должен быть 2, а не 3")]
    [InlineData("04452522", "40702810200000012345", "БИК должен содержать 9 цифр, указано цифр: 8")]
    [InlineData("044525225", "407028102", "счёт должен содержать 20 цифр, указано цифр: 9")]
    public async Task A_bank_account_reason_is_shown_in_russian(string bic, string account, string russian)
    {
        await using var host = await CustodianHost.Builder().BuildAsync(TestContext.Current.CancellationToken);
        var texts = host.Services.GetRequiredService<IStringLocalizer<BillingText>>();
        var reason = RuBankAccount.CheckSettlement(bic, account).Reason;

        var shown = InCulture("ru", () => IdentifierReasons.Translate(reason, texts));

        Assert.Equal(russian, shown);
    }

    [Fact]
    public async Task An_inn_reason_is_shown_in_russian_and_an_unknown_one_as_written()
    {
        await using var host = await CustodianHost.Builder().BuildAsync(TestContext.Current.CancellationToken);
        var texts = host.Services.GetRequiredService<IStringLocalizer<BillingText>>();

        Assert.Equal("контрольная цифра 10 должна быть 3, а не 4", InCulture("ru", () => IdentifierReasons.Translate(Inn.Check("7707083894").Reason, texts)));
        Assert.Equal("a reason {nobody} wrote 42", InCulture("ru", () => IdentifierReasons.Translate("a reason {nobody} wrote 42", texts)));
    }

    private static string InCulture(string culture, Func<string> work)
    {
        var before = CultureInfo.CurrentUICulture;
        CultureInfo.CurrentUICulture = CultureInfo.GetCultureInfo(culture);
        try
        {
            return work();
        }
        finally
        {
            CultureInfo.CurrentUICulture = before;
        }
    }
}
