using Custodian.Privacy.Abstractions.Identifiers;

namespace Custodian.Modules.Billing.Documents;

/// <summary>
/// The supplier's requisites every Russian invoice and act carries (<c>Billing:Supplier</c>), and its VAT mode:
/// <c>none</c> (the simplified tax system, «Без НДС») or a rate in percent included in the price. The defaults are the
/// demo operator of registers/billing.yaml.
/// </summary>
internal sealed class SupplierOptions
{
    public const string Section = "Billing:Supplier";

    public string Name { get; set; } = "ООО «Кастодиан Аналитика»";

    public string Inn { get; set; } = "7709123453";

    public string Kpp { get; set; } = "770901001";

    public string Ogrn { get; set; } = "1177746123455";

    public string Address { get; set; } = "125009, г. Москва, ул. Тверская, д. 1";

    public string Bank { get; set; } = "ПАО Сбербанк, г. Москва";

    public string Bic { get; set; } = "044525225";

    public string Account { get; set; } = "40702810500000001234";

    public string CorrespondentAccount { get; set; } = "30101810400000000225";

    /// <summary><c>none</c>, or the VAT rate in percent (e.g. 20, 10, 5, 7), VAT included in the price.</summary>
    public string Vat { get; set; } = "none";

    public decimal? VatRate => Vat == "none" ? null : decimal.Parse(Vat, System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>Every problem of the configured requisites, for ValidateOnStart.</summary>
    public IEnumerable<string> Problems()
    {
        if (string.IsNullOrWhiteSpace(Name) || string.IsNullOrWhiteSpace(Address) || string.IsNullOrWhiteSpace(Bank))
        {
            yield return $"{Section}: Name, Address and Bank are required.";
        }

        if (Inn.Trim().Length != 10 || !Identifier.Check(IdentifierType.Inn, Inn).IsValid)
        {
            yield return $"{Section}:Inn: an organisation's INN (10 digits) with a valid check digit.";
        }

        if (!Identifier.Check(IdentifierType.Kpp, Kpp).IsValid || !Identifier.Check(IdentifierType.Ogrn, Ogrn).IsValid)
        {
            yield return $"{Section}:Kpp and Ogrn: a valid KPP and OGRN.";
        }

        if (RuBankAccount.CheckSettlement(Bic, Account) is { IsValid: false } account)
        {
            yield return $"{Section}:Account: {account.Reason}.";
        }

        if (RuBankAccount.CheckCorrespondent(Bic, CorrespondentAccount) is { IsValid: false } correspondent)
        {
            yield return $"{Section}:CorrespondentAccount: {correspondent.Reason}.";
        }

        if (Vat != "none" && !(decimal.TryParse(Vat, System.Globalization.NumberStyles.AllowDecimalPoint, System.Globalization.CultureInfo.InvariantCulture, out var rate) && rate is > 0 and < 100))
        {
            yield return $"{Section}:Vat: none, or a rate in percent above 0 and below 100 (e.g. 20).";
        }
    }
}
