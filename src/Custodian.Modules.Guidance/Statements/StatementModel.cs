using Custodian.Privacy.Abstractions.Protection;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Custodian.Modules.Guidance.Statements;

/// <summary>The statements slice's tables and use cases, kept here so the module's entry and context only name it.</summary>
internal static class StatementModel
{
    public static void AddStatements(IServiceCollection services)
    {
        services.AddScoped<DraftStatements>();
        services.AddScoped<ReviewStatements>();
        services.AddScoped<IssueStatement>();
        services.AddScoped<ReadStatements>();
    }

    public static void Configure(ModelBuilder modelBuilder)
    {
        modelBuilder.Entity<StatementRecord>(s =>
        {
            s.ToTable(StatementRecord.Table);
            s.HasKey(x => x.Id);
            s.Property(x => x.Id).HasColumnName("id");
            s.Property(x => x.ClientId).HasColumnName("client_id");
            s.Property(x => x.Area).HasColumnName("area").HasConversion<string>().HasMaxLength(32);
            s.Property(x => x.State).HasColumnName("state").HasConversion<string>().HasMaxLength(16);
            s.Property(x => x.Version).HasColumnName("version");
            s.Property(x => x.Revision).HasColumnName("revision").IsConcurrencyToken();
            s.Property(x => x.CreatedAtUtc).HasColumnName("created_at");
            s.Property(x => x.CreatedBy).HasColumnName("created_by").HasMaxLength(80).IsRequired();
            s.Property(x => x.ReviewedAtUtc).HasColumnName("reviewed_at");
            s.Property(x => x.ReviewedBy).HasColumnName("reviewed_by").HasMaxLength(80);
            s.Property(x => x.ReviewComment).HasColumnName("statement_review_comment").HasConversion(v => v!.Ciphertext, b => Encrypted.FromCiphertext<string>(b));
            s.Property(x => x.IssuedAtUtc).HasColumnName("issued_at");
            s.Property(x => x.IssuedBy).HasColumnName("issued_by").HasMaxLength(80);
            s.Property(x => x.Recipient).HasColumnName("recipient").HasMaxLength(200);
            s.Property(x => x.DisclosureBasis).HasColumnName("disclosure_basis").HasMaxLength(40);
            s.HasIndex(x => x.ClientId);
        });
        modelBuilder.Entity<StatementVersionRecord>(v =>
        {
            v.ToTable(StatementVersionRecord.Table);
            v.HasKey(x => new { x.StatementId, x.Version });
            v.Property(x => x.StatementId).HasColumnName("statement_id");
            v.Property(x => x.Version).HasColumnName("version");
            v.Property(x => x.Text).HasColumnName("statement_text").HasConversion(t => t.Ciphertext, b => Encrypted.FromCiphertext<string>(b)).IsRequired();
            v.Property(x => x.WrittenAtUtc).HasColumnName("written_at");
            v.Property(x => x.WrittenBy).HasColumnName("written_by").HasMaxLength(80).IsRequired();
        });
    }
}
