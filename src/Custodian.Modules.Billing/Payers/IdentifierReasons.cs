using System.Globalization;
using System.Text.RegularExpressions;
using Microsoft.Extensions.Localization;

namespace Custodian.Modules.Billing.Payers;

/// <summary>
/// The kernel's identifier validators explain in English with the numbers of the case ("check digit should be 5, not
/// 3"). Shown on a Russian or Finnish page, the reason is translated by its shape: every run of digits becomes a
/// placeholder ("check digit should be {0}, not {1}"), that key is looked up among billing's texts, and the numbers go
/// back in. A reason without a translation is shown as the validator wrote it.
/// </summary>
internal static partial class IdentifierReasons
{
    public static string Translate(string? reason, IStringLocalizer texts)
    {
        ArgumentNullException.ThrowIfNull(texts);
        if (string.IsNullOrEmpty(reason))
        {
            return string.Empty;
        }

        var numbers = new List<object>();
        var key = Digits().Replace(reason.Replace("{", "{{", StringComparison.Ordinal).Replace("}", "}}", StringComparison.Ordinal), match =>
        {
            numbers.Add(match.Value);
            return "{" + (numbers.Count - 1).ToString(CultureInfo.InvariantCulture) + "}";
        });
        var translated = texts[key, [.. numbers]];
        return translated.ResourceNotFound ? reason : translated.Value;
    }

    [GeneratedRegex("[0-9]+", RegexOptions.CultureInvariant)]
    private static partial Regex Digits();
}
