using System.Text.RegularExpressions;
using System.Xml.Linq;
using Custodian.Modules.Marketplace.Sellers;
using Custodian.Privacy.Abstractions.Identifiers;
using Custodian.Testing;

namespace Custodian.Modules.Marketplace.Tests;

/// <summary>What the bot, the notices and their mails say is in the seller's language, to the last word.</summary>
public sealed partial class SellerLanguageTests
{
    /// <summary>An address for each reason the kernel's e-mail check gives.</summary>
    public static TheoryData<string> Malformed =>
    [
        "",
        new string('a', 250) + "@example.ru",
        "anna@@example.ru",
        "@example.ru",
        "an..na@example.ru",
        "anna@example",
        "anna@-example.ru",
        "anna@example.r2",
    ];

    [Fact]
    public void Every_text_the_module_speaks_to_a_seller_has_a_russian_and_a_finnish_translation_with_the_same_placeholders()
    {
        var module = Path.Combine(Repository.Src, "Custodian.Modules.Marketplace");
        var texts = Directory.GetFiles(module, "*.cs", SearchOption.AllDirectories)
            .Where(f => !f.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}", StringComparison.Ordinal))
            .SelectMany(f => SpokenText().Matches(File.ReadAllText(f)).Select(m => m.Groups[1].Value.Replace("\\\"", "\"", StringComparison.Ordinal)))
            .ToHashSet(StringComparer.Ordinal);

        Assert.True(texts.Count > 60, $"only {texts.Count} texts found: is the pattern still right?");
        foreach (var language in new[] { "ru", "fi" })
        {
            var translations = XDocument.Load(Path.Combine(module, "Resources", $"MarketplaceText.{language}.resx")).Root!.Elements("data")
                .ToDictionary(d => (string)d.Attribute("name")!, d => d.Element("value")?.Value ?? string.Empty, StringComparer.Ordinal);
            Assert.Empty(texts.Where(t => !translations.TryGetValue(t, out var value) || string.IsNullOrWhiteSpace(value)).Select(t => $"{language}: {t}"));
            Assert.Empty(texts.Where(t => !Placeholders(t).SetEquals(Placeholders(translations[t]))).Select(t => $"{language}: {t}"));
        }
    }

    [Theory]
    [MemberData(nameof(Malformed))]
    public void Every_reason_the_kernel_gives_for_a_malformed_address_is_told_in_each_language(string address)
    {
        var reason = Email.Check(address).Reason;

        var english = AddressProblems.Known(reason, SellerLanguage.English);
        var russian = AddressProblems.Known(reason, SellerLanguage.Russian);
        var finnish = AddressProblems.Known(reason, SellerLanguage.Finnish);

        Assert.NotNull(english);
        Assert.NotEqual(english, russian);
        Assert.NotEqual(english, finnish);
    }

    [Fact]
    public void A_reason_the_kernel_adds_later_is_told_as_a_plain_not_valid_in_the_language()
    {
        Assert.Equal("адрес недействителен", AddressProblems.Explain("a reason written after this module", SellerLanguage.Russian));
    }

    [Theory]
    [InlineData(null, "ru")]
    [InlineData("", "ru")]
    [InlineData("ru", "ru")]
    [InlineData("RU", "ru")]
    [InlineData("fi", "fi")]
    [InlineData("en", "en")]
    [InlineData("en-US", "en")]
    [InlineData("de", "en")]
    public void A_telegram_language_code_chooses_the_language_and_none_means_russian(string? code, string expected)
    {
        Assert.Equal(expected, SellerLanguage.Of(code).Code);
    }

    [Fact]
    public void A_text_without_a_translation_stays_english()
    {
        Assert.Equal("Not a text of the module.", SellerLanguage.Russian["Not a text of the module."]);
    }

    private static HashSet<string> Placeholders(string text) => [.. Placeholder().Matches(text).Select(m => m.Value)];

    // t["..."] and t.Format("...", ...): how the module's code says something to a seller (SellerLanguage).
    [GeneratedRegex("""\bt(?:\[|\.Format\()\s*"((?:[^"\\]|\\.)*)"[\],]""")]
    private static partial Regex SpokenText();

    [GeneratedRegex(@"\{\d+(?::[^}]*)?\}")]
    private static partial Regex Placeholder();
}
