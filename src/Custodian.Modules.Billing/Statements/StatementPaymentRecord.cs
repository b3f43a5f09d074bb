using Microsoft.EntityFrameworkCore;
using Custodian.Privacy.Abstractions.Protection;

namespace Custodian.Modules.Billing.Statements;

/// <summary>
/// An incoming bank transfer read from a statement (table <c>billing_statement_payments</c>). <see cref="LineKey"/> is
/// the payment's identity across statements (the same order in two overlapping statements is one payment), so an
/// import repeated or overlapping stores and counts nothing twice. Payer name, INN, account and the purpose text are
/// sealed (a sole proprietor's name and INN are personal data); the INN also has a blind index for matching.
/// </summary>
internal sealed class StatementPaymentRecord
{
    public Guid Id { get; set; }

    /// <summary>SHA-256 (hex) of date, number, amount, payer INN and account: the same order in any statement.</summary>
    public string LineKey { get; set; } = string.Empty;

    public DateOnly PaidOn { get; set; }

    public string DocumentNumber { get; set; } = string.Empty;

    public decimal Amount { get; set; }

    public Encrypted<string>? PayerName { get; set; }

    public Encrypted<string>? PayerInn { get; set; }

    public byte[]? InnIndex { get; set; }

    public Encrypted<string>? PayerAccount { get; set; }

    /// <summary>The purpose text (назначение платежа), where the payer names the invoice.</summary>
    public Encrypted<string> PaymentReference { get; set; } = null!;

    public DateTime ImportedAtUtc { get; set; }

    /// <summary>The invoice it paid; null while it waits for a person to match it.</summary>
    public Guid? InvoiceId { get; set; }

    /// <summary><c>statement</c> when matched on import, else the staff account that matched it.</summary>
    public string? MatchedBy { get; set; }

    public DateTime? MatchedAtUtc { get; set; }
}

/// <summary>The table of <see cref="StatementPaymentRecord"/> (kept here so that <see cref="BillingDb"/> only calls it).</summary>
internal static class StatementPaymentModel
{
    public static void Configure(ModelBuilder modelBuilder) =>
        modelBuilder.Entity<StatementPaymentRecord>(payment =>
        {
            payment.ToTable("billing_statement_payments");
            payment.HasKey(p => p.Id);
            payment.Property(p => p.Id).HasColumnName("id").ValueGeneratedNever();
            payment.Property(p => p.LineKey).HasColumnName("line_key").HasMaxLength(64).IsRequired();
            payment.HasIndex(p => p.LineKey).IsUnique();
            payment.Property(p => p.PaidOn).HasColumnName("paid_on");
            payment.Property(p => p.DocumentNumber).HasColumnName("document_number").HasMaxLength(20).IsRequired();
            payment.Property(p => p.Amount).HasColumnName("amount").HasPrecision(18, 2);
            payment.Property(p => p.PayerName).HasColumnName("payer_name").HasConversion(v => v!.Ciphertext, c => Encrypted.FromCiphertext<string>(c));
            payment.Property(p => p.PayerInn).HasColumnName("payer_inn").HasConversion(v => v!.Ciphertext, c => Encrypted.FromCiphertext<string>(c));
            payment.Property(p => p.InnIndex).HasColumnName("inn_index");
            payment.Property(p => p.PayerAccount).HasColumnName("payer_account").HasConversion(v => v!.Ciphertext, c => Encrypted.FromCiphertext<string>(c));
            payment.Property(p => p.PaymentReference).HasColumnName("payment_reference").HasConversion(v => v.Ciphertext, c => Encrypted.FromCiphertext<string>(c)).IsRequired();
            payment.Property(p => p.ImportedAtUtc).HasColumnName("imported_at_utc");
            payment.Property(p => p.InvoiceId).HasColumnName("invoice_id");
            payment.HasIndex(p => p.InvoiceId);
            payment.Property(p => p.MatchedBy).HasColumnName("matched_by").HasMaxLength(100);
            payment.Property(p => p.MatchedAtUtc).HasColumnName("matched_at_utc");
        });
}
