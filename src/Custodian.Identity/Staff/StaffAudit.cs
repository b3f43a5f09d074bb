namespace Custodian.Identity.Staff;

/// <summary>Audit actors of staff identity: accounts by handle, the CLI by the operating-system user. Actions name a target account by its handle (at most 40 characters: actions fit the log's 64).</summary>
internal static class StaffAudit
{
    public static string Account(StaffAccountRecord account) => "account:" + account.AccountId;

    /// <summary>A CLI verb run on the server: the OS user who ran it (<c>cli:root</c>).</summary>
    public static string Cli() => "cli:" + Environment.UserName;
}
