using System.Globalization;
using System.Text.Json;
using Custodian.Modules.Billing.Payers;
using Custodian.Privacy.Abstractions.Identifiers;
using Custodian.Privacy.Abstractions.Protection;
using Custodian.Privacy.Abstractions.Time;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;
using Microsoft.Extensions.Options;

namespace Custodian.Modules.Billing.Documents;

/// <summary>What a Finnish invoice prints about the payer (an employer), as it was on the day of issue, with the buyer's own reference.</summary>
internal sealed record FinnishPayerDetails(string Name, string BusinessId, string? EInvoiceAddress, string? EInvoiceOperator, string? PostalAddress, string? ContactName, string? ContactEmail, string? BuyerReference = null);

/// <summary>
/// Issues a Finnish invoice (lasku) to the account's Finnish payer: lines of quantity × unit price plus VAT at each
/// line's rate (the configured rate for a one-line invoice), numbered per year from 1 without gaps (the same counter
/// scheme as Russian documents, its own kind), with a reference built from year and number (viitenumero, or its RF
/// form) and a due date after the payment term. Like every document it is immutable and keeps the seller's and the
/// payer's requisites of its day.
/// </summary>
internal sealed class IssueFinnishInvoice(BillingDb db, ReadPayer payers, IPersonalDataVault vault, IOptions<FinnishSupplierOptions> supplier, TimeProvider clock)
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public const string NoFinnishPayer = "Enter the billing details first: there is no Finnish payer for this account.";

    /// <summary>A one-line invoice at the configured VAT rate.</summary>
    public async Task<(DocumentRecord? Invoice, string? Problem)> InvoiceAsync(string account, string description, decimal priceWithoutVat, CancellationToken cancellationToken)
    {
        if (IssueDocuments.LineProblem("price", priceWithoutVat, 99_999_999m, description) is { } problem)
        {
            return (null, problem);
        }

        if (await Payers.PayerRestriction.IsRestrictedAsync(db, account, cancellationToken))
        {
            return (null, Payers.PayerRestriction.Message);
        }

        var invoice = await PrepareAsync(account, [new InvoiceLine(description.Trim(), 1, priceWithoutVat, supplier.Value.VatRate)], null, null, cancellationToken);
        if (invoice is null)
        {
            return (null, NoFinnishPayer);
        }

        var strategy = db.Database.CreateExecutionStrategy();
        await strategy.ExecuteAsync(async () =>
        {
            db.ChangeTracker.Clear();
            await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
            await StoreAsync(transaction, invoice, cancellationToken);
            await transaction.CommitAsync(cancellationToken);
        });
        return (invoice, null);
    }

    /// <summary>
    /// The invoice for the account's Finnish payer with <paramref name="lines"/> (checked by the caller), its payer's
    /// requisites sealed, not yet numbered or stored (null without a Finnish payer). Sealing happens here, outside the
    /// caller's transaction, because the vault may have to store a new data key. The due date is after the payment term
    /// unless <paramref name="dueOn"/> says otherwise.
    /// </summary>
    public async Task<DocumentRecord?> PrepareAsync(string account, IReadOnlyList<InvoiceLine> lines, string? buyerReference, DateOnly? dueOn, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(lines);
        if (await payers.ForAccountAsync(account, cancellationToken) is not { Country: "FI" } payer)
        {
            return null;
        }

        var record = await db.Payers.AsNoTracking().SingleAsync(p => p.Id == payer.Id, cancellationToken);
        var details = new FinnishPayerDetails(payer.Name, payer.BusinessId!, payer.EInvoiceAddress, payer.EInvoiceOperator, payer.Address, payer.ContactName, payer.Email, string.IsNullOrWhiteSpace(buyerReference) ? null : buyerReference.Trim());
        var options = supplier.Value;
        var now = clock.GetUtcNow();
        var day = LocalDays.Helsinki(now);
        var id = Guid.CreateVersion7(now);
        var rates = lines.Select(l => l.VatRate).Distinct().ToList();
        var description = string.Join("; ", lines.Select(l => l.Description));
        var scope = SavePayer.Scope(record, "billing-fi");
        return new DocumentRecord
        {
            Id = id,
            Kind = DocumentKind.FinnishInvoice,
            Year = day.Year,
            IssuedOn = day,
            IssuedAtUtc = now.UtcDateTime,
            PayerId = payer.Id,
            Description = description.Length <= 500 ? description : description[..499] + "…",
            Amount = lines.Sum(l => l.Total),
            VatRate = rates.Count == 1 ? rates[0] : null,
            VatAmount = lines.Sum(l => l.Vat),
            DueOn = dueOn ?? day.AddDays(options.PaymentTermDays),
            Lines = InvoiceLines.Serialise(lines),
            SupplierDetails = JsonSerializer.Serialize(options, Json),
            PayerDetails = await vault.SealAsync(scope, Address(id), JsonSerializer.Serialize(details, Json), cancellationToken),
            PayerScope = scope.Value,
        };
    }

    /// <summary>Numbers a prepared invoice, gives it its reference and stores it within the caller's <paramref name="transaction"/>.</summary>
    public async Task StoreAsync(IDbContextTransaction transaction, DocumentRecord invoice, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(transaction);
        ArgumentNullException.ThrowIfNull(invoice);
        invoice.Number = await IssueDocuments.NextNumberAsync(transaction.GetDbTransaction(), DocumentKind.FinnishInvoice, invoice.Year, cancellationToken);
        invoice.Reference = Reference(invoice.Year, invoice.Number, Seller(invoice).Reference);
        db.Documents.Add(invoice);
        await db.SaveChangesAsync(cancellationToken);
    }

    public async Task<FinnishPayerDetails> OpenPayerAsync(DocumentRecord invoice, CancellationToken cancellationToken)
    {
        var json = (await vault.OpenAsync(invoice.PayerDetails, Address(invoice.Id), cancellationToken)).ValueOr("{\"name\":\"[erased]\",\"businessId\":\"\"}");
        return JsonSerializer.Deserialize<FinnishPayerDetails>(json, Json)!;
    }

    public static FinnishSupplierOptions Seller(DocumentRecord invoice) => JsonSerializer.Deserialize<FinnishSupplierOptions>(invoice.SupplierDetails, Json)!;

    /// <summary>The invoice's reference: year, number in five digits and the check digit (2026, 1 → 2026000011), or its RF form.</summary>
    internal static string Reference(int year, int number, string kind)
    {
        var national = Viite.Create(year.ToString(CultureInfo.InvariantCulture) + number.ToString("D5", CultureInfo.InvariantCulture));
        return kind == "rf" ? RfReference.Create(national) : national;
    }

    private static FieldAddress Address(Guid id) => new("billing_documents", "payer_details", id.ToString("D"));
}

/// <summary>The Finnish invoice's columns of <c>billing_documents</c> (kept here so that <see cref="BillingDb"/> only calls it).</summary>
internal static class FinnishInvoiceModel
{
    public static void Configure(ModelBuilder modelBuilder) =>
        modelBuilder.Entity<DocumentRecord>(document =>
        {
            document.Property(d => d.DueOn).HasColumnName("due_on");
            document.Property(d => d.Reference).HasColumnName("reference").HasMaxLength(25);
            document.Property(d => d.Lines).HasColumnName("lines");
            document.Ignore(d => d.Currency);
        });
}
