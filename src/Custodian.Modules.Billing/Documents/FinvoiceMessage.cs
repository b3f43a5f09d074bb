using System.Globalization;
using System.Text;
using System.Xml;
using System.Xml.Linq;

namespace Custodian.Modules.Billing.Documents;

/// <summary>
/// A Finnish invoice as a Finvoice 3.0 message (Finance Finland's e-invoice format; the schema is vendored in
/// <c>Documents/Finvoice/</c>): the transmission envelope from the seller's e-invoice address to the buyer's, the
/// parties, the totals with the VAT breakdown per rate, a row per line, the buyer's reference, and the EPI payment details the buyer's bank pays from (IBAN,
/// BIC, reference, due date). Amounts are written with a decimal comma, dates as CCYYMMDD, as the schema requires.
/// </summary>
internal static class FinvoiceMessage
{
    public static byte[] Build(DocumentRecord invoice, FinnishPayerDetails payer)
    {
        ArgumentNullException.ThrowIfNull(invoice);
        ArgumentNullException.ThrowIfNull(payer);
        var seller = IssueFinnishInvoice.Seller(invoice);
        var net = invoice.Amount - invoice.VatAmount;
        var lines = InvoiceLines.Of(invoice);
        var reference = invoice.Reference!;
        var document = new XDocument(
            new XDeclaration("1.0", "UTF-8", null),
            new XElement("Finvoice", new XAttribute("Version", "3.0"),
                new XElement("MessageTransmissionDetails",
                    new XElement("MessageSenderDetails",
                        new XElement("FromIdentifier", seller.EInvoiceAddress),
                        new XElement("FromIntermediator", seller.EInvoiceOperator)),
                    new XElement("MessageReceiverDetails",
                        new XElement("ToIdentifier", payer.EInvoiceAddress),
                        new XElement("ToIntermediator", payer.EInvoiceOperator)),
                    new XElement("MessageDetails",
                        new XElement("MessageIdentifier", invoice.Id.ToString("N")),
                        new XElement("MessageTimeStamp", invoice.IssuedAtUtc.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture)))),
                new XElement("SellerPartyDetails",
                    new XElement("SellerPartyIdentifier", seller.BusinessId),
                    new XElement("SellerOrganisationName", Cut(seller.Name, 70)),
                    new XElement("SellerOrganisationTaxCode", VatNumber(seller.BusinessId)),
                    new XElement("SellerPostalAddressDetails",
                        new XElement("SellerStreetName", Cut(seller.StreetAddress, 35)),
                        new XElement("SellerTownName", Cut(seller.Town, 35)),
                        new XElement("SellerPostCodeIdentifier", seller.PostCode),
                        new XElement("CountryCode", "FI"))),
                new XElement("SellerInformationDetails",
                    new XElement("SellerAccountDetails",
                        new XElement("SellerAccountID", new XAttribute("IdentificationSchemeName", "IBAN"), seller.Iban),
                        new XElement("SellerBic", new XAttribute("IdentificationSchemeName", "BIC"), seller.Bic))),
                new XElement("BuyerPartyDetails",
                    new XElement("BuyerPartyIdentifier", payer.BusinessId),
                    new XElement("BuyerOrganisationName", Cut(Padded(payer.Name), 70))),
                payer.ContactName is { Length: > 0 } contact ? new XElement("BuyerContactPersonName", Cut(contact, 70)) : null,
                new XElement("InvoiceDetails",
                    new XElement("InvoiceTypeCode", "INV01"),
                    new XElement("InvoiceTypeText", "LASKU"),
                    new XElement("OriginCode", "Original"),
                    new XElement("InvoiceNumber", Number(invoice)),
                    new XElement("InvoiceDate", new XAttribute("Format", "CCYYMMDD"), Day(invoice.IssuedOn)),
                    payer.BuyerReference is { Length: > 0 } buyerReference ? new XElement("BuyerReferenceIdentifier", Cut(buyerReference, 70)) : null,
                    new XElement("InvoiceTotalVatExcludedAmount", Currency(), Money(net)),
                    new XElement("InvoiceTotalVatAmount", Currency(), Money(invoice.VatAmount)),
                    new XElement("InvoiceTotalVatIncludedAmount", Currency(), Money(invoice.Amount)),
                    InvoiceLines.ByRate(lines).Select(rate => new XElement("VatSpecificationDetails",
                        new XElement("VatBaseAmount", Currency(), Money(rate.Base)),
                        new XElement("VatRatePercent", Percent(rate.Rate)),
                        new XElement("VatCode", VatCode(rate.Rate)),
                        new XElement("VatRateAmount", Currency(), Money(rate.Vat)))),
                    new XElement("PaymentTermsDetails",
                        new XElement("PaymentTermsFreeText", $"{seller.PaymentTermDays} pv netto"),
                        new XElement("InvoiceDueDate", new XAttribute("Format", "CCYYMMDD"), Day(invoice.DueOn!.Value)))),
                lines.Select(line => new XElement("InvoiceRow",
                    new XElement("ArticleName", Cut(line.Description, 100)),
                    new XElement("DeliveredQuantity", new XAttribute("QuantityUnitCode", "kpl"), Quantity(line.Quantity)),
                    new XElement("UnitPriceAmount", Currency(), Money(line.UnitPrice)),
                    new XElement("RowVatRatePercent", Percent(line.VatRate)),
                    new XElement("RowVatCode", VatCode(line.VatRate)),
                    new XElement("RowVatAmount", Currency(), Money(line.Vat)),
                    new XElement("RowVatExcludedAmount", Currency(), Money(line.Net)),
                    new XElement("RowAmount", Currency(), Money(line.Total)))),
                new XElement("EpiDetails",
                    new XElement("EpiIdentificationDetails",
                        new XElement("EpiDate", new XAttribute("Format", "CCYYMMDD"), Day(invoice.IssuedOn)),
                        new XElement("EpiReference", "0")),
                    new XElement("EpiPartyDetails",
                        new XElement("EpiBfiPartyDetails",
                            new XElement("EpiBfiIdentifier", new XAttribute("IdentificationSchemeName", "BIC"), seller.Bic)),
                        new XElement("EpiBeneficiaryPartyDetails",
                            new XElement("EpiNameAddressDetails", Cut(seller.Name, 35)),
                            new XElement("EpiBei", seller.BusinessId),
                            new XElement("EpiAccountID", new XAttribute("IdentificationSchemeName", "IBAN"), seller.Iban))),
                    new XElement("EpiPaymentInstructionDetails",
                        new XElement("EpiRemittanceInfoIdentifier", new XAttribute("IdentificationSchemeName", reference.StartsWith("RF", StringComparison.Ordinal) ? "ISO" : "SPY"), reference),
                        new XElement("EpiInstructedAmount", Currency(), Money(invoice.Amount)),
                        new XElement("EpiCharge", new XAttribute("ChargeOption", "SLEV"), "SLEV"),
                        new XElement("EpiDateOptionDate", new XAttribute("Format", "CCYYMMDD"), Day(invoice.DueOn.Value))))));
        using var stream = new MemoryStream();
        using (var writer = XmlWriter.Create(stream, new XmlWriterSettings { Encoding = new UTF8Encoding(false), Indent = true }))
        {
            document.Save(writer);
        }

        return stream.ToArray();
    }

    public static string FileName(DocumentRecord invoice) => $"finvoice-{Number(invoice)}.xml";

    /// <summary>The number as the buyer sees it: year and number, e.g. 2026-7.</summary>
    public static string Number(DocumentRecord invoice) => $"{invoice.Year}-{invoice.Number.ToString(CultureInfo.InvariantCulture)}";

    private static XAttribute Currency() => new("AmountCurrencyIdentifier", "EUR");

    private static string Money(decimal amount) => amount.ToString("0.00", CultureInfo.InvariantCulture).Replace('.', ',');

    /// <summary>UNTDID 5305: S, standard rate; Z, zero rated.</summary>
    private static string VatCode(decimal rate) => rate == 0 ? "Z" : "S";

    private static string Quantity(decimal quantity) => quantity.ToString("0.##", CultureInfo.InvariantCulture).Replace('.', ',');

    private static string Percent(decimal rate) => rate.ToString("0.##", CultureInfo.InvariantCulture).Replace('.', ',');

    private static string Day(DateOnly day) => day.ToString("yyyyMMdd", CultureInfo.InvariantCulture);

    /// <summary>The EU VAT number of a Y-tunnus: FI and its eight digits.</summary>
    private static string VatNumber(string businessId) => "FI" + businessId.Replace("-", string.Empty, StringComparison.Ordinal);

    private static string Cut(string text, int length) => text.Length <= length ? text : text[..length];

    private static string Padded(string text) => text.Length >= 2 ? text : text.PadRight(2, '.');
}
