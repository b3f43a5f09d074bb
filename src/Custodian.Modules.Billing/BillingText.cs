namespace Custodian.Modules.Billing;

/// <summary>Anchor of the billing pages' texts (Resources/BillingText.fi.resx, .ru.resx; keys are the English text).</summary>
internal sealed class BillingText
{
    private BillingText()
    {
    }
}
