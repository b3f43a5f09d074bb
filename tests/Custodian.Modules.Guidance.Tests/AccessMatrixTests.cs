using Custodian.Modules.Guidance.Programmes;

namespace Custodian.Modules.Guidance.Tests;

/// <summary>Every cell of the guidance authorization matrix: record scope per role, and access per role and section.</summary>
public sealed class AccessMatrixTests
{
    [Theory]
    [InlineData("Coach", "Own", "write write write write read write write write write write")]
    [InlineData("TeamLead", "Team", "read read read read none read review read read read")]
    [InlineData("OfficeStaff", "Programme", "write none none none none none none none none write")]
    [InlineData("ProgrammeAdmin", "Programme", "read read none none none none review none none read")]
    [InlineData("ControllerAdmin", "Programme", "read read read read read read read read read read")]
    [InlineData("SendingOrganisation", "Referred", "read none shared shared none none shared shared none none")]
    public void Each_role_has_its_scope_and_its_access_to_basic_data_consent_assessments_coaching_the_access_list_messages_statements_goals_attachments_and_appointments(string roleName, string scopeName, string cells)
    {
        var role = Enum.Parse<GuidanceRole>(roleName);
        var scope = Enum.Parse<RecordScope>(scopeName);
        var observed = string.Join(' ', Enum.GetValues<RecordSection>().Select(section => AccessMatrix.Access(role, section) switch
        {
            SectionAccess.Write => "write",
            SectionAccess.Read => "read",
            SectionAccess.Review => "review",
            SectionAccess.ReadShared => "shared",
            _ => "none",
        }));

        Assert.Equal((scope, cells), (AccessMatrix.Scope(role), observed));
    }

    [Fact]
    public void The_matrix_covers_every_role_and_only_a_coach_writes_sections_or_takes_on_clients()
    {
        var writers = Enum.GetValues<GuidanceRole>().Where(r => AccessMatrix.Access(r, RecordSection.Assessments) == SectionAccess.Write || AccessMatrix.Access(r, RecordSection.CoachingEntries) == SectionAccess.Write || AccessMatrix.CreatesClients(r));

        Assert.Equal([GuidanceRole.Coach], writers);
        Assert.All(Enum.GetValues<GuidanceRole>(), r => Assert.NotNull(GuidanceRoles.Parse(GuidanceRoles.Key(r))));
    }

    [Theory]
    [InlineData("guidance", "TeamLead ProgrammeAdmin ControllerAdmin")]
    [InlineData("guidance-city", "ControllerAdmin")]
    public void The_controller_decides_on_disclosure_so_in_the_city_variant_only_the_citys_administrator_issues_statements(string register, string issuers)
    {
        var observed = Enum.GetValues<GuidanceRole>().Where(r => AccessMatrix.IssuesStatements(r, register)).Select(r => r.ToString());

        Assert.Equal(issuers, string.Join(' ', observed));
    }
}
