using Custodian.Modules.Billing.Documents;
using Custodian.Modules.Billing.Payers;
using Custodian.Privacy.Abstractions.Events;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;
using Microsoft.Extensions.Options;

namespace Custodian.Modules.Billing.Payments;

/// <summary>
/// Online payment of an issued invoice: <see cref="StartAsync"/> creates the provider's payment (the invoice's one
/// payment id is the idempotence key, so a repeated click makes no second payment); <see cref="ConfirmAsync"/> handles a
/// notification by fetching the payment from the provider and changes only what the provider says (a forged or
/// replayed notification changes nothing), once: the status moves forward only, and a success publishes
/// <see cref="PaymentConfirmed"/> in the same transaction.
/// </summary>
internal sealed class PayInvoice(BillingDb db, YooKassaClient provider, ReadPayer payers, IEventOutbox outbox, IOptions<SupplierOptions> supplier, TimeProvider clock)
{
    public async Task<(Uri? Checkout, string? Problem)> StartAsync(string account, Guid invoiceId, Uri returnUrl, CancellationToken cancellationToken)
    {
        var payer = await payers.ForAccountAsync(account, cancellationToken);
        if (payer is { Restricted: true })
        {
            return (null, PayerRestriction.Message); // its e-mail goes to no provider
        }

        var invoice = payer is null ? null : await db.Documents.AsNoTracking().SingleOrDefaultAsync(d => d.Id == invoiceId && d.PayerId == payer.Id && d.Kind == DocumentKind.Invoice, cancellationToken);
        if (invoice is null || payer?.Email is null)
        {
            return (null, "No such invoice.");
        }

        if (await db.Payments.AnyAsync(p => p.InvoiceId == invoiceId && p.Status == "succeeded", cancellationToken))
        {
            return (null, "This invoice is paid already.");
        }

        var payment = await db.Payments.SingleOrDefaultAsync(p => p.InvoiceId == invoiceId && p.Status == "pending", cancellationToken)
            ?? new PaymentRecord { Id = Guid.CreateVersion7(clock.GetUtcNow()), InvoiceId = invoiceId, Account = account, Amount = invoice.Amount, CreatedAtUtc = clock.GetUtcNow().UtcDateTime };
        // 54-FZ VAT codes: 1 without VAT; 4 for 20/120, 3 for 10/110 (VAT included in the price).
        var vatCode = supplier.Value.VatRate switch { null => 1, 20m => 4, 10m => 3, _ => 1 };
        var created = await provider.CreateAsync(payment.Id, invoice.Amount, invoice.Description, payer.Email, vatCode, invoiceId, returnUrl, cancellationToken);
        if (db.Entry(payment).State == EntityState.Detached)
        {
            payment.ProviderPaymentId = created.Id;
            db.Payments.Add(payment);
            await db.SaveChangesAsync(cancellationToken);
        }

        return (created.ConfirmationUrl is { } url ? new Uri(url) : null, created.ConfirmationUrl is null ? "The payment provider gave no checkout address." : null);
    }

    /// <summary>What a notification about <paramref name="providerPaymentId"/> leads to, after asking the provider.</summary>
    public async Task<string> ConfirmAsync(string providerPaymentId, CancellationToken cancellationToken)
    {
        var fetched = await provider.FetchAsync(providerPaymentId, cancellationToken);
        if (fetched is null)
        {
            return "unknown at the provider";
        }

        var strategy = db.Database.CreateExecutionStrategy();
        return await strategy.ExecuteAsync(async () =>
        {
            await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
            var payment = await db.Payments.SingleOrDefaultAsync(p => p.ProviderPaymentId == fetched.Id, cancellationToken);
            if (payment is null)
            {
                return "not ours";
            }

            if (fetched.Amount != payment.Amount)
            {
                return "amount differs";
            }

            // Forward only: a late pending or a duplicate changes nothing; refunded follows succeeded.
            var next = fetched.Status == "succeeded" && payment.Status == "pending" ? "succeeded"
                : fetched.Status == "canceled" && payment.Status == "pending" ? "canceled"
                : null;
            if (next is null)
            {
                return "unchanged";
            }

            // Only one writer moves it: a concurrent duplicate finds the status changed and updates no row.
            var moved = await db.Payments.Where(p => p.Id == payment.Id && p.Status == "pending")
                .ExecuteUpdateAsync(u => u.SetProperty(p => p.Status, next).SetProperty(p => p.ConfirmedAtUtc, clock.GetUtcNow().UtcDateTime), cancellationToken);
            if (moved == 0)
            {
                return "unchanged";
            }

            if (next == "succeeded")
            {
                var invoice = await db.Documents.AsNoTracking().SingleAsync(d => d.Id == payment.InvoiceId, cancellationToken);
                await outbox.AddAsync(transaction.GetDbTransaction(), await PaymentConfirmed.OfAsync(db, payment, invoice, cancellationToken), cancellationToken);
            }

            await transaction.CommitAsync(cancellationToken);
            return next;
        });
    }
}
