using Microsoft.EntityFrameworkCore;

namespace Custodian.Privacy.TechnicalAccess;

/// <summary>
/// The technical access store (table <c>privacy_technical_access</c>) in a context of its own: it maps no other table,
/// so no query through it can join visit data with identity data (a test holds every context to that).
/// </summary>
public sealed class TechnicalAccessDb(DbContextOptions<TechnicalAccessDb> options) : DbContext(options)
{
    public const string Table = "privacy_technical_access";

    public DbSet<TechnicalVisitRecord> Visits => Set<TechnicalVisitRecord>();

    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        ArgumentNullException.ThrowIfNull(modelBuilder);
        modelBuilder.Entity<TechnicalVisitRecord>(visit =>
        {
            visit.ToTable(Table);
            visit.HasKey(v => v.Id);
            visit.Property(v => v.Id).HasColumnName("id").ValueGeneratedOnAdd();
            visit.Property(v => v.Register).HasColumnName("register").HasMaxLength(64).IsRequired();
            visit.Property(v => v.Resource).HasColumnName("resource").HasMaxLength(128).IsRequired();
            visit.Property(v => v.AtUtc).HasColumnName("at");
            visit.Property(v => v.Address).HasColumnName("remote_address").HasMaxLength(64);
            visit.Property(v => v.Browser).HasColumnName("browser").HasMaxLength(512);
            visit.Property(v => v.Status).HasColumnName("status");
            visit.Property(v => v.Bytes).HasColumnName("bytes");
            visit.HasIndex(v => new { v.Resource, v.AtUtc });
            visit.HasIndex(v => new { v.Register, v.AtUtc });
        });
    }
}
