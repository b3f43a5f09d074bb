namespace Custodian.Privacy.Abstractions.Access;

/// <summary>
/// Roles per service (DESIGN: identity and access). Kept in the shared kernel because the host's shell, the kernel's
/// operator pages and every module's pages and tests name the same roles.
/// </summary>
public static class Roles
{
    public const string SellerOwner = "seller-owner";
    public const string SellerMember = "seller-member";
    public const string Trainee = "trainee";

    /// <summary>Training: an employer's contact person; enrols the company's employees and sees only theirs.</summary>
    public const string EmployerContact = "employer-contact";
    public const string Trainer = "trainer";
    public const string Registrar = "registrar";
    public const string Client = "client";
    public const string Coach = "coach";
    public const string UnitLead = "unit-lead";
    public const string ControllerAdmin = "controller-admin";

    /// <summary>Guidance: books meetings and keeps clients' basic data, sees no section of a record.</summary>
    public const string OfficeStaff = "office-staff";

    /// <summary>Guidance: runs a programme (its staff and clients' basic data), reads no coaching content.</summary>
    public const string ProgrammeAdmin = "programme-admin";

    /// <summary>Guidance: a referring organisation's caseworker; sees only clients it referred and the sections they share with it.</summary>
    public const string SendingOrganisation = "sending-organisation";
    public const string Operator = "operator";

    /// <summary>Manages staff accounts: adds them, resets a lost second factor, ends anyone's sessions.</summary>
    public const string Administrator = "admin";

    public static readonly IReadOnlyList<string> All =
        [SellerOwner, SellerMember, Trainee, EmployerContact, Trainer, Registrar, Client, Coach, UnitLead, ControllerAdmin, OfficeStaff, ProgrammeAdmin, SendingOrganisation, Operator, Administrator];

    /// <summary>Roles a staff account (password + TOTP, or the organisation's OpenID Connect) can hold.</summary>
    public static readonly IReadOnlyList<string> Staff = [Trainer, Registrar, Coach, UnitLead, ControllerAdmin, OfficeStaff, ProgrammeAdmin, SendingOrganisation, Operator, Administrator];
}

/// <summary>The authorization policies route groups and pages declare. Each module registers the policies of its roles.</summary>
public static class AccessPolicies
{
    public const string Seller = "seller";
    public const string SellerOwner = "seller-owner";
    public const string TrainingStaff = "training-staff";
    public const string GuidanceStaff = "guidance-staff";
    public const string Operator = "operator";
    public const string Administrator = "admin";

    /// <summary>Any signed-in person (their own sessions page).</summary>
    public const string SignedIn = "signed-in";
}

/// <summary>Rate-limit policies the host defines and pages and endpoints of every module name.</summary>
public static class RateLimits
{
    /// <summary>Public forms that send mail or create records (request forms, sign-in links): per client address.</summary>
    public const string PublicForms = "privacy-requests";
}
