using Custodian.Modules.Training.Enrolment;
using Custodian.Modules.Training.Staff;
using Custodian.Privacy.Abstractions.Audit;

namespace Custodian.Modules.Training.Attendance;

/// <summary>
/// The trainer saw the person's ID papers: who checked, when, and the kind of document. The document's number is never
/// asked for nor stored (the register declares only the kind).
/// </summary>
internal sealed class RecordIdentityCheck(TrainingDb db, IAuditLog audit, TimeProvider clock)
{
    public async Task RecordAsync(TrainingStaff staff, Guid enrolmentId, string? document, CancellationToken cancellationToken)
    {
        var kind = IdentityDocuments.Parse(document) ?? throw new TrainingInputException("document", "Choose the kind of ID document you checked.");
        var reached = await staff.EnrolmentAsync(db, enrolmentId, cancellationToken);
        if (reached.Enrolment.Status != EnrolmentStatus.Enrolled)
        {
            throw new TrainingInputException("document", "Only enrolled people (not the waiting list) have their identity checked.");
        }

        var now = clock.GetUtcNow().UtcDateTime;
        reached.Enrolment.IdentityDocument = kind;
        reached.Enrolment.IdentityCheckedBy = staff.Account;
        reached.Enrolment.IdentityCheckedAtUtc = now;
        reached.Enrolment.Version++;
        reached.Trainee.LastActivityAtUtc = now;
        await db.SaveChangesAsync(cancellationToken);
        await audit.AppendAsync(TrainingAudit.Event(staff, reached.Trainee, "record identity check"), cancellationToken);
    }
}

/// <summary>The kinds of ID paper by their form keys and page labels (pages never show the enum's names).</summary>
internal static class IdentityDocuments
{
    public static readonly IReadOnlyList<(IdentityDocument Kind, string Key, string Label)> All =
    [
        (IdentityDocument.Passport, "passport", "Passport"),
        (IdentityDocument.IdentityCard, "identity-card", "Identity card"),
        (IdentityDocument.DrivingLicence, "driving-licence", "Driving licence"),
        (IdentityDocument.ResidencePermit, "residence-permit", "Residence permit card"),
    ];

    public static IdentityDocument? Parse(string? key) => All.Where(d => d.Key == key?.Trim()).Select(d => (IdentityDocument?)d.Kind).FirstOrDefault();

    public static string Label(IdentityDocument kind) => All.First(d => d.Kind == kind).Label;
}
