namespace Custodian.Modules.Marketplace.Economics;

/// <summary>A day's money for tax: income (revenue), what the marketplace charged (VAT included) and the cost of the goods sold.</summary>
internal sealed record TaxDay(DateOnly Day, decimal Income, decimal Charges, decimal CostOfGoods);

/// <summary>The taxes of a period: USN, VAT (output minus input under ОСНО), profit tax, and the VAT rate that applied last.</summary>
internal sealed record TaxResult(decimal Usn, decimal Vat, decimal ProfitTax, decimal? VatRate)
{
    public decimal Total => Usn + Vat + ProfitTax;
}

/// <summary>
/// Taxes of a period under the seller's regime, day by day so a rate change inside the period applies from its day.
/// USN: 6 % of income or 15 % of income minus expenses (at least 1 % of income), regional rates replace the federal one;
/// once the year's income passes the USN VAT threshold, VAT (5 %, 7 % above the upper threshold) is due from the first
/// day of the next month (Tax Code art. 145 p. 1, 164 p. 8) and comes out of the price. ОСНО: VAT out of the price minus
/// the VAT in the marketplace's charges, and profit tax on what remains.
/// </summary>
internal static class TaxCalculation
{
    /// <param name="yearToDate">Every day from 1 January of the period's first year to its last day (income before the period decides the USN VAT threshold).</param>
    public static TaxResult Compute(string regime, decimal? usnRate, IReadOnlyList<TaxDay> yearToDate, DateOnly from, DateOnly to, TaxRules rules)
    {
        var vatStart = regime == TaxRules.Osno ? null : UsnVatMonths(yearToDate, rules);
        decimal vatOut = 0m, vatIn = 0m, usn = 0m, minimum = 0m, profitTax = 0m;
        decimal? lastVatRate = null;
        foreach (var day in yearToDate.Where(d => d.Day >= from && d.Day <= to).OrderBy(d => d.Day))
        {
            decimal? vatRate = regime == TaxRules.Osno ? TaxRules.On(rules.Vat, day.Day)?.Rate : vatStart?.Invoke(day.Day);
            var dayVat = vatRate is { } r ? day.Income * r / (100m + r) : 0m;
            lastVatRate = vatRate ?? lastVatRate;
            vatOut += dayVat;
            if (regime == TaxRules.Osno && vatRate is { } rate)
            {
                vatIn += day.Charges * rate / (100m + rate);
            }

            var net = day.Income - dayVat;
            switch (regime)
            {
                case TaxRules.UsnIncome:
                    usn += net * (usnRate ?? TaxRules.On(rules.UsnIncomeRates, day.Day)?.Rate ?? 0m) / 100m;
                    break;
                case TaxRules.UsnIncomeMinusExpenses:
                    var rule = TaxRules.On(rules.UsnIncomeMinusExpensesRates, day.Day);
                    usn += (net - day.Charges - day.CostOfGoods) * (usnRate ?? rule?.Rate ?? 0m) / 100m;
                    minimum += net * (rule?.MinimumRate ?? 0m) / 100m;
                    break;
                default:
                    var taxable = net - (day.Charges - (vatRate is { } v ? day.Charges * v / (100m + v) : 0m)) - day.CostOfGoods;
                    profitTax += taxable * (TaxRules.On(rules.ProfitTax, day.Day)?.Rate ?? 0m) / 100m;
                    break;
            }
        }

        if (regime == TaxRules.UsnIncomeMinusExpenses)
        {
            usn = Math.Max(usn, minimum);
        }

        return new TaxResult(Round(Math.Max(usn, 0m)), Round(vatOut - vatIn), Round(Math.Max(profitTax, 0m)), lastVatRate);
    }

    /// <summary>For USN: the VAT rate of a day (null while exempt), from when the year's income crossed each threshold.</summary>
    private static Func<DateOnly, decimal?> UsnVatMonths(IReadOnlyList<TaxDay> days, TaxRules rules)
    {
        var crossings = new Dictionary<int, (DateOnly? Lower, DateOnly? Upper)>();
        foreach (var year in days.GroupBy(d => d.Day.Year))
        {
            var (total, lower, upper) = (0m, (DateOnly?)null, (DateOnly?)null);
            foreach (var day in year.OrderBy(d => d.Day))
            {
                total += day.Income;
                var rule = TaxRules.On(rules.UsnVat, day.Day);
                if (rule?.Threshold is { } threshold && lower is null && total > threshold)
                {
                    lower = FirstOfNextMonth(day.Day);
                }

                if (rule?.UpperThreshold is { } high && upper is null && total > high)
                {
                    upper = FirstOfNextMonth(day.Day);
                }
            }

            crossings[year.Key] = (lower, upper);
        }

        return day =>
        {
            if (!crossings.TryGetValue(day.Year, out var c) || c.Lower is not { } lower || day < lower || TaxRules.On(rules.UsnVat, day) is not { } rule)
            {
                return null;
            }

            return c.Upper is { } upper && day >= upper ? rule.UpperRate ?? rule.Rate : rule.Rate;
        };
    }

    private static DateOnly FirstOfNextMonth(DateOnly day) => new DateOnly(day.Year, day.Month, 1).AddMonths(1);

    private static decimal Round(decimal value) => Math.Round(value, 2, MidpointRounding.AwayFromZero);
}
