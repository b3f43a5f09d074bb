namespace Custodian.Web.Platform;

/// <summary>
/// Roles per service (DESIGN: identity and access). Every endpoint names one of these policies; modules add
/// their record scopes on top.
/// </summary>
public static class Roles
{
    public const string SellerOwner = "seller-owner";
    public const string SellerMember = "seller-member";
    public const string Trainee = "trainee";
    public const string Trainer = "trainer";
    public const string Registrar = "registrar";
    public const string Client = "client";
    public const string Coach = "coach";
    public const string UnitLead = "unit-lead";
    public const string ControllerAdmin = "controller-admin";
    public const string Operator = "operator";

    public static readonly IReadOnlyList<string> All =
        [SellerOwner, SellerMember, Trainee, Trainer, Registrar, Client, Coach, UnitLead, ControllerAdmin, Operator];
}

public static class AccessPolicies
{
    public const string Seller = "seller";
    public const string TrainingStaff = "training-staff";
    public const string GuidanceStaff = "guidance-staff";
    public const string Operator = "operator";
}
