using System.Text.RegularExpressions;
using System.Xml.Linq;
using Custodian.Testing;

namespace Custodian.Web.Tests;

/// <summary>Every text a page shows through the localiser has a Finnish and a Russian translation in the resources of the project that owns the page.</summary>
public sealed partial class TranslationTests
{
    [Theory]
    [InlineData("Custodian.Web", "SharedResource", "fi", 15)]
    [InlineData("Custodian.Web", "SharedResource", "ru", 15)]
    [InlineData("Custodian.Identity", "IdentityText", "fi", 40)]
    [InlineData("Custodian.Identity", "IdentityText", "ru", 40)]
    [InlineData("Custodian.Privacy", "PrivacyText", "fi", 100)]
    [InlineData("Custodian.Privacy", "PrivacyText", "ru", 100)]
    [InlineData("Custodian.Modules.Billing", "BillingText", "fi", 5)]
    [InlineData("Custodian.Modules.Billing", "BillingText", "ru", 5)]
    [InlineData("Custodian.Modules.Marketplace", "MarketplaceText", "fi", 80)]
    [InlineData("Custodian.Modules.Marketplace", "MarketplaceText", "ru", 80)]
    [InlineData("Custodian.Modules.Guidance", "GuidanceText", "fi", 40)]
    [InlineData("Custodian.Modules.Guidance", "GuidanceText", "ru", 40)]
    [InlineData("Custodian.Modules.Training", "TrainingText", "fi", 10)]
    [InlineData("Custodian.Modules.Training", "TrainingText", "ru", 10)]
    public void Every_page_text_is_translated(string project, string resource, string language, int atLeast)
    {
        var pages = Path.Combine(Repository.Root, "src", project, "Pages");
        var texts = Directory.GetFiles(pages, "*.cshtml", SearchOption.AllDirectories).SelectMany(f => LocalisedText().Matches(File.ReadAllText(f)).Select(m => m.Groups[1].Value))
            .Concat(Directory.GetFiles(pages, "*.cs", SearchOption.AllDirectories).SelectMany(f => OptionLabel().Matches(File.ReadAllText(f)).Select(m => m.Groups[1].Value)))
            .Select(t => t.Replace("\\\"", "\"", StringComparison.Ordinal))
            .ToHashSet(StringComparer.Ordinal);
        var translated = XDocument.Load(Path.Combine(Repository.Root, "src", project, "Resources", $"{resource}.{language}.resx"))
            .Root!.Elements("data").Where(d => !string.IsNullOrWhiteSpace(d.Element("value")?.Value)).Select(d => (string)d.Attribute("name")!).ToHashSet(StringComparer.Ordinal);

        Assert.True(texts.Count > atLeast, $"only {texts.Count} texts found: is the pattern still right?");
        Assert.Empty(texts.Where(t => !translated.Contains(t)).Order(StringComparer.Ordinal));
    }

    [Fact]
    public void No_two_texts_of_a_resource_differ_only_in_case()
    {
        // The compiled resources look names up without regard to case: "Orders" and "orders" would shadow each other.
        var clashes = Directory.GetFiles(Repository.Src, "*.resx", SearchOption.AllDirectories)
            .SelectMany(file => XDocument.Load(file).Root!.Elements("data").Select(d => (string)d.Attribute("name")!)
                .GroupBy(name => name, StringComparer.OrdinalIgnoreCase).Where(g => g.Count() > 1).Select(g => Path.GetFileName(file) + ": " + string.Join(" / ", g)));

        Assert.Empty(clashes);
    }

    [Fact]
    public void Every_project_with_pages_is_checked()
    {
        var withPages = Directory.GetDirectories(Repository.Src).Where(p => Directory.Exists(Path.Combine(p, "Pages"))).Select(Path.GetFileName).Order(StringComparer.Ordinal);

        Assert.Equal(["Custodian.Identity", "Custodian.Modules.Billing", "Custodian.Modules.Guidance", "Custodian.Modules.Marketplace", "Custodian.Modules.Training", "Custodian.Privacy", "Custodian.Web"], withPages);
    }

    [GeneratedRegex("""T\["((?:[^"\\]|\\.)*)"\]?""")]
    private static partial Regex LocalisedText();

    // Choice labels declared in page models, e.g. new("access", "A copy of my data and how it is used").
    [GeneratedRegex("""new\("[a-z-]+", "([^"]+)"\)""")]
    private static partial Regex OptionLabel();
}
