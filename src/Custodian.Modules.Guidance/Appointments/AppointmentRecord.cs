using System.Globalization;
using Custodian.Privacy.Abstractions.Protection;

namespace Custodian.Modules.Guidance.Appointments;

/// <summary>
/// A meeting booked with a client (<c>guidance_appointments</c>): when, and what the reminder and cancellation mails have
/// done. What the meeting is (place or video link, the note for the client, a cancellation's reason) lives in its
/// versions under the client's key; each change adds a version and names the version it started from.
/// </summary>
internal sealed class AppointmentRecord
{
    public Guid Id { get; set; }

    public Guid ClientId { get; set; }

    public int Version { get; set; }

    public DateTime StartsAtUtc { get; set; }

    public DateTime EndsAtUtc { get; set; }

    public DateTime? CancelledAtUtc { get; set; }

    public DateTime BookedAtUtc { get; set; }

    public string BookedBy { get; set; } = string.Empty;

    /// <summary>When the reminder was claimed for sending: set before the mail goes, so a second run or instance never sends it again.</summary>
    public DateTime? ReminderSentAtUtc { get; set; }

    /// <summary>When the cancellation mail was claimed for sending (as <see cref="ReminderSentAtUtc"/>).</summary>
    public DateTime? CancellationMailedAtUtc { get; set; }

    public const string Table = "guidance_appointments";
}

/// <summary>One state of an appointment (<c>guidance_appointment_versions</c>): its time and, under the client's key, where it is and what the client is told.</summary>
internal sealed class AppointmentVersionRecord
{
    public Guid AppointmentId { get; set; }

    public int Version { get; set; }

    public DateTime StartsAtUtc { get; set; }

    public DateTime EndsAtUtc { get; set; }

    public Encrypted<string>? Place { get; set; }

    public Encrypted<string>? VideoLink { get; set; }

    public Encrypted<string>? Note { get; set; }

    public bool Cancelled { get; set; }

    public Encrypted<string>? CancelReason { get; set; }

    public DateTime WrittenAtUtc { get; set; }

    public string WrittenBy { get; set; } = string.Empty;

    public const string Table = "guidance_appointment_versions";

    public static FieldAddress Field(string column, Guid appointmentId, int version) =>
        new(Table, column, appointmentId.ToString("N") + "/" + version.ToString(CultureInfo.InvariantCulture));
}
