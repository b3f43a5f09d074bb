namespace Custodian.Modules.Training.Catalogue;

/// <summary>
/// One run of a course at a place and time (<c>training_sessions</c>). <see cref="SeatsTaken"/> counts enrolled (not
/// waitlisted) people and is only ever changed by a conditional UPDATE against <see cref="Capacity"/>, so parallel
/// enrolments on any number of instances never overfill a session.
/// </summary>
internal sealed class SessionRecord
{
    public Guid Id { get; set; }

    public Guid CourseId { get; set; }

    public DateTime StartsAtUtc { get; set; }

    public DateTime EndsAtUtc { get; set; }

    /// <summary>Where the course is held (a street address, or "Verkossa / Online").</summary>
    public string Place { get; set; } = string.Empty;

    public int Capacity { get; set; }

    public int SeatsTaken { get; set; }

    /// <summary>The trainer's staff account, when one is assigned.</summary>
    public string? TrainerAccount { get; set; }

    public DateTime? CancelledAtUtc { get; set; }

    public DateTime CreatedAtUtc { get; set; }

    public const string Table = "training_sessions";
}
