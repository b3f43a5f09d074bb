using Custodian.Privacy.Abstractions.Protection;
using Microsoft.EntityFrameworkCore;

namespace Custodian.Modules.Billing.Payers;

/// <summary>A payer's requisites in clear, for the page that edits them and for documents.</summary>
internal sealed record PayerView(
    Guid Id, string Country, PayerKind Kind, string Name, string? Inn, string? Kpp, string? Ogrn, string? Address, string? Email, string? Phone,
    string? Bic, string? Account, string? CorrespondentAccount, string? BusinessId, string? EInvoiceAddress, string? EInvoiceOperator, string? ContactName)
{
    /// <summary>Restricted at a person's request: stored only, no new documents or payments (<see cref="PayerRestriction"/>).</summary>
    public bool Restricted { get; init; }
}

internal sealed class ReadPayer(BillingDb db, IPersonalDataVault vault)
{
    public async Task<PayerView?> ForAccountAsync(string account, CancellationToken cancellationToken)
    {
        var payer = await db.Payers.AsNoTracking().SingleOrDefaultAsync(p => p.Account == account, cancellationToken);
        if (payer is null)
        {
            return null;
        }

        var row = payer.Id.ToString("D");
        async Task<string?> Open(Encrypted<string>? value, string column) =>
            value is null ? null : (await vault.OpenAsync(value, new FieldAddress(SavePayer.Table, column, row), cancellationToken)).ValueOr("[erased]");

        return new PayerView(
            payer.Id, payer.Country, payer.Kind, (await Open(payer.PayerName, "payer_name"))!, await Open(payer.PayerInn, "payer_inn"), payer.Kpp,
            payer.Ogrn ?? await Open(payer.PayerOgrnip, "payer_ogrnip"), await Open(payer.PayerAddress, "payer_address"), await Open(payer.ContactEmail, "contact_email"),
            await Open(payer.ContactPhone, "contact_phone"), payer.Bic, await Open(payer.PayerAccount, "payer_account"), payer.CorrespondentAccount,
            payer.BusinessId, payer.EInvoiceAddress, payer.EInvoiceOperator, await Open(payer.ContactName, "contact_name"))
        {
            Restricted = payer.Restricted,
        };
    }
}
