namespace Custodian.Modules.Training;

/// <summary>Input a person can correct; <see cref="Field"/> names the form field (the API's <c>errors</c> key). The message never carries personal data.</summary>
internal sealed class TrainingInputException(string field, string message) : Exception(message)
{
    public string Field { get; } = field;
}

/// <summary>What the person may not see, or what does not exist: the same answer for both (404), so ids leak nothing.</summary>
internal sealed class TrainingNotFoundException() : Exception("Not found.");

/// <summary>Input with one or more fields a person must correct, all named at once (<c>errors</c> of the API's 400 problem details); messages are English text keys without personal data.</summary>
internal sealed class TrainingInvalidException(IReadOnlyDictionary<string, string[]> errors) : Exception("The input has fields to correct.")
{
    public IReadOnlyDictionary<string, string[]> Errors { get; } = errors;
}

/// <summary>A request that cannot be done in the state things are in (already enrolled, session closed): 409 with <see cref="Exception.Message"/>, an English text key.</summary>
internal sealed class TrainingConflictException(string message) : Exception(message);
