using System.Data.Common;

namespace Custodian.Cli;

/// <summary>
/// DuckDB admits one process per file. When the CLI runs a verb itself (no service published its operator channel) and
/// another process holds the file, the operator gets one line saying so instead of a stack trace.
/// </summary>
internal static class AnalyticsFileBusy
{
    public static string? Explain(Exception e) => e switch
    {
        DbException when e.Message.Contains("Could not set lock on file", StringComparison.Ordinal) =>
            "The analytics file is open in another process (a service that is starting or cannot be reached over loopback, or another custodian verb): " +
            "try again when it is done, or stop it. " + e.Message.Split('\n')[0],
        _ when e.InnerException is not null => Explain(e.InnerException),
        _ => null,
    };
}
