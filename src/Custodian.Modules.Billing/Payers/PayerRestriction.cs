using Microsoft.EntityFrameworkCore;

namespace Custodian.Modules.Billing.Payers;

/// <summary>
/// A payer whose processing is restricted (a data-subject request, or an erasure held by accounting law) is only
/// stored: no new invoice or act names it and its data goes to no payment provider. The pages say so instead of failing.
/// </summary>
internal static class PayerRestriction
{
    /// <summary>Why nothing is issued (English: the text key).</summary>
    public const string Message = "Processing of these billing details is restricted at a request about personal data: they are only stored, and no new invoices or acts are issued with them. Write to support to lift the restriction.";

    public static Task<bool> IsRestrictedAsync(BillingDb db, string account, CancellationToken cancellationToken) =>
        db.Payers.AnyAsync(p => p.Account == account && p.Restricted, cancellationToken);
}
