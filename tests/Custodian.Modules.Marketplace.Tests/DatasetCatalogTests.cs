using System.Xml.Linq;
using Custodian.Modules.Marketplace.Collection;
using Custodian.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace Custodian.Modules.Marketplace.Tests;

/// <summary>The catalog of datasets is the one description every part of the module reads.</summary>
public sealed class DatasetCatalogTests
{
    [Fact]
    public async Task Every_collector_collects_exactly_one_dataset_of_the_catalog_and_every_catalog_entry_is_collected()
    {
        await using var world = await MarketplaceWorld.StartAsync();
        var collectors = world.Get<MarketplaceDatasets>().All;

        Assert.Equal(DatasetCatalog.All.Select(d => d.Name), collectors.Select(c => c.Description.Name));
        Assert.All(collectors, c => Assert.Same(DatasetCatalog.All.Single(d => d.Name == c.Name), c.Description));
        Assert.Equal(DatasetCatalog.All.Count, DatasetCatalog.All.Select(d => d.Name).Distinct(StringComparer.Ordinal).Count());
    }

    [Theory]
    [InlineData("ru")]
    [InlineData("fi")]
    public void Every_dataset_title_sellers_see_is_translated(string language)
    {
        var translated = XDocument.Load(Path.Combine(Repository.Src, "Custodian.Modules.Marketplace", "Resources", $"MarketplaceText.{language}.resx"))
            .Root!.Elements("data").Select(d => (string)d.Attribute("name")!).ToHashSet(StringComparer.Ordinal);

        Assert.DoesNotContain(DatasetCatalog.All, d => !translated.Contains(d.Title));
    }

    [Fact]
    public void A_description_whose_day_or_money_column_is_not_in_its_table_is_refused()
    {
        var table = DatasetCatalog.WbOrders.Table;

        Assert.Throws<ArgumentException>(() => new DatasetDescription("x", Accounts.MarketplaceKind.Wildberries, table, ["srid"], TimeSpan.FromHours(1), DatasetPaging.Offset, "X"));
        Assert.Throws<ArgumentException>(() => new DatasetDescription("x", Accounts.MarketplaceKind.Wildberries, table, [], TimeSpan.FromHours(1), DatasetPaging.Offset, "X", dayColumn: "ordered_at"));
    }
}
