using Microsoft.EntityFrameworkCore;

namespace Custodian.Modules.Billing.Plans;

/// <summary>The mapping of <c>billing_plan_orders</c> (kept beside the plans, so the shared DbContext only calls it).</summary>
internal static class PlanOrderModel
{
    public static void Configure(ModelBuilder modelBuilder) => modelBuilder.Entity<PlanOrderRecord>(order =>
    {
        order.ToTable("billing_plan_orders");
        order.HasKey(o => o.Id);
        order.Property(o => o.Id).HasColumnName("id").ValueGeneratedNever();
        order.Property(o => o.InvoiceId).HasColumnName("invoice_id");
        order.HasIndex(o => o.InvoiceId).IsUnique();
        order.Property(o => o.Account).HasColumnName("account").HasMaxLength(100).IsRequired();
        order.HasIndex(o => o.Account);
        order.Property(o => o.PlanId).HasColumnName("plan_id").HasMaxLength(32).IsRequired();
        order.Property(o => o.Cycle).HasColumnName("cycle").HasConversion<string>().HasMaxLength(16);
        order.Property(o => o.Months).HasColumnName("months");
        order.Property(o => o.Price).HasColumnName("price").HasPrecision(18, 2);
        order.Property(o => o.Credit).HasColumnName("credit").HasPrecision(18, 2);
        order.Property(o => o.Amount).HasColumnName("amount").HasPrecision(18, 2);
        order.Property(o => o.Currency).HasColumnName("currency").HasMaxLength(3).IsRequired();
        order.Property(o => o.ChangesPlan).HasColumnName("changes_plan");
        order.Property(o => o.OrderedAtUtc).HasColumnName("ordered_at_utc");
        order.Property(o => o.SupersededAtUtc).HasColumnName("superseded_at_utc");
    });
}
