using System.Globalization;
using Custodian.Modules.Marketplace.Collection;

namespace Custodian.Modules.Marketplace.Tests;

public sealed class RepeatedValuesTests
{
    [Fact]
    public void An_amount_keeps_its_own_scale_when_an_equal_one_was_boxed_before()
    {
        var first = RepeatedValues.Boxed(1.5m);
        var second = RepeatedValues.Boxed(1.50m);

        Assert.Equal("1.5", Convert.ToString(first, CultureInfo.InvariantCulture));
        Assert.Equal("1.50", Convert.ToString(second, CultureInfo.InvariantCulture));
        Assert.Same(second, RepeatedValues.Boxed(1.50m));
    }

    [Fact]
    public void Numbers_and_days_come_back_with_their_value_whether_kept_or_not()
    {
        var day = new DateOnly(2026, 12, 7);

        Assert.Same(RepeatedValues.Boxed(day), RepeatedValues.Boxed(day));
        Assert.Same(RepeatedValues.Boxed(123456789L), RepeatedValues.Boxed(123456789L));
        Assert.Equal(-5, RepeatedValues.Boxed(-5));
        Assert.Equal(101, RepeatedValues.Boxed(101));
        Assert.Same(RepeatedValues.Boxed(42), RepeatedValues.Boxed(42));
    }
}
