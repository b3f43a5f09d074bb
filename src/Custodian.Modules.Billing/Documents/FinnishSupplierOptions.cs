using System.Globalization;
using Custodian.Privacy.Abstractions.Identifiers;

namespace Custodian.Modules.Billing.Documents;

/// <summary>
/// The Finnish seller's requisites on Finnish invoices and Finvoice (<c>Billing:FinnishSupplier</c>, checked at
/// start-up): Y-tunnus, the account the barcode pays into, the VAT rate and the payment term.
/// </summary>
internal sealed class FinnishSupplierOptions
{
    public const string Section = "Billing:FinnishSupplier";

    public string Name { get; set; } = "Custodian Koulutus Oy";

    public string BusinessId { get; set; } = "2345678-0";

    public string StreetAddress { get; set; } = "Esimerkkikatu 1";

    public string PostCode { get; set; } = "00100";

    public string Town { get; set; } = "Helsinki";

    public string Iban { get; set; } = "FI2112345600000785";

    public string Bic { get; set; } = "NDEAFIHH";

    /// <summary>The seller's e-invoice address (OVT) and its operator, the sender of Finvoice messages.</summary>
    public string EInvoiceAddress { get; set; } = "003723456780";

    public string EInvoiceOperator { get; set; } = "003721291126";

    /// <summary>General VAT rate in percent, added to the price (25.5 % since 1 September 2024).</summary>
    public decimal VatRate { get; set; } = 25.5m;

    public int PaymentTermDays { get; set; } = 14;

    /// <summary><c>national</c> (viitenumero, barcode version 4) or <c>rf</c> (RF reference, version 5).</summary>
    public string Reference { get; set; } = "national";

    public IEnumerable<string> Problems()
    {
        if (string.IsNullOrWhiteSpace(Name) || string.IsNullOrWhiteSpace(StreetAddress) || string.IsNullOrWhiteSpace(PostCode) || string.IsNullOrWhiteSpace(Town))
        {
            yield return $"{Section}: Name, StreetAddress, PostCode and Town are required.";
        }

        if (!YTunnus.Check(BusinessId).IsValid)
        {
            yield return $"{Section}:BusinessId: a Y-tunnus with a valid check digit.";
        }

        if (!Custodian.Privacy.Abstractions.Identifiers.Iban.Check(Iban).IsValid || !Iban.Trim().StartsWith("FI", StringComparison.OrdinalIgnoreCase))
        {
            yield return $"{Section}:Iban: a valid Finnish IBAN (the virtual barcode carries only Finnish accounts).";
        }

        if (Bic.Length is not (8 or 11) || !Bic.All(char.IsAsciiLetterOrDigit))
        {
            yield return $"{Section}:Bic: 8 or 11 letters and digits.";
        }

        if (VatRate is < 0 or > 100 || PaymentTermDays is < 0 or > 365 || Reference is not ("national" or "rf"))
        {
            yield return $"{Section}: VatRate 0–100, PaymentTermDays 0–365, Reference national or rf.";
        }
    }

    public string Rate => VatRate.ToString("0.##", CultureInfo.InvariantCulture);
}
