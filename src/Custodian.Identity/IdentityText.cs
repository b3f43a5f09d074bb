namespace Custodian.Identity;

/// <summary>Anchor of the identity pages' texts (Resources/IdentityText.fi.resx, .ru.resx; keys are the English text).</summary>
public sealed class IdentityText
{
    private IdentityText()
    {
    }
}
