namespace Custodian.Privacy;

/// <summary>Anchor of the kernel pages' texts (Resources/PrivacyText.fi.resx, .ru.resx; keys are the English text).</summary>
public sealed class PrivacyText
{
    private PrivacyText()
    {
    }
}
