using Custodian.Privacy.Abstractions.Protection;
using Custodian.Privacy.Abstractions.Requests;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace Custodian.Modules.Guidance.Attachments;

/// <summary>The attachments slice's table, settings, use case, and its part of the client's copy and of erasure.</summary>
internal static class AttachmentModel
{
    public static void AddAttachments(IHostApplicationBuilder builder)
    {
        builder.Services.AddOptions<AttachmentOptions>().Bind(builder.Configuration.GetSection(AttachmentOptions.Section)).ValidateDataAnnotations().ValidateOnStart();
        builder.Services.AddScoped<ClientAttachments>();
    }

    public static void Configure(ModelBuilder modelBuilder) => modelBuilder.Entity<AttachmentRecord>(a =>
    {
        a.ToTable(AttachmentRecord.Table);
        a.HasKey(x => x.Id);
        a.Property(x => x.Id).HasColumnName("id");
        a.Property(x => x.ClientId).HasColumnName("client_id");
        a.Property(x => x.Area).HasColumnName("area").HasConversion<string>().HasMaxLength(32);
        a.Property(x => x.ContentType).HasColumnName("content_type").HasMaxLength(40).IsRequired();
        a.Property(x => x.Size).HasColumnName("size");
        a.Property(x => x.Name).HasColumnName("attachment_name").HasConversion(v => v.Ciphertext, b => Encrypted.FromCiphertext<string>(b)).IsRequired();
        a.Property(x => x.Content).HasColumnName("attachment_content").HasConversion(v => v.Ciphertext, b => Encrypted.FromCiphertext<byte[]>(b)).IsRequired();
        a.Property(x => x.UploadedAtUtc).HasColumnName("uploaded_at");
        a.Property(x => x.UploadedBy).HasColumnName("uploaded_by").HasMaxLength(80).IsRequired();
        a.HasIndex(x => x.ClientId);
    });

    public static async Task<IReadOnlyList<ExportedRecord>> ExportAsync(GuidanceDb db, IPersonalDataVault vault, string registerId, Clients.ClientRecord client, CancellationToken cancellationToken)
    {
        var records = new List<ExportedRecord>();
        foreach (var a in await db.Attachments.Where(a => a.ClientId == client.Id).OrderBy(a => a.UploadedAtUtc).ToListAsync(cancellationToken))
        {
            var name = await vault.OpenAsync(a.Name, AttachmentRecord.NameField(a.Id), cancellationToken);
            var content = await vault.OpenAsync(a.Content, AttachmentRecord.ContentField(a.Id), cancellationToken);
            records.Add(new ExportedRecord(new RecordRef(registerId, "attachment", a.Id.ToString("D")),
            [
                new("attachment_name", name.IsErased ? null : name.Value), new("content_type", a.ContentType),
                new("attachment_content", content.IsErased ? null : Convert.ToBase64String(content.Value!)),
                new("uploaded_at", a.UploadedAtUtc.ToString("yyyy-MM-ddTHH:mm:ssZ", System.Globalization.CultureInfo.InvariantCulture)),
            ], client.Restricted));
        }

        return records;
    }

    public static Task DeleteAsync(GuidanceDb db, IReadOnlyCollection<Guid> clients, CancellationToken cancellationToken) =>
        db.Attachments.Where(a => clients.Contains(a.ClientId)).ExecuteDeleteAsync(cancellationToken);
}
