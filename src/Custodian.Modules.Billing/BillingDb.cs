using Custodian.Modules.Billing.Documents;
using Custodian.Modules.Billing.Payers;
using Custodian.Privacy.Abstractions.Protection;
using Microsoft.EntityFrameworkCore;

namespace Custodian.Modules.Billing;

/// <summary>Billing's own tables (prefix <c>billing_</c>): payers with their requisites.</summary>
internal sealed class BillingDb(DbContextOptions<BillingDb> options) : DbContext(options)
{
    public DbSet<PayerRecord> Payers => Set<PayerRecord>();

    public DbSet<DocumentRecord> Documents => Set<DocumentRecord>();

    public DbSet<DocumentCounterRecord> DocumentCounters => Set<DocumentCounterRecord>();

    public DbSet<Payments.PaymentRecord> Payments => Set<Payments.PaymentRecord>();

    public DbSet<Statements.StatementPaymentRecord> StatementPayments => Set<Statements.StatementPaymentRecord>();
    public DbSet<Plans.PlanOrderRecord> PlanOrders => Set<Plans.PlanOrderRecord>();

    public DbSet<Renewals.RenewalReminderRecord> RenewalReminders => Set<Renewals.RenewalReminderRecord>();

    public DbSet<Renewals.RenewalCancellationRecord> RenewalCancellations => Set<Renewals.RenewalCancellationRecord>();

    public DbSet<Invoicing.InvoiceRequestRecord> InvoiceRequests => Set<Invoicing.InvoiceRequestRecord>();

    /// <summary>Issued documents are immutable: a correction is a new document (retention deletes in bulk, not through here).</summary>
    public override Task<int> SaveChangesAsync(bool acceptAllChangesOnSuccess, CancellationToken cancellationToken = default)
    {
        if (ChangeTracker.Entries<DocumentRecord>().Any(e => e.State is EntityState.Modified or EntityState.Deleted))
        {
            throw new InvalidOperationException("An issued document cannot be changed or deleted; issue a correcting document instead.");
        }

        return base.SaveChangesAsync(acceptAllChangesOnSuccess, cancellationToken);
    }

    public override int SaveChanges(bool acceptAllChangesOnSuccess) => throw new NotSupportedException("Billing saves asynchronously only.");

    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        Statements.StatementPaymentModel.Configure(modelBuilder);
        Custodian.Modules.Billing.Documents.FinnishInvoiceModel.Configure(modelBuilder);
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
            payer.Property(p => p.EmailIndex).HasColumnName("email_index");
            payer.HasIndex(p => p.EmailIndex);
            payer.Property(p => p.Restricted).HasColumnName("restricted");
            payer.Property(p => p.UpdatedAtUtc).HasColumnName("updated_at_utc");
        });
        modelBuilder.Entity<DocumentRecord>(document =>
        {
            document.ToTable("billing_documents");
            document.HasKey(d => d.Id);
            document.Property(d => d.Id).HasColumnName("id").ValueGeneratedNever();
            document.Property(d => d.Kind).HasColumnName("kind").HasConversion<string>().HasMaxLength(16);
            document.Property(d => d.Year).HasColumnName("year");
            document.Property(d => d.Number).HasColumnName("number");
            document.HasIndex(d => new { d.Kind, d.Year, d.Number }).IsUnique();
            document.Property(d => d.IssuedOn).HasColumnName("issued_on");
            document.Property(d => d.IssuedAtUtc).HasColumnName("issued_at_utc");
            document.Property(d => d.PayerId).HasColumnName("payer_id");
            document.HasIndex(d => d.PayerId);
            document.Property(d => d.InvoiceId).HasColumnName("invoice_id");
            document.Property(d => d.Description).HasColumnName("description").HasMaxLength(500).IsRequired();
            document.Property(d => d.Amount).HasColumnName("amount").HasPrecision(18, 2);
            document.Property(d => d.VatRate).HasColumnName("vat_rate").HasPrecision(5, 2);
            document.Property(d => d.VatAmount).HasColumnName("vat_amount").HasPrecision(18, 2);
            document.Property(d => d.SupplierDetails).HasColumnName("supplier_details").IsRequired();
            document.Property(d => d.PayerDetails).HasColumnName("payer_details").HasConversion(v => v.Ciphertext, c => Encrypted.FromCiphertext<string>(c)).IsRequired();
            document.Property(d => d.PayerScope).HasColumnName("payer_scope").HasMaxLength(200).IsRequired();
        });
        modelBuilder.Entity<Payments.PaymentRecord>(payment =>
        {
            payment.ToTable("billing_payments");
            payment.HasKey(p => p.Id);
            payment.Property(p => p.Id).HasColumnName("id").ValueGeneratedNever();
            payment.Property(p => p.InvoiceId).HasColumnName("invoice_id");
            payment.HasIndex(p => p.InvoiceId);
            payment.Property(p => p.Account).HasColumnName("account").HasMaxLength(100).IsRequired();
            payment.Property(p => p.ProviderPaymentId).HasColumnName("provider_payment_id").HasMaxLength(64).IsRequired();
            payment.HasIndex(p => p.ProviderPaymentId).IsUnique();
            payment.Property(p => p.Amount).HasColumnName("amount").HasPrecision(18, 2);
            payment.Property(p => p.Status).HasColumnName("status").HasMaxLength(16).IsRequired();
            payment.Property(p => p.CreatedAtUtc).HasColumnName("created_at_utc");
            payment.Property(p => p.ConfirmedAtUtc).HasColumnName("confirmed_at_utc");
        });
        Plans.PlanOrderModel.Configure(modelBuilder);
        Renewals.RenewalModel.Configure(modelBuilder);
        Invoicing.InvoiceRequestModel.Configure(modelBuilder);
        Collection.CollectionCaseRecord.Configure(modelBuilder);
        modelBuilder.Entity<DocumentCounterRecord>(counter =>
        {
            counter.ToTable("billing_document_counters");
            counter.HasKey(c => new { c.Kind, c.Year });
            counter.Property(c => c.Kind).HasColumnName("kind").HasMaxLength(16);
            counter.Property(c => c.Year).HasColumnName("year").ValueGeneratedNever();
            counter.Property(c => c.LastNumber).HasColumnName("last_number");
        });
    }
}
