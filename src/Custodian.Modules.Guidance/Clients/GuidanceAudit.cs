using Custodian.Modules.Guidance.Programmes;
using Custodian.Privacy.Abstractions.Audit;

namespace Custodian.Modules.Guidance.Clients;

/// <summary>How the module names actors, actions and purposes in the kernel's audit log.</summary>
internal static class GuidanceAudit
{
    public const string Purpose = "client-work";

    /// <summary>The same actor the kernel's request actor names (<c>account:</c> and the account id).</summary>
    public static string Actor(string account) => "account:" + account;

    /// <summary>Something a person did to a client's record, in the role they reached it in.</summary>
    public static AuditEvent Event(ReachableClient reached, string action) =>
        new(Actor(reached.Assignment.Account), $"guidance {action} as {GuidanceRoles.Key(reached.Role)}", reached.Client.SubjectId, reached.Programme.Register, Purpose);

    /// <summary>
    /// A view of a section of the record: the audit entry also enters the client's access trail with the organisation
    /// and role (never the person), which is the client's access list.
    /// </summary>
    public static AuditEvent View(ReachableClient reached, string what, string? action = null) =>
        Event(reached, action ?? "view " + what) with { Viewed = new ViewedAs(reached.Assignment.Organisation, GuidanceRoles.Key(reached.Role), what) };
}
