using Custodian.Modules.Billing.Payers;

namespace Custodian.Modules.Billing.Rights;

/// <summary>
/// How long accounting documents are kept, per register: 402-FZ art. 29 keeps them five years after the year of issue
/// (<c>billing</c>), Kirjanpitolaki 2:10 six years after the end of the accounting year (<c>billing-fi</c>; the
/// calendar year). A document is held until the last day of that period.
/// </summary>
internal static class AccountingPeriod
{
    public const string Russian = "billing";

    public const string Finnish = "billing-fi";

    public static IReadOnlyList<string> Registers { get; } = [Russian, Finnish];

    public static string CountryOf(string registerId) => registerId == Finnish ? "FI" : "RU";

    public static int Years(string registerId) => registerId == Finnish ? 6 : 5;

    /// <summary>The last day a document issued on <paramref name="issuedOn"/> must be kept.</summary>
    public static DateOnly KeptUntil(string registerId, DateOnly issuedOn) => new(issuedOn.Year + Years(registerId), 12, 31);

    /// <summary>The end of the accounting year of issue: the retention trigger (<c>end-of-accounting-year</c>).</summary>
    public static DateTimeOffset EndOfYear(int year) => new(year + 1, 1, 1, 0, 0, 0, TimeSpan.Zero);
}
