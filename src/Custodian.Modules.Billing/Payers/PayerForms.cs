using Custodian.Privacy.Abstractions.Identifiers;

namespace Custodian.Modules.Billing.Payers;

/// <summary>
/// One thing wrong with a payer's requisites: the form field, the message (an English text key the page translates,
/// with <c>{0}</c> for the kernel validator's precise reason when there is one).
/// </summary>
internal sealed record PayerProblem(string Field, string Message, string? Reason = null);

/// <summary>A Russian payer as entered: an organisation (ООО, АО…) or a sole proprietor (ИП).</summary>
internal sealed record RussianPayerForm(
    PayerKind Kind, string? Name, string? Inn, string? Kpp, string? Ogrn, string? Address, string? Email, string? Phone,
    string? Bic, string? Account, string? CorrespondentAccount)
{
    /// <summary>Every problem at once (a form shows them all), through the kernel's validators.</summary>
    public IReadOnlyList<PayerProblem> Problems()
    {
        var problems = new List<PayerProblem>();
        Required(problems, "name", Name, "Enter the name as registered.");
        if (Required(problems, "inn", Inn, "Enter the INN."))
        {
            var inn = Identifier.Check(IdentifierType.Inn, Inn);
            if (!inn.IsValid)
            {
                problems.Add(new("inn", "INN: {0}", inn.Reason));
            }
            else if (Kind == PayerKind.Organisation && inn.Normalised!.Length != 10)
            {
                problems.Add(new("inn", "An organisation's INN has 10 digits; 12 digits is the INN of a person (choose sole proprietor)."));
            }
            else if (Kind == PayerKind.SoleProprietor && inn.Normalised!.Length != 12)
            {
                problems.Add(new("inn", "A sole proprietor's INN has 12 digits; 10 digits is the INN of an organisation."));
            }
        }

        if (Kind == PayerKind.Organisation)
        {
            Check(problems, "kpp", Kpp, IdentifierType.Kpp, "Enter the KPP (every organisation has one).", "KPP: {0}");
            Check(problems, "ogrn", Ogrn, IdentifierType.Ogrn, "Enter the OGRN.", "OGRN: {0}");
        }
        else
        {
            if (!string.IsNullOrWhiteSpace(Kpp))
            {
                problems.Add(new("kpp", "A sole proprietor has no KPP; leave it empty."));
            }

            Check(problems, "ogrn", Ogrn, IdentifierType.Ogrnip, "Enter the OGRNIP.", "OGRNIP: {0}");
        }

        Required(problems, "address", Address, "Enter the legal address.");
        Check(problems, "email", Email, IdentifierType.Email, "Enter the e-mail for invoices.", "E-mail: {0}");
        if (Required(problems, "phone", Phone, "Enter a phone number.") && global::Custodian.Privacy.Abstractions.Identifiers.Phone.Check(Phone!, "+7") is { IsValid: false } phone)
        {
            problems.Add(new("phone", "Phone: {0}", phone.Reason));
        }

        if (Required(problems, "bic", Bic, "Enter the bank's BIC.") && RuBankAccount.CheckBic(Bic!) is { IsValid: false } bic)
        {
            problems.Add(new("bic", "BIC: {0}", bic.Reason));
        }
        else if (!string.IsNullOrWhiteSpace(Bic))
        {
            if (Required(problems, "account", Account, "Enter the settlement account.") && RuBankAccount.CheckSettlement(Bic!, Account!) is { IsValid: false } account)
            {
                problems.Add(new("account", "Settlement account: {0}", account.Reason));
            }

            if (Required(problems, "correspondent", CorrespondentAccount, "Enter the bank's correspondent account.") && RuBankAccount.CheckCorrespondent(Bic!, CorrespondentAccount!) is { IsValid: false } correspondent)
            {
                problems.Add(new("correspondent", "Correspondent account: {0}", correspondent.Reason));
            }
        }

        return problems;
    }

    internal static bool Required(List<PayerProblem> problems, string field, string? value, string message)
    {
        if (!string.IsNullOrWhiteSpace(value))
        {
            if (value.Trim().Length > 300)
            {
                problems.Add(new(field, "Too long: at most 300 characters."));
                return false;
            }

            return true;
        }

        problems.Add(new(field, message));
        return false;
    }

    internal static void Check(List<PayerProblem> problems, string field, string? value, IdentifierType type, string missing, string invalid)
    {
        if (Required(problems, field, value, missing) && Identifier.Check(type, value) is { IsValid: false } check)
        {
            problems.Add(new(field, invalid, check.Reason));
        }
    }
}

/// <summary>A Finnish payer as entered (an employer invoiced for courses): the company, where invoices go, a contact.</summary>
internal sealed record FinnishPayerForm(
    string? Name, string? BusinessId, string? EInvoiceAddress, string? EInvoiceOperator, string? PostalAddress,
    string? ContactName, string? ContactEmail, string? ContactPhone)
{
    public IReadOnlyList<PayerProblem> Problems()
    {
        var problems = new List<PayerProblem>();
        RussianPayerForm.Required(problems, "name", Name, "Enter the company's name.");
        RussianPayerForm.Check(problems, "business-id", BusinessId, IdentifierType.YTunnus, "Enter the business ID (Y-tunnus).", "Business ID: {0}");
        var eInvoice = !string.IsNullOrWhiteSpace(EInvoiceAddress);
        if (eInvoice)
        {
            var address = EInvoiceAddress!.Replace(" ", string.Empty, StringComparison.Ordinal).ToUpperInvariant();
            var ovt = address.StartsWith("0037", StringComparison.Ordinal);
            // Compared with the business ID only when that is valid: a wrong ID is reported once, on its own field.
            var ytunnusDigits = BusinessId is not null && YTunnus.Check(BusinessId).IsValid ? BusinessId.Trim().Replace("-", string.Empty, StringComparison.Ordinal) : null;
            if (ovt && (address.Length is < 12 or > 17 || !address.All(char.IsAsciiLetterOrDigit) || (ytunnusDigits is { Length: 8 } && address[4..12] != ytunnusDigits)))
            {
                problems.Add(new("e-invoice-address", "An OVT e-invoice address is 0037, the business ID's 8 digits without the hyphen, and up to 5 more characters."));
            }
            else if (!ovt && Iban.Check(address) is { IsValid: false } iban)
            {
                problems.Add(new("e-invoice-address", "An e-invoice address is an OVT code (0037…) or an IBAN: {0}", iban.Reason));
            }

            if (string.IsNullOrWhiteSpace(EInvoiceOperator))
            {
                problems.Add(new("e-invoice-operator", "Give the e-invoice operator's code too (an OVT code or a BIC)."));
            }
            else if (EInvoiceOperator.Trim() is var op && (op.Length is < 8 or > 35 || !op.All(char.IsAsciiLetterOrDigit)))
            {
                problems.Add(new("e-invoice-operator", "The operator's code is an OVT code or a BIC: 8 to 35 letters and digits."));
            }
        }
        else if (string.IsNullOrWhiteSpace(PostalAddress))
        {
            problems.Add(new("postal-address", "Give an e-invoice address with its operator, or a postal address."));
        }

        RussianPayerForm.Required(problems, "contact-name", ContactName, "Enter the contact person's name.");
        RussianPayerForm.Check(problems, "contact-email", ContactEmail, IdentifierType.Email, "Enter the contact's e-mail.", "E-mail: {0}");
        if (!string.IsNullOrWhiteSpace(ContactPhone) && Phone.Check(ContactPhone, "+358") is { IsValid: false } phone)
        {
            problems.Add(new("contact-phone", "Phone: {0}", phone.Reason));
        }

        return problems;
    }
}
