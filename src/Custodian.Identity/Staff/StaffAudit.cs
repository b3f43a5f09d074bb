namespace Custodian.Identity.Staff;

/// <summary>Audit actors of staff identity: accounts by handle (the CLI names its operating-system user through VerbContext.Actor). Actions name a target account by its handle (at most 40 characters: actions fit the log's 64).</summary>
internal static class StaffAudit
{
    public static string Account(StaffAccountRecord account) => "account:" + account.AccountId;
}
