using System.Globalization;

namespace Custodian.Modules.Marketplace.Subscriptions;

/// <summary>A price: an amount in a currency (never a bare number).</summary>
internal readonly record struct Price(decimal Amount, string Currency)
{
    public override string ToString() => Amount.ToString("#,0.##", CultureInfo.InvariantCulture).Replace(",", "\u00a0", StringComparison.Ordinal) + " " + (Currency == "RUB" ? "₽" : Currency);
}

/// <summary>
/// A tariff of the analytics service: how many marketplace accounts it collects and what a month costs. Every new
/// seller starts with <see cref="Trial"/>; paid plans are recorded as periods (by an operator after payment, until the
/// billing module takes payments online).
/// </summary>
/// <param name="Id">Stable id used in records and on the command line.</param>
/// <param name="MaxAccounts">Marketplace accounts (Wildberries or Ozon keys) the plan collects at the same time.</param>
internal sealed record SellerPlan(string Id, string NameRu, string NameEn, Price MonthlyPrice, int MaxAccounts)
{
    /// <summary>How long a new seller may use the service before choosing a plan.</summary>
    public static readonly TimeSpan TrialLength = TimeSpan.FromDays(14);

    public static readonly SellerPlan Trial = new("trial", "Пробный период", "Trial", new Price(0m, "RUB"), 3);

    public static readonly SellerPlan Start = new("start", "Старт", "Start", new Price(1_490m, "RUB"), 1);

    public static readonly SellerPlan Business = new("business", "Бизнес", "Business", new Price(3_990m, "RUB"), 5);

    /// <summary>The plans a seller can pay for, cheapest first.</summary>
    public static IReadOnlyList<SellerPlan> Paid { get; } = [Start, Business];

    /// <summary>The Moscow calendar day of an instant: plans and invoices of the Russian service count Moscow days.</summary>
    public static DateOnly DayOf(DateTime utc) => Privacy.Abstractions.Time.LocalDays.Moscow(utc);

    /// <summary>The plan's name as the seller reads it (the Russian name in Russian, the English one otherwise, as on the pages).</summary>
    public string NameIn(SellerLanguage language) => language == SellerLanguage.Russian ? NameRu : NameEn;

    public static SellerPlan? Find(string? id) => id == Trial.Id ? Trial : Paid.FirstOrDefault(p => string.Equals(p.Id, id, StringComparison.OrdinalIgnoreCase));
}
