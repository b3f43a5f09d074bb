using System.Data.Common;
using System.Text.Json;
using Custodian.Modules.Billing.Payers;
using Custodian.Privacy.Abstractions.Protection;
using Custodian.Privacy.Abstractions.Time;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;
using Microsoft.Extensions.Options;

namespace Custodian.Modules.Billing.Documents;

/// <summary>What the documents print about the payer, as it was on the day of issue.</summary>
internal sealed record PayerDetails(string Name, string? Inn, string? Kpp, string? Ogrn, string? Address, string? Bic, string? Account, string? CorrespondentAccount);

/// <summary>
/// Issues Russian invoices (счёт на оплату) and acts (акт): numbered per kind and year from 1 without gaps. The number
/// is taken and the document stored in one transaction: the counter row's UPDATE locks it on PostgreSQL (and the write
/// lock serialises on SQLite), so parallel issuers wait for each other, and a failed issue rolls its number back.
/// </summary>
internal sealed class IssueDocuments(BillingDb db, ReadPayer payers, IPersonalDataVault vault, IOptions<SupplierOptions> supplier, TimeProvider clock)
{
    /// <param name="alongside">A record of the caller's stored in the invoice's transaction (e.g. what the invoice sells).</param>
    public async Task<(DocumentRecord? Document, string? Problem)> InvoiceAsync(string account, string description, decimal amount, CancellationToken cancellationToken, Func<DocumentRecord, object>? alongside = null)
    {
        if (LineProblem("amount", amount, RublesInWords.Maximum, description) is { } problem)
        {
            return (null, problem);
        }

        var payer = await payers.ForAccountAsync(account, cancellationToken);
        if (payer is { Restricted: true })
        {
            return (null, PayerRestriction.Message);
        }

        if (payer is not { Country: "RU" })
        {
            return (null, "Enter the billing details first: there is no Russian payer for this account.");
        }

        var record = await db.Payers.AsNoTracking().SingleAsync(p => p.Id == payer.Id, cancellationToken);
        var details = new PayerDetails(payer.Name, payer.Inn, payer.Kpp, payer.Ogrn, payer.Address, payer.Bic, payer.Account, payer.CorrespondentAccount);
        var scope = SavePayer.Scope(record, "billing");
        return (await IssueAsync(DocumentKind.Invoice, payer.Id, null, description.Trim(), amount, details, scope, cancellationToken, alongside), null);
    }

    public const string ActExists = "This invoice has its act already.";

    /// <summary>The act for an invoice: the same service, amount and parties (the payer as the invoice named them).</summary>
    public async Task<(DocumentRecord? Document, string? Problem)> ActAsync(Guid invoiceId, CancellationToken cancellationToken)
    {
        var invoice = await db.Documents.AsNoTracking().SingleOrDefaultAsync(d => d.Id == invoiceId && d.Kind == DocumentKind.Invoice, cancellationToken);
        if (invoice is null)
        {
            return (null, "No such invoice.");
        }

        if (await db.Documents.AnyAsync(d => d.InvoiceId == invoiceId && d.Kind == DocumentKind.Act, cancellationToken))
        {
            return (null, ActExists);
        }

        if (await db.Payers.AnyAsync(p => p.Id == invoice.PayerId && p.Restricted, cancellationToken))
        {
            return (null, PayerRestriction.Message);
        }

        var details = await OpenPayerAsync(invoice, cancellationToken);
        return (await IssueAsync(DocumentKind.Act, invoice.PayerId, invoice.Id, invoice.Description, invoice.Amount, details, KeyScope.Parse(invoice.PayerScope), cancellationToken), null);
    }

    public async Task<PayerDetails> OpenPayerAsync(DocumentRecord document, CancellationToken cancellationToken)
    {
        var json = (await vault.OpenAsync(document.PayerDetails, Address(document.Id), cancellationToken)).ValueOr("{\"name\":\"[erased]\"}");
        return JsonSerializer.Deserialize<PayerDetails>(json, Json)!;
    }

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    private static FieldAddress Address(Guid id) => new("billing_documents", "payer_details", id.ToString("D"));

    private async Task<DocumentRecord> IssueAsync(DocumentKind kind, Guid payerId, Guid? invoiceId, string description, decimal amount, PayerDetails payer, KeyScope scope, CancellationToken cancellationToken, Func<DocumentRecord, object>? alongside = null)
    {
        var now = clock.GetUtcNow();
        var day = LocalDays.Moscow(now);
        var options = supplier.Value;
        var rate = options.VatRate;
        var id = Guid.CreateVersion7(now);
        var document = new DocumentRecord
        {
            Id = id,
            Kind = kind,
            Year = day.Year,
            IssuedOn = day,
            IssuedAtUtc = now.UtcDateTime,
            PayerId = payerId,
            InvoiceId = invoiceId,
            Description = description,
            Amount = amount,
            VatRate = rate,
            VatAmount = rate is { } r ? decimal.Round(amount * r / (100 + r), 2, MidpointRounding.AwayFromZero) : 0,
            SupplierDetails = JsonSerializer.Serialize(new { options.Name, options.Inn, options.Kpp, options.Ogrn, options.Address, options.Bank, options.Bic, options.Account, options.CorrespondentAccount }, Json),
            PayerDetails = await vault.SealAsync(scope, Address(id), JsonSerializer.Serialize(payer, Json), cancellationToken),
            PayerScope = scope.Value,
        };
        var strategy = db.Database.CreateExecutionStrategy();
        await strategy.ExecuteAsync(async () =>
        {
            await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
            document.Number = await NextNumberAsync(transaction.GetDbTransaction(), kind, day.Year, cancellationToken);
            db.Documents.Add(document);
            if (alongside is not null)
            {
                db.Add(alongside(document));
            }

            await db.SaveChangesAsync(cancellationToken);
            await transaction.CommitAsync(cancellationToken);
        });
        return document;
    }

    internal static async Task<int> NextNumberAsync(DbTransaction transaction, DocumentKind kind, int year, CancellationToken cancellationToken)
    {
        var connection = transaction.Connection!;
        await using (var insert = connection.CreateCommand())
        {
            insert.Transaction = transaction;
            insert.CommandText = "INSERT INTO billing_document_counters (kind, year, last_number) VALUES (@kind, @year, 0) ON CONFLICT DO NOTHING";
            Add(insert, "@kind", kind.ToString());
            Add(insert, "@year", year);
            await insert.ExecuteNonQueryAsync(cancellationToken);
        }

        await using var next = connection.CreateCommand();
        next.Transaction = transaction;
        next.CommandText = "UPDATE billing_document_counters SET last_number = last_number + 1 WHERE kind = @kind AND year = @year RETURNING last_number";
        Add(next, "@kind", kind.ToString());
        Add(next, "@year", year);
        return Convert.ToInt32(await next.ExecuteScalarAsync(cancellationToken), System.Globalization.CultureInfo.InvariantCulture);
    }

    private static void Add(DbCommand command, string name, object value)
    {
        var parameter = command.CreateParameter();
        parameter.ParameterName = name;
        parameter.Value = value;
        command.Parameters.Add(parameter);
    }

    /// <summary>What is wrong with an invoice's one line (its amount and description), or null; shared by every kind of invoice.</summary>
    internal static string? LineProblem(string amountName, decimal amount, decimal maximum, string description) =>
        amount <= 0 || decimal.Round(amount, 2) != amount || amount > maximum ? $"The {amountName} must be above zero with at most two decimals."
        : string.IsNullOrWhiteSpace(description) || description.Length > 500 ? "The description is required (at most 500 characters)."
        : null;
}
