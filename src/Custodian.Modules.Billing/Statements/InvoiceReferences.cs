using System.Globalization;
using System.Text.RegularExpressions;

namespace Custodian.Modules.Billing.Statements;

/// <summary>
/// Finds the invoices a payment's purpose names: «Оплата по счёту № 12 от 07.12.2026», «по сч. 12», «счет на оплату
/// N12», «invoice 12». The year comes from the invoice's date when written, else from the payment's date.
/// </summary>
internal static partial class InvoiceReferences
{
    public static IReadOnlyList<(int Number, int? Year)> Find(string purpose)
    {
        var found = new List<(int, int?)>();
        try
        {
            Collect(purpose, found);
        }
        catch (RegexMatchTimeoutException)
        {
            // a purpose no bank writes: left for a person to match
        }

        return found;
    }

    private static void Collect(string purpose, List<(int, int?)> found)
    {
        foreach (Match match in Reference().Matches(purpose))
        {
            if (!int.TryParse(match.Groups["number"].Value, NumberStyles.None, CultureInfo.InvariantCulture, out var number) || number == 0)
            {
                continue;
            }

            int? year = match.Groups["year"].Success ? int.Parse(match.Groups["year"].Value, CultureInfo.InvariantCulture) : null;
            if (!found.Contains((number, year)))
            {
                found.Add((number, year));
            }
        }
    }

    [GeneratedRegex(@"(?<!\p{L})(?:сч[её]т(?:у|а|ом)?|сч\.?|invoice)\s*(?:на\s+оплату\s*)?(?:№|N|No\.?|#)?\s*(?<number>\d{1,9})(?!\d)(?:\s*(?:от|dated|of)\s*\d{1,2}[./]\d{1,2}[./](?<year>\d{4}))?",
        RegexOptions.IgnoreCase | RegexOptions.CultureInvariant, matchTimeoutMilliseconds: 1000)]
    private static partial Regex Reference();
}
