using Custodian.Modules.Billing.Payers;
using Custodian.Privacy.Abstractions.Protection;
using Microsoft.EntityFrameworkCore;

namespace Custodian.Modules.Billing;

/// <summary>Billing's own tables (prefix <c>billing_</c>): payers with their requisites.</summary>
internal sealed class BillingDb(DbContextOptions<BillingDb> options) : DbContext(options)
{
    public DbSet<PayerRecord> Payers => Set<PayerRecord>();

    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        modelBuilder.Entity<PayerRecord>(payer =>
        {
            payer.ToTable("billing_payers");
            payer.HasKey(p => p.Id);
            payer.Property(p => p.Id).HasColumnName("id").ValueGeneratedNever();
            payer.Property(p => p.Account).HasColumnName("account").HasMaxLength(100).IsRequired();
            payer.HasIndex(p => p.Account).IsUnique();
            payer.Property(p => p.Country).HasColumnName("country").HasMaxLength(2).IsRequired();
            payer.Property(p => p.Kind).HasColumnName("kind").HasConversion<string>().HasMaxLength(20);
            payer.Property(p => p.SubjectId).HasColumnName("subject_id");
            payer.Property(p => p.PayerName).HasColumnName("payer_name").HasConversion(v => v.Ciphertext, c => Encrypted.FromCiphertext<string>(c)).IsRequired();
            payer.Property(p => p.PayerInn).HasColumnName("payer_inn").HasConversion(v => v!.Ciphertext, c => Encrypted.FromCiphertext<string>(c));
            payer.Property(p => p.InnIndex).HasColumnName("inn_index");
            payer.HasIndex(p => p.InnIndex);
            payer.Property(p => p.Kpp).HasColumnName("kpp").HasMaxLength(9);
            payer.Property(p => p.Ogrn).HasColumnName("ogrn").HasMaxLength(13);
            payer.Property(p => p.PayerOgrnip).HasColumnName("payer_ogrnip").HasConversion(v => v!.Ciphertext, c => Encrypted.FromCiphertext<string>(c));
            payer.Property(p => p.PayerAddress).HasColumnName("payer_address").HasConversion(v => v!.Ciphertext, c => Encrypted.FromCiphertext<string>(c));
            payer.Property(p => p.PayerAccount).HasColumnName("payer_account").HasConversion(v => v!.Ciphertext, c => Encrypted.FromCiphertext<string>(c));
            payer.Property(p => p.Bic).HasColumnName("bic").HasMaxLength(9);
            payer.Property(p => p.CorrespondentAccount).HasColumnName("correspondent_account").HasMaxLength(20);
            payer.Property(p => p.BusinessId).HasColumnName("business_id").HasMaxLength(9);
            payer.Property(p => p.EInvoiceAddress).HasColumnName("e_invoice_address").HasMaxLength(35);
            payer.Property(p => p.EInvoiceOperator).HasColumnName("e_invoice_operator").HasMaxLength(35);
            payer.Property(p => p.ContactName).HasColumnName("contact_name").HasConversion(v => v!.Ciphertext, c => Encrypted.FromCiphertext<string>(c));
            payer.Property(p => p.ContactEmail).HasColumnName("contact_email").HasConversion(v => v!.Ciphertext, c => Encrypted.FromCiphertext<string>(c));
            payer.Property(p => p.ContactPhone).HasColumnName("contact_phone").HasConversion(v => v!.Ciphertext, c => Encrypted.FromCiphertext<string>(c));
            payer.Property(p => p.UpdatedAtUtc).HasColumnName("updated_at_utc");
        });
    }
}
