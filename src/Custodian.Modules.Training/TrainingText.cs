namespace Custodian.Modules.Training;

/// <summary>Anchor of the training pages' texts (Resources/TrainingText.fi.resx, .ru.resx; keys are the English text).</summary>
internal sealed class TrainingText
{
    private TrainingText()
    {
    }
}
