namespace Custodian.Identity.Staff;

/// <summary>Audit actors of staff identity: accounts by handle (the CLI names its operating-system user through VerbContext.Actor). Actions name a target account by its handle (at most 40 characters: actions fit the log's 64).</summary>
internal static class AuditActors
{
    public static string Account(StaffAccountRecord account) => Account(account.AccountId);

    /// <summary>Any signed-in account as the request actor names it (the kernel's HttpCurrentActor): <c>account:{id}</c>.</summary>
    public static string Account(string accountId) => "account:" + accountId;
}
