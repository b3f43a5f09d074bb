namespace Custodian.Modules.Marketplace;

/// <summary>Anchor of the marketplace pages' texts (Resources/MarketplaceText.fi.resx, .ru.resx; keys are the English text).</summary>
internal sealed class MarketplaceText
{
    private MarketplaceText()
    {
    }
}
