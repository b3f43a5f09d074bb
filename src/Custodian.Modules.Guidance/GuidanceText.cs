namespace Custodian.Modules.Guidance;

/// <summary>Anchor of the guidance pages' texts (Resources/GuidanceText.fi.resx, .ru.resx; keys are the English text).</summary>
internal sealed class GuidanceText
{
    private GuidanceText()
    {
    }
}
