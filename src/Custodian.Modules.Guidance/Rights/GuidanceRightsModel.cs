using Microsoft.EntityFrameworkCore;

namespace Custodian.Modules.Guidance.Rights;

/// <summary>The tables of the rights slice (legal holds), kept beside it so the module's context only calls this.</summary>
internal static class GuidanceRightsModel
{
    public static void Configure(ModelBuilder modelBuilder)
    {
        modelBuilder.Entity<LegalHoldRecord>(h =>
        {
            h.ToTable(LegalHoldRecord.Table);
            h.HasKey(x => x.Id);
            h.Property(x => x.Id).HasColumnName("id");
            h.Property(x => x.ClientId).HasColumnName("client_id");
            h.Property(x => x.Reason).HasColumnName("reason").HasConversion<string>().HasMaxLength(32);
            h.Property(x => x.Explanation).HasColumnName("explanation").HasMaxLength(300).IsRequired();
            h.Property(x => x.Until).HasColumnName("until");
            h.Property(x => x.PlacedAtUtc).HasColumnName("placed_at");
            h.Property(x => x.PlacedBy).HasColumnName("placed_by").HasMaxLength(80).IsRequired();
            h.Property(x => x.LiftedAtUtc).HasColumnName("lifted_at");
            h.HasIndex(x => x.ClientId);
        });
    }
}
