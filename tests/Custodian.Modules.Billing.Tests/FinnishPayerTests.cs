using Custodian.Modules.Billing.Payers;

namespace Custodian.Modules.Billing.Tests;

/// <summary>A Finnish payer's requisites: Y-tunnus, where invoices go (e-invoice address and operator, or post), a contact.</summary>
public sealed class FinnishPayerTests
{
    internal static FinnishPayerForm Employer => new(
        "Rakennus Virtanen Oy", "2077474-0", "003720774740", "003721291126", null, "Liisa Virtanen", "liisa.virtanen@example.fi", "040 123 4567");

    [Fact]
    public void An_employer_with_an_e_invoice_address_or_with_a_postal_address_passes()
    {
        Assert.Empty(Employer.Problems());
        Assert.Empty((Employer with { EInvoiceAddress = null, EInvoiceOperator = null, PostalAddress = "Mannerheimintie 1, 00100 Helsinki" }).Problems());
    }

    [Theory]
    [InlineData("2077474-1", null, null, null, "business-id", "Business ID: {0}")]
    [InlineData("2077474-0", "", "", "", "postal-address", "Give an e-invoice address with its operator, or a postal address.")]
    [InlineData("2077474-0", "003712345678", "003721291126", null, "e-invoice-address", "An OVT e-invoice address is 0037, the business ID's 8 digits without the hyphen, and up to 5 more characters.")]
    [InlineData("2077474-0", "003720774740", "", null, "e-invoice-operator", "Give the e-invoice operator's code too (an OVT code or a BIC).")]
    [InlineData("2077474-0", "FI2112345600000786", "NDEAFIHH", null, "e-invoice-address", "An e-invoice address is an OVT code (0037…) or an IBAN: {0}")]
    public void A_wrong_or_missing_value_is_named(string businessId, string? eInvoice, string? op, string? postal, string field, string message)
    {
        var form = Employer with { BusinessId = businessId, EInvoiceAddress = eInvoice ?? Employer.EInvoiceAddress, EInvoiceOperator = op ?? Employer.EInvoiceOperator, PostalAddress = postal };

        var problem = Assert.Single(form.Problems());

        Assert.Equal((field, message), (problem.Field, problem.Message));
    }
}
