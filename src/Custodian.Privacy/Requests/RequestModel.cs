using Custodian.Privacy.Abstractions.Protection;
using Microsoft.EntityFrameworkCore;

namespace Custodian.Privacy.Requests;

/// <summary>Table mapping of the request tables (enums as text, encrypted columns as ciphertext).</summary>
internal static class RequestModel
{
    public static void Configure(ModelBuilder modelBuilder)
    {
        modelBuilder.Entity<RequestRecord>(request =>
        {
            request.ToTable("privacy_requests");
            request.HasKey(r => r.Id);
            request.Property(r => r.Id).HasColumnName("id").ValueGeneratedNever();
            request.Property(r => r.Reference).HasColumnName("reference").HasMaxLength(16).IsRequired();
            request.Property(r => r.Register).HasColumnName("register").HasMaxLength(64).IsRequired();
            request.Property(r => r.Kind).HasColumnName("kind").HasConversion<string>().HasMaxLength(32);
            request.Property(r => r.Status).HasColumnName("status").HasConversion<string>().HasMaxLength(32);
            request.Property(r => r.Channel).HasColumnName("channel").HasConversion<string>().HasMaxLength(32);
            request.Property(r => r.ReceivedAtUtc).HasColumnName("received_at_utc");
            request.Property(r => r.ReceivedOn).HasColumnName("received_on");
            request.Property(r => r.DueOn).HasColumnName("due_on");
            request.Property(r => r.ExtensionReason).HasColumnName("extension_reason").HasMaxLength(2000);
            request.Property(r => r.SubjectId).HasColumnName("subject_id");
            request.Property(r => r.ContactEmail).HasColumnName("requester_email").HasConversion(v => v.Ciphertext, c => Encrypted.FromCiphertext<string>(c)).IsRequired();
            request.Property(r => r.ContactEmailIndex).HasColumnName("requester_email_index").IsRequired();
            request.Property(r => r.Details).HasColumnName("request_details").HasConversion(v => v!.Ciphertext, c => Encrypted.FromCiphertext<string>(c));
            request.Property(r => r.Language).HasColumnName("language").HasMaxLength(8).IsRequired();
            request.Property(r => r.VerifiedBy).HasColumnName("verified_by").HasConversion<string>().HasMaxLength(32);
            request.Property(r => r.VerificationEvidence).HasColumnName("verification_evidence").HasMaxLength(2000);
            request.Property(r => r.VerifiedAtUtc).HasColumnName("verified_at_utc");
            request.Property(r => r.ConfirmationTokenHash).HasColumnName("confirmation_token_hash");
            request.Property(r => r.CompletedAtUtc).HasColumnName("completed_at_utc");
            request.Property(r => r.Outcome).HasColumnName("outcome");
            request.Property(r => r.Package).HasColumnName("request_package").HasConversion(v => v!.Ciphertext, c => Encrypted.FromCiphertext<byte[]>(c));
            request.Property(r => r.PackageSha256).HasColumnName("package_sha256").HasMaxLength(64);
            request.Property(r => r.DownloadTokenHash).HasColumnName("download_token_hash");
            request.Property(r => r.DownloadExpiresAtUtc).HasColumnName("download_expires_at_utc");
            request.Property(r => r.DownloadedAtUtc).HasColumnName("downloaded_at_utc");
            request.Property(r => r.Receipt).HasColumnName("receipt");
            request.Property(r => r.ReceiptSignature).HasColumnName("receipt_signature").HasMaxLength(200);
            request.Property(r => r.ForwardedAtUtc).HasColumnName("forwarded_at_utc");
            request.Ignore(r => r.IsOpen);
            request.HasIndex(r => r.Reference).IsUnique();
            request.HasIndex(r => new { r.Status, r.DueOn });
            request.HasIndex(r => r.SubjectId);
            request.HasIndex(r => r.ContactEmailIndex);
            request.HasIndex(r => r.DownloadTokenHash);
            request.HasIndex(r => r.ConfirmationTokenHash);
        });
        modelBuilder.Entity<RequestEventRecord>(e =>
        {
            e.ToTable("privacy_request_events");
            e.HasKey(x => x.Id);
            e.Property(x => x.Id).HasColumnName("id").ValueGeneratedNever();
            e.Property(x => x.RequestId).HasColumnName("request_id");
            e.Property(x => x.AtUtc).HasColumnName("at_utc");
            e.Property(x => x.Status).HasColumnName("status").HasConversion<string>().HasMaxLength(32);
            e.Property(x => x.Actor).HasColumnName("actor").HasMaxLength(200).IsRequired();
            e.Property(x => x.Note).HasColumnName("note").IsRequired();
            e.HasIndex(x => new { x.RequestId, x.AtUtc });
        });
        modelBuilder.Entity<RestrictionRecord>(r =>
        {
            r.ToTable("privacy_restrictions");
            r.HasKey(x => x.Id);
            r.Property(x => x.Id).HasColumnName("id").ValueGeneratedNever();
            r.Property(x => x.SubjectId).HasColumnName("subject_id");
            r.Property(x => x.Register).HasColumnName("register").HasMaxLength(64).IsRequired();
            r.Property(x => x.Scope).HasColumnName("scope").HasMaxLength(100).IsRequired();
            r.Property(x => x.SinceUtc).HasColumnName("since_utc");
            r.Property(x => x.LiftedAtUtc).HasColumnName("lifted_at_utc");
            r.Property(x => x.RequestReference).HasColumnName("request_reference").HasMaxLength(16);
            r.HasIndex(x => new { x.SubjectId, x.Register });
        });
    }
}
