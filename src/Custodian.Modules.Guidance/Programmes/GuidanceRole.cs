using Custodian.Privacy.Abstractions.Access;

namespace Custodian.Modules.Guidance.Programmes;

/// <summary>A person's role within one programme (DESIGN: identity and access, guidance).</summary>
internal enum GuidanceRole
{
    Coach,
    TeamLead,
    OfficeStaff,
    ProgrammeAdmin,
    ControllerAdmin,
    SendingOrganisation,
}

/// <summary>Which clients of a programme a role reaches.</summary>
internal enum RecordScope
{
    /// <summary>Clients the person coaches.</summary>
    Own,

    /// <summary>Clients of the person's team.</summary>
    Team,

    /// <summary>Every client of the programme.</summary>
    Programme,

    /// <summary>Clients the person's organisation referred.</summary>
    Referred,
}

/// <summary>The parts of a client record the matrix grants one by one.</summary>
internal enum RecordSection
{
    BasicData,
    Consent,
    Assessments,
    CoachingEntries,
    AccessList,

    /// <summary>Question sets sent to the client and the client's answers.</summary>
    Messages,

    /// <summary>Statements (lausunnot) for the sending organisation: drafted by the coach, reviewed, then issued.</summary>
    Statements,

    /// <summary>Goals and plan steps agreed with the client and the authorities.</summary>
    Goals,

    /// <summary>Files (PDF, PNG, JPEG) attached to the record.</summary>
    Attachments,

    /// <summary>Meetings booked with the client (time, place or video link, a note for the client).</summary>
    Appointments,
}

/// <summary>What a role may do with a section.</summary>
internal enum SectionAccess
{
    None,

    /// <summary>Reads only entries in the areas the client's written consent shares with the sending organisation.</summary>
    ReadShared,
    Read,

    /// <summary>Reads, and approves or returns drafts submitted for review.</summary>
    Review,
    Write,
}

internal static class GuidanceRoles
{
    /// <summary>The staff identity role that may hold each programme role (a coach account cannot be a programme's controller's admin).</summary>
    public static string StaffRole(GuidanceRole role) => role switch
    {
        GuidanceRole.Coach => Roles.Coach,
        GuidanceRole.TeamLead => Roles.UnitLead,
        GuidanceRole.OfficeStaff => Roles.OfficeStaff,
        GuidanceRole.ProgrammeAdmin => Roles.ProgrammeAdmin,
        GuidanceRole.ControllerAdmin => Roles.ControllerAdmin,
        GuidanceRole.SendingOrganisation => Roles.SendingOrganisation,
        _ => throw new ArgumentOutOfRangeException(nameof(role)),
    };

    /// <summary>Staff identity roles that open the guidance pages at all; what a person sees there follows their programme assignments.</summary>
    public static readonly string[] StaffRoles = [Roles.Coach, Roles.UnitLead, Roles.OfficeStaff, Roles.ProgrammeAdmin, Roles.ControllerAdmin, Roles.SendingOrganisation];

    /// <summary>The role's name on the command line and in the audit log.</summary>
    public static string Key(GuidanceRole role) => role switch
    {
        GuidanceRole.Coach => "coach",
        GuidanceRole.TeamLead => "team-lead",
        GuidanceRole.OfficeStaff => "office-staff",
        GuidanceRole.ProgrammeAdmin => "programme-admin",
        GuidanceRole.ControllerAdmin => "controller-admin",
        GuidanceRole.SendingOrganisation => "sending-organisation",
        _ => throw new ArgumentOutOfRangeException(nameof(role)),
    };

    public static GuidanceRole? Parse(string? key) => Enum.GetValues<GuidanceRole>().Cast<GuidanceRole?>().FirstOrDefault(r => Key(r!.Value) == key?.Trim());

    /// <summary>The role's name on screen (translated through the page's texts).</summary>
    public static string Label(GuidanceRole role) => role switch
    {
        GuidanceRole.Coach => "Coach",
        GuidanceRole.TeamLead => "Team lead",
        GuidanceRole.OfficeStaff => "Office staff",
        GuidanceRole.ProgrammeAdmin => "Programme administrator",
        GuidanceRole.ControllerAdmin => "Controller's administrator",
        GuidanceRole.SendingOrganisation => "Sending organisation",
        _ => throw new ArgumentOutOfRangeException(nameof(role)),
    };
}
