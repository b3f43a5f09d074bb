using Custodian.Modules.Marketplace.Economics;

namespace Custodian.Modules.Marketplace.Tests;

/// <summary>Taxes under each regime, with rates and thresholds taken from the data by the day they apply from.</summary>
public sealed class TaxCalculationTests
{
    private static readonly TaxRules Rules = TaxRules.Embedded;

    private static List<TaxDay> Days(DateOnly from, int count, decimal income, decimal charges, decimal cogs) =>
        [.. Enumerable.Range(0, count).Select(i => new TaxDay(from.AddDays(i), income, charges, cogs))];

    [Fact]
    public void Usn_income_is_six_percent_of_income_or_the_regional_rate()
    {
        var days = Days(new DateOnly(2026, 3, 1), 10, 10_000m, 3_000m, 4_000m);

        Assert.Equal(6_000m, TaxCalculation.Compute(TaxRules.UsnIncome, null, days, new(2026, 3, 1), new(2026, 3, 10), Rules).Total);
        Assert.Equal(4_000m, TaxCalculation.Compute(TaxRules.UsnIncome, 4m, days, new(2026, 3, 1), new(2026, 3, 10), Rules).Total);
    }

    [Fact]
    public void Usn_income_minus_expenses_is_fifteen_percent_of_the_difference_but_at_least_one_percent_of_income()
    {
        var profitable = Days(new DateOnly(2026, 3, 1), 10, 10_000m, 3_000m, 4_000m);
        var loss = Days(new DateOnly(2026, 3, 1), 10, 10_000m, 6_000m, 5_000m);

        Assert.Equal(4_500m, TaxCalculation.Compute(TaxRules.UsnIncomeMinusExpenses, null, profitable, new(2026, 3, 1), new(2026, 3, 10), Rules).Usn);
        Assert.Equal(1_000m, TaxCalculation.Compute(TaxRules.UsnIncomeMinusExpenses, null, loss, new(2026, 3, 1), new(2026, 3, 10), Rules).Usn);
    }

    [Fact]
    public void Osno_vat_is_out_of_the_price_less_the_vat_in_charges_and_the_rate_changes_on_its_day()
    {
        var in2025 = Days(new DateOnly(2025, 12, 1), 1, 12_000m, 1_200m, 0m);
        var in2026 = Days(new DateOnly(2026, 1, 1), 1, 12_200m, 1_220m, 0m);

        var before = TaxCalculation.Compute(TaxRules.Osno, null, in2025, new(2025, 12, 1), new(2025, 12, 1), Rules);
        var after = TaxCalculation.Compute(TaxRules.Osno, null, in2026, new(2026, 1, 1), new(2026, 1, 1), Rules);

        Assert.Equal(2_000m - 200m, before.Vat);
        Assert.Equal(20m, before.VatRate);
        Assert.Equal(2_200m - 220m, after.Vat);
        Assert.Equal(22m, after.VatRate);
        Assert.Equal(Math.Round((10_000m - 1_000m) * 0.25m, 2), after.ProfitTax);
    }

    [Fact]
    public void Usn_vat_starts_the_month_after_the_years_income_passes_the_threshold()
    {
        // 2026 threshold 20 million: 1 million a day passes it on 21 January; VAT 5 % from 1 February.
        var days = Days(new DateOnly(2026, 1, 1), 40, 1_000_000m, 0m, 0m);

        var january = TaxCalculation.Compute(TaxRules.UsnIncome, null, days, new(2026, 1, 1), new(2026, 1, 31), Rules);
        var february = TaxCalculation.Compute(TaxRules.UsnIncome, null, days, new(2026, 2, 1), new(2026, 2, 9), Rules);

        Assert.Equal(0m, january.Vat);
        Assert.Null(january.VatRate);
        var vat = Math.Round(9 * 1_000_000m * 5m / 105m, 2);
        Assert.Equal(vat, february.Vat);
        Assert.Equal(5m, february.VatRate);
        Assert.Equal(Math.Round((9_000_000m - vat) * 0.06m, 2), february.Usn);
    }

    [Fact]
    public void Usn_vat_rises_to_seven_percent_the_month_after_the_upper_threshold()
    {
        var days = Days(new DateOnly(2026, 1, 1), 70, 5_000_000m, 0m, 0m); // 272.5 million passed on 25 February

        Assert.Equal(5m, TaxCalculation.Compute(TaxRules.UsnIncome, null, days, new(2026, 2, 26), new(2026, 2, 28), Rules).VatRate);
        Assert.Equal(7m, TaxCalculation.Compute(TaxRules.UsnIncome, null, days, new(2026, 3, 1), new(2026, 3, 5), Rules).VatRate);
    }

    [Fact]
    public void Rates_are_data_a_new_row_applies_from_its_day()
    {
        var rules = TaxRules.Parse("""{ "usnIncome": [ { "from": "2026-01-01", "rate": 6 }, { "from": "2026-07-01", "rate": 8 } ] }""");
        var days = Days(new DateOnly(2026, 6, 30), 2, 1_000m, 0m, 0m);

        Assert.Equal(60m + 80m, TaxCalculation.Compute(TaxRules.UsnIncome, null, days, new(2026, 6, 30), new(2026, 7, 1), rules).Usn);
    }
}
