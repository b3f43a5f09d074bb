using Custodian.Modules.Marketplace.Abc;

namespace Custodian.Modules.Marketplace.Tests;

/// <summary>ABC classes by cumulative share, with configurable shares.</summary>
public sealed class AbcAnalysisTests
{
    [Fact]
    public void Items_are_a_until_eighty_percent_b_until_ninety_five_and_c_after_and_losses_are_c()
    {
        var items = new (string, decimal)[] { ("a1", 500m), ("a2", 250m), ("b1", 100m), ("b2", 60m), ("c1", 50m), ("c2", 40m), ("loss", -30m), ("none", 0m) };

        var classes = AbcAnalysis.Classify(items, AbcShares.Default);

        Assert.Equal("AABBCCCC", string.Concat(items.Select(i => classes[i.Item1])));
    }

    [Fact]
    public void The_shares_are_configurable_and_nonsense_falls_back_to_eighty_fifteen()
    {
        var items = new (string, decimal)[] { ("x", 50m), ("y", 30m), ("z", 20m) };

        var classes = AbcAnalysis.Classify(items, AbcShares.Parse(n => n == "abc_a" ? "50" : n == "abc_b" ? "30" : null));

        Assert.Equal("ABC", string.Concat(items.Select(i => classes[i.Item1])));
        Assert.Equal(AbcShares.Default, AbcShares.Parse(n => n == "abc_a" ? "90" : n == "abc_b" ? "20" : null));
    }
}
