namespace Custodian.Modules.Guidance.Programmes;

/// <summary>
/// Who reaches which clients and which sections of their records: a role's record scope, and its access per section.
/// Every page and use case asks this table; the tests walk every cell. Least privilege: office staff keep basic data and
/// see no section, the programme's administrator sees no coaching content, the sending organisation reads only what the
/// client shares with it, and only the coach writes (office staff also book the client's appointments).
/// </summary>
internal static class AccessMatrix
{
    public static RecordScope Scope(GuidanceRole role) => role switch
    {
        GuidanceRole.Coach => RecordScope.Own,
        GuidanceRole.TeamLead => RecordScope.Team,
        GuidanceRole.OfficeStaff or GuidanceRole.ProgrammeAdmin or GuidanceRole.ControllerAdmin => RecordScope.Programme,
        GuidanceRole.SendingOrganisation => RecordScope.Referred,
        _ => throw new ArgumentOutOfRangeException(nameof(role)),
    };

    public static SectionAccess Access(GuidanceRole role, RecordSection section) => (role, section) switch
    {
        (GuidanceRole.Coach, RecordSection.AccessList) => SectionAccess.Read,
        (GuidanceRole.Coach, _) => SectionAccess.Write,
        (GuidanceRole.TeamLead, RecordSection.AccessList) => SectionAccess.None,
        (GuidanceRole.TeamLead, RecordSection.Statements) => SectionAccess.Review,
        (GuidanceRole.TeamLead, _) => SectionAccess.Read,
        (GuidanceRole.OfficeStaff, RecordSection.BasicData or RecordSection.Appointments) => SectionAccess.Write,
        (GuidanceRole.OfficeStaff, _) => SectionAccess.None,
        (GuidanceRole.ProgrammeAdmin, RecordSection.BasicData or RecordSection.Consent or RecordSection.Appointments) => SectionAccess.Read,
        (GuidanceRole.ProgrammeAdmin, RecordSection.Statements) => SectionAccess.Review,
        (GuidanceRole.ProgrammeAdmin, _) => SectionAccess.None,
        (GuidanceRole.ControllerAdmin, _) => SectionAccess.Read,
        (GuidanceRole.SendingOrganisation, RecordSection.BasicData) => SectionAccess.Read,
        (GuidanceRole.SendingOrganisation, RecordSection.Assessments or RecordSection.CoachingEntries or RecordSection.Goals) => SectionAccess.ReadShared,
        // Only issued statements, and only in areas the client shares with it.
        (GuidanceRole.SendingOrganisation, RecordSection.Statements) => SectionAccess.ReadShared,
        // Attached files are not shared with the referring party; messages are between the client and the service: a referring party never reads them.
        (GuidanceRole.SendingOrganisation, _) => SectionAccess.None,
        _ => throw new ArgumentOutOfRangeException(nameof(role)),
    };

    /// <summary>
    /// Who issues an approved statement to the sending organisation, a disclosure: the controller decides on disclosures,
    /// so in the city variant only the city's administrator; where the provider is controller, its reviewers
    /// (team lead, programme administrator) and its controller's administrator. Never the coach who wrote it.
    /// </summary>
    public static bool IssuesStatements(GuidanceRole role, string register) => register == GuidanceRegisters.City
        ? role is GuidanceRole.ControllerAdmin
        : role is GuidanceRole.TeamLead or GuidanceRole.ProgrammeAdmin or GuidanceRole.ControllerAdmin;

    /// <summary>Whether the role ends a client relationship: the client's coach, the team lead and the programme's administrator.</summary>
    public static bool ClosesClients(GuidanceRole role) => role is GuidanceRole.Coach or GuidanceRole.TeamLead or GuidanceRole.ProgrammeAdmin;

    /// <summary>Whether the role creates clients in its programme (a coach, who becomes the client's coach).</summary>
    public static bool CreatesClients(GuidanceRole role) => role is GuidanceRole.Coach;

    /// <summary>
    /// Whether the role decides the controller's data-subject requests in the app: the controller's admin, and only where
    /// the provider processes for that controller (city programmes); the provider's own requests go through the kernel.
    /// </summary>
    public static bool DecidesRequests(GuidanceRole role, string register) => role is GuidanceRole.ControllerAdmin && register == GuidanceRegisters.City;

    public static bool CanRead(SectionAccess access) => access is not SectionAccess.None;
}
