namespace Custodian.Modules.Training;

/// <summary>Input a person can correct; <see cref="Field"/> names the form field (the API's <c>errors</c> key). The message never carries personal data.</summary>
internal sealed class TrainingInputException(string field, string message) : Exception(message)
{
    public string Field { get; } = field;
}

/// <summary>What the person may not see, or what does not exist: the same answer for both (404), so ids leak nothing.</summary>
internal sealed class TrainingNotFoundException() : Exception("Not found.");
