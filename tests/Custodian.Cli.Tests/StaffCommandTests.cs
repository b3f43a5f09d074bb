using Custodian.Privacy.Audit;
using Custodian.Testing;
using Microsoft.Data.Sqlite;

namespace Custodian.Cli.Tests;

/// <summary><c>custodian staff …</c>: enrolment links only for the first sign-in, --confirm for what takes something away, the OS user in the audit log.</summary>
public sealed class StaffCommandTests
{
    [Fact]
    public async Task Adding_an_account_prints_its_enrolment_link_and_a_second_link_is_possible_until_it_enrols()
    {
        using var data = new TemporaryFolder();
        var setting = "--Storage:DataDirectory=" + data.Path;

        var added = await Custodian.RunAsync("staff", "add", "ops.anna", "--role", "operator", "--role", "admin", setting, "--Web:PublicBaseUrl=https://custodian.example.fi/");
        var again = await Custodian.RunAsync("staff", "link", "ops.anna", setting, "--Web:PublicBaseUrl=https://custodian.example.fi/");
        var list = await Custodian.RunAsync("staff", "list", setting);

        Assert.Equal(0, added.ExitCode);
        Assert.Matches(@"^https://custodian\.example\.fi/account/enrol/[A-Za-z0-9_-]{43}\n$", added.Output);
        Assert.Equal(0, again.ExitCode);
        Assert.NotEqual(added.Output, again.Output);
        Assert.Contains("ops.anna", list.Output, StringComparison.Ordinal);
        Assert.Contains("not enrolled", list.Output, StringComparison.Ordinal);
        var audit = await AuditAsync(data);
        Assert.Contains($"cli:{Environment.UserName} staff.added:ops.anna", audit);
        Assert.Contains($"cli:{Environment.UserName} staff.enrolment-link:ops.anna", audit);
    }

    [Theory]
    [InlineData("Anna Virtanen", "operator", "'Anna Virtanen' is not a handle")]
    [InlineData("anna@example.fi", "operator", "'anna@example.fi' is not a handle")]
    [InlineData("ops.anna", "seller-owner", "'seller-owner' is not a staff role")]
    public async Task A_name_an_email_or_a_role_that_is_not_staffs_exits_2_and_stores_nothing(string handle, string role, string message)
    {
        using var data = new TemporaryFolder();
        var setting = "--Storage:DataDirectory=" + data.Path;

        var result = await Custodian.RunAsync("staff", "add", handle, "--role", role, setting);
        var list = await Custodian.RunAsync("staff", "list", "--json", setting);

        Assert.Equal(2, result.ExitCode);
        Assert.StartsWith(message, result.Error, StringComparison.Ordinal);
        Assert.Equal("[]", list.Output.Trim());
    }

    [Fact]
    public async Task Resets_and_ending_sessions_need_confirm_and_record_the_os_user()
    {
        using var data = new TemporaryFolder();
        var setting = "--Storage:DataDirectory=" + data.Path;
        await Custodian.RunAsync("staff", "add", "ops.boris", "--role", "operator", setting);

        var unconfirmed = await Custodian.RunAsync("staff", "reset", "ops.boris", setting);
        var confirmed = await Custodian.RunAsync("staff", "reset", "ops.boris", "--confirm", setting);
        var everyone = await Custodian.RunAsync("staff", "end-all-sessions", "--confirm", setting);
        var unknown = await Custodian.RunAsync("staff", "end-sessions", "ops.nobody", "--confirm", setting);

        Assert.Equal(2, unconfirmed.ExitCode);
        Assert.Contains("--confirm", unconfirmed.Error, StringComparison.Ordinal);
        Assert.Equal(0, confirmed.ExitCode);
        Assert.Matches(@"/account/enrol/[A-Za-z0-9_-]{43}\n$", confirmed.Output);
        Assert.Equal(0, everyone.ExitCode);
        Assert.Equal(2, unknown.ExitCode);
        Assert.Equal("No staff account has this handle.", unknown.Error.Trim());
        var audit = await AuditAsync(data);
        Assert.Contains($"cli:{Environment.UserName} staff.2fa-reset:ops.boris", audit);
        Assert.Contains($"cli:{Environment.UserName} sessions.ended-for-everyone", audit);
        Assert.DoesNotContain(audit, a => a.Contains("staff.2fa-reset", StringComparison.Ordinal) && !a.StartsWith("cli:", StringComparison.Ordinal));
    }

    /// <summary>Every audit entry as "actor action", read from the blocks in the data folder's database.</summary>
    private static async Task<List<string>> AuditAsync(TemporaryFolder data)
    {
        await using var connection = new SqliteConnection($"Data Source={data.File("custodian.db")};Pooling=False");
        await connection.OpenAsync(TestContext.Current.CancellationToken);
        await using var read = connection.CreateCommand();
        read.CommandText = "SELECT entries FROM privacy_audit_blocks ORDER BY first_sequence";
        var lines = new List<string>();
        await using var reader = await read.ExecuteReaderAsync(TestContext.Current.CancellationToken);
        while (await reader.ReadAsync(TestContext.Current.CancellationToken))
        {
            lines.AddRange(AuditBlock.Decode((byte[])reader[0]).Select(e => e.Actor + " " + e.Action));
        }

        return lines;
    }
}
