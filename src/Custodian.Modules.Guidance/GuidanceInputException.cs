namespace Custodian.Modules.Guidance;

/// <summary>Input a person can correct (an invalid HETU, a missing consent): the message is shown as it is, so it never carries personal data.</summary>
internal sealed class GuidanceInputException(string message) : Exception(message);

/// <summary>What the person may not see, or what does not exist: the same answer for both (404), so ids leak nothing.</summary>
internal sealed class GuidanceNotFoundException() : Exception("Not found.");

/// <summary>Someone saved the entry since this person opened it: nothing was stored.</summary>
internal sealed class GuidanceEditConflictException(int currentVersion) : Exception("The entry was changed by someone else since you opened it.")
{
    public int CurrentVersion { get; } = currentVersion;
}
