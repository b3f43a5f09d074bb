namespace Custodian.Identity.Staff;

/// <summary>Audit actors and actions of staff identity: accounts by handle, the CLI by the operating-system user.</summary>
internal static class StaffAudit
{
    public static string Account(StaffAccountRecord account) => "account:" + account.AccountId;

    /// <summary>A CLI verb run on the server: the OS user who ran it (<c>cli:root</c>).</summary>
    public static string Cli() => "cli:" + Environment.UserName;
}
