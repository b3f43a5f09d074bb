using System.Globalization;
using Custodian.Modules.Guidance.Clients;
using Custodian.Privacy.Abstractions.Protection;
using Custodian.Privacy.Abstractions.Requests;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Custodian.Modules.Guidance.Plan;

/// <summary>The goals-and-plan slice's tables, use case, and its part of the client's copy and of erasure.</summary>
internal static class PlanModel
{
    public static void AddPlan(IServiceCollection services) => services.AddScoped<PlanItems>();

    public static void Configure(ModelBuilder modelBuilder)
    {
        modelBuilder.Entity<PlanItemRecord>(p =>
        {
            p.ToTable(PlanItemRecord.Table);
            p.HasKey(x => x.Id);
            p.Property(x => x.Id).HasColumnName("id");
            p.Property(x => x.ClientId).HasColumnName("client_id");
            p.Property(x => x.Kind).HasColumnName("kind").HasConversion<string>().HasMaxLength(16);
            p.Property(x => x.Area).HasColumnName("area").HasConversion<string>().HasMaxLength(32);
            p.Property(x => x.Version).HasColumnName("version").IsConcurrencyToken();
            p.Property(x => x.CreatedAtUtc).HasColumnName("created_at");
            p.Property(x => x.CreatedBy).HasColumnName("created_by").HasMaxLength(80).IsRequired();
            p.HasIndex(x => x.ClientId);
        });
        modelBuilder.Entity<PlanItemVersionRecord>(v =>
        {
            v.ToTable(PlanItemVersionRecord.Table);
            v.HasKey(x => new { x.ItemId, x.Version });
            v.Property(x => x.ItemId).HasColumnName("item_id");
            v.Property(x => x.Version).HasColumnName("version");
            v.Property(x => x.Text).HasColumnName("plan_text").HasConversion(t => t.Ciphertext, b => Encrypted.FromCiphertext<string>(b)).IsRequired();
            v.Property(x => x.TargetDate).HasColumnName("target_date");
            v.Property(x => x.Status).HasColumnName("status").HasConversion<string>().HasMaxLength(16);
            v.Property(x => x.WrittenAtUtc).HasColumnName("written_at");
            v.Property(x => x.WrittenBy).HasColumnName("written_by").HasMaxLength(80).IsRequired();
        });
    }

    public static async Task<IReadOnlyList<ExportedRecord>> ExportAsync(GuidanceDb db, IPersonalDataVault vault, string registerId, ClientRecord client, CancellationToken cancellationToken)
    {
        var records = new List<ExportedRecord>();
        var items = await db.PlanItems.Where(i => i.ClientId == client.Id).OrderBy(i => i.CreatedAtUtc).ToListAsync(cancellationToken);
        var ids = items.Select(i => i.Id).ToList();
        var versions = await db.PlanItemVersions.Where(v => ids.Contains(v.ItemId)).ToListAsync(cancellationToken);
        foreach (var item in items)
        {
            foreach (var version in versions.Where(v => v.ItemId == item.Id).OrderBy(v => v.Version))
            {
                var text = await vault.OpenAsync(version.Text, PlanItemVersionRecord.Field(item.Id, version.Version), cancellationToken);
                records.Add(new ExportedRecord(new RecordRef(registerId, PlanWords.Key(item.Kind), $"{item.Id:D}/{version.Version}"),
                [
                    new("plan_text", text.IsErased ? null : text.Value), new("area", ConsentAreas.Key(item.Area)),
                    new("target_date", version.TargetDate?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)), new("status", PlanWords.Key(version.Status)),
                    new("version", version.Version.ToString(CultureInfo.InvariantCulture)), new("written_at", version.WrittenAtUtc.ToString("yyyy-MM-ddTHH:mm:ssZ", CultureInfo.InvariantCulture)),
                ], client.Restricted));
            }
        }

        return records;
    }

    public static async Task DeleteAsync(GuidanceDb db, IReadOnlyCollection<Guid> clients, CancellationToken cancellationToken)
    {
        var items = db.PlanItems.Where(i => clients.Contains(i.ClientId)).Select(i => i.Id);
        await db.PlanItemVersions.Where(v => items.Contains(v.ItemId)).ExecuteDeleteAsync(cancellationToken);
        await db.PlanItems.Where(i => clients.Contains(i.ClientId)).ExecuteDeleteAsync(cancellationToken);
    }
}
