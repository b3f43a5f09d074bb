using System.Globalization;
using System.Resources;

namespace Custodian.Modules.Marketplace;

/// <summary>
/// The language the module speaks to one person outside a web request (the bot, notices, mail): Russian, Finnish or
/// English. Texts are the module's resources (<see cref="MarketplaceText"/>), looked up by their English text as the
/// pages do; a text without a translation stays English.
/// </summary>
internal sealed class SellerLanguage
{
    // Read directly, not through IStringLocalizer: that follows the thread's culture, and the CLI host has none of it.
    private static readonly ResourceManager Texts = new("Custodian.Modules.Marketplace.Resources.MarketplaceText", typeof(MarketplaceText).Assembly);

    public static readonly SellerLanguage Russian = new("ru");

    public static readonly SellerLanguage Finnish = new("fi");

    public static readonly SellerLanguage English = new("en");

    private SellerLanguage(string code) => (Code, Culture) = (code, CultureInfo.GetCultureInfo(code));

    /// <summary>ru, fi or en: what the seller record keeps.</summary>
    public string Code { get; }

    public CultureInfo Culture { get; }

    /// <summary>
    /// The language of a Telegram <c>language_code</c> (an IETF tag: "ru", "en-US") or of a stored code. None means
    /// Russian, the language of the service's sellers; one the module has no texts in means English.
    /// </summary>
    public static SellerLanguage Of(string? code)
    {
        if (string.IsNullOrWhiteSpace(code))
        {
            return Russian;
        }

        var language = code.Split('-', '_')[0].Trim().ToLowerInvariant();
        return language switch
        {
            "ru" => Russian,
            "fi" => Finnish,
            _ => English,
        };
    }

    /// <summary>The text in this language (<paramref name="english"/> is the key and the English text).</summary>
    public string this[string english]
    {
        get
        {
            if (ReferenceEquals(this, English))
            {
                return english;
            }

            try
            {
                return Texts.GetString(english, Culture) is { Length: > 0 } translated ? translated : english;
            }
            catch (MissingManifestResourceException)
            {
                return english; // no translation: the lookup fell back to the neutral resources, which English has in code
            }
        }
    }

    /// <summary>The text in this language with its placeholders filled (numbers and dates in this language's culture).</summary>
    public string Format(string english, params object?[] values) => string.Format(Culture, this[english], values);

    public override string ToString() => Code;
}
