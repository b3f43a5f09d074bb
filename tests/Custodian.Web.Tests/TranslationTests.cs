using System.Text.RegularExpressions;
using System.Xml.Linq;
using Custodian.Testing;

namespace Custodian.Web.Tests;

/// <summary>Every text a page shows through the localiser has a Finnish and a Russian translation.</summary>
public sealed partial class TranslationTests
{
    [Theory]
    [InlineData("fi")]
    [InlineData("ru")]
    public void Every_page_text_is_translated(string language)
    {
        var pages = Path.Combine(Repository.Root, "src", "Custodian.Web", "Pages");
        var texts = Directory.GetFiles(pages, "*.cshtml", SearchOption.AllDirectories).SelectMany(f => LocalisedText().Matches(File.ReadAllText(f)).Select(m => m.Groups[1].Value))
            .Concat(Directory.GetFiles(pages, "*.cs", SearchOption.AllDirectories).SelectMany(f => OptionLabel().Matches(File.ReadAllText(f)).Select(m => m.Groups[1].Value)))
            .Select(t => t.Replace("\\\"", "\"", StringComparison.Ordinal))
            .ToHashSet(StringComparer.Ordinal);
        var translated = XDocument.Load(Path.Combine(Repository.Root, "src", "Custodian.Web", "Resources", $"SharedResource.{language}.resx"))
            .Root!.Elements("data").Where(d => !string.IsNullOrWhiteSpace(d.Element("value")?.Value)).Select(d => (string)d.Attribute("name")!).ToHashSet(StringComparer.Ordinal);

        Assert.True(texts.Count > 100, $"only {texts.Count} texts found: is the pattern still right?");
        Assert.Empty(texts.Where(t => !translated.Contains(t)).Order(StringComparer.Ordinal));
    }

    [GeneratedRegex("""T\["((?:[^"\\]|\\.)*)"\]?""")]
    private static partial Regex LocalisedText();

    // Choice labels declared in page models, e.g. new("access", "A copy of my data and how it is used").
    [GeneratedRegex("""new\("[a-z-]+", "([^"]+)"\)""")]
    private static partial Regex OptionLabel();
}
