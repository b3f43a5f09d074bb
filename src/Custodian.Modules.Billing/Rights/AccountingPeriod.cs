using Custodian.Modules.Billing.Payers;

namespace Custodian.Modules.Billing.Rights;

/// <summary>
/// The accounting registers and their year: 402-FZ art. 29 keeps documents five years after the year of issue
/// (<c>billing</c>), Kirjanpitolaki 2:10 six years after the end of the accounting year (<c>billing-fi</c>; the
/// calendar year). The periods themselves are the <see cref="Category"/> category's declared retention (the register
/// YAML), read through the kernel, not repeated here.
/// </summary>
internal static class AccountingPeriod
{
    public const string Russian = "billing";

    public const string Finnish = "billing-fi";

    public static IReadOnlyList<string> Registers { get; } = [Russian, Finnish];

    public static string CountryOf(string registerId) => registerId == Finnish ? "FI" : "RU";

    /// <summary>The category whose declared retention is the accounting period of documents and payment records.</summary>
    public const string Category = "payer";

    /// <summary>The first day after the accounting year <paramref name="year"/>: the day its retention trigger happens.</summary>
    public static DateOnly EndOfYearDay(int year) => new(year + 1, 1, 1);

    /// <summary>The end of the accounting year of issue: the retention trigger (<c>end-of-accounting-year</c>).</summary>
    public static DateTimeOffset EndOfYear(int year) => new(year + 1, 1, 1, 0, 0, 0, TimeSpan.Zero);
}
