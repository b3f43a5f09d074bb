using System.Globalization;
using Custodian.Privacy.Abstractions.Identifiers;

namespace Custodian.Modules.Billing.Documents;

/// <summary>
/// The Finnish bank barcode's 54 digits as printed on invoices (virtuaaliviivakoodi, Finanssiala's Pankkiviivakoodi-opas):
/// version 4 with a national reference — 4, the Finnish IBAN's 16 digits, euros (6) and cents (2), 000, the reference
/// right-aligned in 20 digits, the due date YYMMDD — and version 5 with an RF reference: 5, the IBAN's digits, the
/// amount, the RF check digits and the reference's body right-aligned in 21 digits, the due date. No due date is 000000.
/// </summary>
internal static class VirtualBarcode
{
    /// <summary>The amount the barcode's 6 + 2 digits can carry.</summary>
    public const decimal MaximumAmount = 999_999.99m;

    public static (string? Digits, string? Problem) TryCreate(string iban, decimal amount, string reference, DateOnly? due)
    {
        ArgumentNullException.ThrowIfNull(iban);
        ArgumentNullException.ThrowIfNull(reference);
        var account = Iban.Check(iban);
        if (!account.IsValid)
        {
            return (null, $"IBAN: {account.Reason}.");
        }

        if (!account.Normalised!.StartsWith("FI", StringComparison.Ordinal))
        {
            return (null, "The virtual barcode is for Finnish accounts: the IBAN must start with FI.");
        }

        if (amount <= 0 || amount > MaximumAmount || decimal.Round(amount, 2) != amount)
        {
            return (null, "The amount must be above zero, at most 999 999.99 euros, with at most two decimals.");
        }

        if (due is { } day && day.Year is < 2000 or > 2099)
        {
            return (null, "The due date must be in the years 2000-2099 (the barcode writes two digits of the year).");
        }

        var euros = (int)decimal.Truncate(amount);
        var cents = (int)((amount - euros) * 100);
        var head = account.Normalised[2..] + euros.ToString("D6", CultureInfo.InvariantCulture) + cents.ToString("D2", CultureInfo.InvariantCulture);
        var tail = due is { } date ? date.ToString("yyMMdd", CultureInfo.InvariantCulture) : "000000";
        var compact = reference.Replace(" ", string.Empty, StringComparison.Ordinal);
        if (compact.StartsWith("RF", StringComparison.OrdinalIgnoreCase))
        {
            var rf = RfReference.Check(compact);
            if (!rf.IsValid)
            {
                return (null, $"RF reference: {rf.Reason}.");
            }

            var body = rf.Normalised![4..];
            if (!body.All(char.IsAsciiDigit) || body.Length > 21)
            {
                return (null, "The barcode carries an RF reference made of digits only (at most 21 after RF and the check digits).");
            }

            return ("5" + head + rf.Normalised[2..4] + body.PadLeft(21, '0') + tail, null);
        }

        var national = Viite.Check(compact);
        return national.IsValid
            ? ("4" + head + "000" + national.Normalised!.PadLeft(20, '0') + tail, null)
            : (null, $"Reference: {national.Reason}.");
    }
}
