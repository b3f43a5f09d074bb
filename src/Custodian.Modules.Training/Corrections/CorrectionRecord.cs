using Custodian.Privacy.Abstractions.Protection;

namespace Custodian.Modules.Training.Corrections;

/// <summary>
/// One correction of a trainee's data from the personal-data form filled in at the course (<c>training_corrections</c>):
/// which field, the value it had before (sealed under the trainee's key, so nothing is silently lost), who and when.
/// </summary>
internal sealed class CorrectionRecord
{
    public Guid Id { get; set; }

    public Guid TraineeId { get; set; }

    /// <summary>The enrolment whose company or position was corrected; null for the person's own fields.</summary>
    public Guid? EnrolmentId { get; set; }

    /// <summary>The corrected field's column name (<c>first_name</c>, <c>email</c>, <c>company_name</c>, ...).</summary>
    public string Field { get; set; } = string.Empty;

    /// <summary>The earlier value; null when the field was empty.</summary>
    public Encrypted<string>? EarlierValue { get; set; }

    public string CorrectedBy { get; set; } = string.Empty;

    public DateTime CorrectedAtUtc { get; set; }

    public const string Table = "training_corrections";
}
