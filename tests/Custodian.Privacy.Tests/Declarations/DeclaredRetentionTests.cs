using Custodian.Privacy.Declarations;
using Custodian.Testing;

namespace Custodian.Privacy.Tests.Declarations;

/// <summary>Code that says how long a record is kept reads the period the register declares, not a figure of its own.</summary>
public sealed class DeclaredRetentionTests
{
    private static readonly DeclaredRetention Retention = new(RegisterCatalog.Load(Path.Combine(Repository.Root, "registers")));

    [Fact]
    public void The_last_kept_day_is_the_day_before_the_declared_period_runs_out_from_the_trigger()
    {
        // Vouchers of 2026: the Finnish Accounting Act's six years and 402-FZ's five, from the end of the year.
        Assert.Equal(new DateOnly(2032, 12, 31), Retention.LastKeptDay("billing-fi", "payer", new DateOnly(2027, 1, 1)));
        Assert.Equal(new DateOnly(2031, 12, 31), Retention.LastKeptDay("billing", "payer", new DateOnly(2027, 1, 1)));
        Assert.Equal(new DateOnly(2032, 12, 31), Retention.LastKeptDay("training", "invoices", new DateOnly(2027, 1, 1)));
    }

    [Fact]
    public void An_undeclared_register_or_category_is_refused_rather_than_kept_for_no_time()
    {
        Assert.Throws<InvalidOperationException>(() => Retention.LastKeptDay("training", "no-such-category", new DateOnly(2027, 1, 1)));
        Assert.Throws<InvalidOperationException>(() => Retention.LastKeptDay("no-such-register", "payer", new DateOnly(2027, 1, 1)));
    }
}
