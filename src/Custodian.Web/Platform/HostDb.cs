using Microsoft.AspNetCore.DataProtection.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore;

namespace Custodian.Web.Platform;

/// <summary>
/// Tables of the host itself (prefix <c>host_</c>). Data-protection keys live here so that every web instance
/// of a scaled-out deployment can read the cookies and antiforgery tokens the others issued.
/// </summary>
public sealed class HostDb(DbContextOptions<HostDb> options) : DbContext(options), IDataProtectionKeyContext
{
    public DbSet<DataProtectionKey> DataProtectionKeys => Set<DataProtectionKey>();

    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        modelBuilder.Entity<DataProtectionKey>(key =>
        {
            key.ToTable("host_data_protection_keys");
            key.Property(k => k.Id).HasColumnName("id");
            key.Property(k => k.FriendlyName).HasColumnName("friendly_name").HasMaxLength(200);
            key.Property(k => k.Xml).HasColumnName("xml");
        });
    }
}
