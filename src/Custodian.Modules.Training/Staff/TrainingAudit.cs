using Custodian.Modules.Training.Enrolment;
using Custodian.Privacy.Abstractions.Audit;

namespace Custodian.Modules.Training.Staff;

/// <summary>How the module names actors, actions and purposes in the kernel's audit log; a view also enters the trainee's access trail.</summary>
internal static class TrainingAudit
{
    public const string CourseDelivery = "course-delivery";

    public const string CardRegistration = "card-registration";

    /// <summary>What the trainee's access list names as the viewer: the provider and the role, never the person.</summary>
    public const string Organisation = "training provider";

    public static string Actor(string account) => account.Contains(':', StringComparison.Ordinal) ? account : "account:" + account;

    public static AuditEvent Event(TrainingStaff staff, TraineeRecord trainee, string action, string purpose = CourseDelivery) =>
        new(Actor(staff.Account), "training " + action, trainee.SubjectId, TrainingModule.Register, purpose);

    public static AuditEvent View(TrainingStaff staff, TraineeRecord trainee, string what, string purpose = CourseDelivery) =>
        Event(staff, trainee, "view " + what, purpose) with { Viewed = new ViewedAs(Organisation, staff.IsRegistrar ? "registrar" : "trainer", what) };
}
