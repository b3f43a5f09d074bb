namespace Custodian.Storage;

/// <summary>
/// A configuration value that keeps the service from starting. The host prints <see cref="Exception.Message"/>
/// as one line naming the setting, never a stack trace. Messages must not contain secrets.
/// </summary>
public sealed class SettingProblemException : Exception
{
    public SettingProblemException(string setting, string problem, Exception? innerException = null)
        : base($"{setting}: {problem}", innerException)
    {
        Setting = setting;
    }

    public SettingProblemException()
    {
        Setting = string.Empty;
    }

    public SettingProblemException(string message)
        : base(message)
    {
        Setting = string.Empty;
    }

    public SettingProblemException(string message, Exception innerException)
        : base(message, innerException)
    {
        Setting = string.Empty;
    }

    public string Setting { get; }
}
