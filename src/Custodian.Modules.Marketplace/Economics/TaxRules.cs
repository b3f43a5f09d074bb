using System.Text.Json;
using System.Text.Json.Serialization;

namespace Custodian.Modules.Marketplace.Economics;

/// <summary>A rate (and for USN with VAT its thresholds) from the day it applies.</summary>
internal sealed record TaxRate(
    [property: JsonPropertyName("from")] DateOnly From,
    [property: JsonPropertyName("rate")] decimal Rate,
    [property: JsonPropertyName("minimumRate")] decimal? MinimumRate = null,
    [property: JsonPropertyName("threshold")] decimal? Threshold = null,
    [property: JsonPropertyName("upperThreshold")] decimal? UpperThreshold = null,
    [property: JsonPropertyName("upperRate")] decimal? UpperRate = null);

/// <summary>
/// Russian tax rates and thresholds as data (<c>tax-rules.json</c>, embedded): each rate applies from its day until the
/// next one's, so a law change is a new row with its date, and a period that spans the change uses both.
/// </summary>
internal sealed class TaxRules
{
    public const string UsnIncome = "usn-income";
    public const string UsnIncomeMinusExpenses = "usn-income-expenses";
    public const string Osno = "osno";

    public static readonly IReadOnlyList<string> Regimes = [UsnIncome, UsnIncomeMinusExpenses, Osno];

    [JsonPropertyName("usnIncome")]
    public IReadOnlyList<TaxRate> UsnIncomeRates { get; init; } = [];

    [JsonPropertyName("usnIncomeMinusExpenses")]
    public IReadOnlyList<TaxRate> UsnIncomeMinusExpensesRates { get; init; } = [];

    /// <summary>VAT of USN payers once their income of the year passes the threshold (5 %, 7 % above the upper one).</summary>
    [JsonPropertyName("usnVat")]
    public IReadOnlyList<TaxRate> UsnVat { get; init; } = [];

    [JsonPropertyName("vat")]
    public IReadOnlyList<TaxRate> Vat { get; init; } = [];

    [JsonPropertyName("profitTax")]
    public IReadOnlyList<TaxRate> ProfitTax { get; init; } = [];

    public static TaxRules Embedded { get; } = Load();

    /// <summary>The rate of the list in force on the day, or null before the first.</summary>
    public static TaxRate? On(IReadOnlyList<TaxRate> rates, DateOnly day) => rates.Where(r => r.From <= day).MaxBy(r => r.From);

    public static TaxRules Parse(string json) =>
        JsonSerializer.Deserialize<TaxRules>(json) ?? throw new InvalidOperationException("The tax rules are empty.");

    private static TaxRules Load()
    {
        using var stream = typeof(TaxRules).Assembly.GetManifestResourceStream("Custodian.Marketplace.tax-rules.json")
            ?? throw new InvalidOperationException("tax-rules.json is not embedded.");
        using var reader = new StreamReader(stream);
        return Parse(reader.ReadToEnd());
    }
}
