using Custodian.Privacy.Abstractions.Identifiers;
using Custodian.Privacy.Abstractions.Protection;
using Microsoft.EntityFrameworkCore;

namespace Custodian.Modules.Billing.Payers;

/// <summary>
/// Stores the payer of a signed-in account: validated in full first (nothing stored half-way), then every personal
/// value sealed — a sole proprietor's under their own subject key, an organisation's under the register's invoicing key.
/// </summary>
internal sealed class SavePayer(BillingDb db, IPersonalDataVault vault, TimeProvider clock)
{
    public const string Table = "billing_payers";

    public async Task<IReadOnlyList<PayerProblem>> RussianAsync(string account, RussianPayerForm form, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(account);
        ArgumentNullException.ThrowIfNull(form);
        var problems = form.Problems();
        if (problems.Count > 0)
        {
            return problems;
        }

        var payer = await ForAccountAsync(account, "RU", form.Kind, cancellationToken);
        var scope = Scope(payer, "billing");
        var inn = Identifier.Check(IdentifierType.Inn, form.Inn).Normalised!;
        payer.PayerName = await SealAsync(scope, payer, "payer_name", form.Name!.Trim(), cancellationToken);
        payer.PayerInn = await SealAsync(scope, payer, "payer_inn", inn, cancellationToken);
        payer.InnIndex = vault.BlindIndex("inn", inn);
        payer.Kpp = form.Kind == PayerKind.Organisation ? form.Kpp!.Trim() : null;
        payer.Ogrn = form.Kind == PayerKind.Organisation ? form.Ogrn!.Trim() : null;
        payer.PayerOgrnip = form.Kind == PayerKind.SoleProprietor ? await SealAsync(scope, payer, "payer_ogrnip", form.Ogrn!.Trim(), cancellationToken) : null;
        payer.PayerAddress = await SealAsync(scope, payer, "payer_address", form.Address!.Trim(), cancellationToken);
        payer.ContactEmail = await SealAsync(scope, payer, "contact_email", Email.Check(form.Email!).Normalised!, cancellationToken);
        payer.EmailIndex = vault.BlindIndexOf(IdentifierType.Email, form.Email!);
        payer.ContactPhone = await SealAsync(scope, payer, "contact_phone", Phone.Check(form.Phone!, "+7").Normalised!, cancellationToken);
        payer.Bic = form.Bic!.Trim();
        payer.PayerAccount = await SealAsync(scope, payer, "payer_account", RuBankAccount.CheckSettlement(form.Bic, form.Account!).Normalised!, cancellationToken);
        payer.CorrespondentAccount = RuBankAccount.CheckCorrespondent(form.Bic, form.CorrespondentAccount!).Normalised;
        payer.UpdatedAtUtc = clock.GetUtcNow().UtcDateTime;
        await db.SaveChangesAsync(cancellationToken);
        return [];
    }

    public async Task<IReadOnlyList<PayerProblem>> FinnishAsync(string account, FinnishPayerForm form, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(account);
        ArgumentNullException.ThrowIfNull(form);
        var problems = form.Problems();
        if (problems.Count > 0)
        {
            return problems;
        }

        var payer = await ForAccountAsync(account, "FI", PayerKind.Organisation, cancellationToken);
        var scope = Scope(payer, "billing-fi");
        var eInvoice = !string.IsNullOrWhiteSpace(form.EInvoiceAddress);
        payer.PayerName = await SealAsync(scope, payer, "payer_name", form.Name!.Trim(), cancellationToken);
        payer.BusinessId = form.BusinessId!.Trim();
        payer.EInvoiceAddress = eInvoice ? form.EInvoiceAddress!.Replace(" ", string.Empty, StringComparison.Ordinal).ToUpperInvariant() : null;
        payer.EInvoiceOperator = eInvoice ? form.EInvoiceOperator!.Trim().ToUpperInvariant() : null;
        payer.PayerAddress = string.IsNullOrWhiteSpace(form.PostalAddress) ? null : await SealAsync(scope, payer, "payer_address", form.PostalAddress.Trim(), cancellationToken);
        payer.ContactName = await SealAsync(scope, payer, "contact_name", form.ContactName!.Trim(), cancellationToken);
        payer.ContactEmail = await SealAsync(scope, payer, "contact_email", Email.Check(form.ContactEmail!).Normalised!, cancellationToken);
        payer.EmailIndex = vault.BlindIndexOf(IdentifierType.Email, form.ContactEmail!);
        payer.ContactPhone = string.IsNullOrWhiteSpace(form.ContactPhone) ? null : await SealAsync(scope, payer, "contact_phone", Phone.Check(form.ContactPhone, "+358").Normalised!, cancellationToken);
        payer.UpdatedAtUtc = clock.GetUtcNow().UtcDateTime;
        await db.SaveChangesAsync(cancellationToken);
        return [];
    }

    private async Task<PayerRecord> ForAccountAsync(string account, string country, PayerKind kind, CancellationToken cancellationToken)
    {
        var payer = await db.Payers.SingleOrDefaultAsync(p => p.Account == account, cancellationToken);
        if (payer is null)
        {
            payer = new PayerRecord { Id = Guid.CreateVersion7(), Account = account, SubjectId = Guid.CreateVersion7() };
            db.Payers.Add(payer);
        }

        // Requisites are replaced as a whole: a change of kind leaves nothing of the old kind behind.
        payer.Country = country;
        payer.Kind = kind;
        payer.Kpp = payer.Ogrn = payer.Bic = payer.CorrespondentAccount = payer.BusinessId = payer.EInvoiceAddress = payer.EInvoiceOperator = null;
        payer.PayerInn = payer.PayerOgrnip = payer.PayerAddress = payer.PayerAccount = payer.ContactName = payer.ContactEmail = payer.ContactPhone = null;
        payer.InnIndex = payer.EmailIndex = null;
        return payer;
    }

    /// <summary>A sole proprietor's data is theirs: their own key, destroyed on erasure. An organisation's is the register's.</summary>
    internal static KeyScope Scope(PayerRecord payer, string register) => payer.Kind == PayerKind.SoleProprietor
        ? KeyScope.Subject(new SubjectId(payer.SubjectId))
        : KeyScope.Purpose(register, "invoicing");

    private ValueTask<Encrypted<string>> SealAsync(KeyScope scope, PayerRecord payer, string column, string value, CancellationToken cancellationToken) =>
        vault.SealAsync(scope, new FieldAddress(Table, column, payer.Id.ToString("D")), value, cancellationToken);
}
