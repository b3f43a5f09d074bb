using Custodian.Testing;

namespace Custodian.Cli.Tests;

public sealed class RetentionCommandTests
{
    [Fact]
    public async Task Plan_run_and_acts_work_on_a_fresh_installation()
    {
        using var data = new TemporaryFolder();
        var folder = "--Storage:DataDirectory=" + data.Path;

        var plan = await Custodian.RunAsync("retention", "plan", folder);
        var run = await Custodian.RunAsync("retention", "run", folder);
        var acts = await Custodian.RunAsync("retention", "acts", "--format", "csv", folder);

        Assert.Equal((0, 0, 0), (plan.ExitCode, run.ExitCode, acts.ExitCode));
        Assert.Matches(@"\d+ rules checked; 0 records due, 0 held, 0 would be destroyed or anonymised\.", plan.Output);
        Assert.Matches(@"\d+ rules checked; 0 records due, 0 held, 0 destroyed or anonymised\.", run.Output);
        Assert.Equal("number,performed_at_utc,operator,register,category,fields,records,subjects,media,method,reason,performed_by\r\n", acts.Output);
    }

    [Fact]
    public async Task An_unknown_act_format_exits_2()
    {
        using var data = new TemporaryFolder();

        var result = await Custodian.RunAsync("retention", "acts", "--format", "xml", "--Storage:DataDirectory=" + data.Path);

        Assert.Equal(2, result.ExitCode);
        Assert.StartsWith("--format: 'xml' is not one of table, csv, pdf, json.", result.Error, StringComparison.Ordinal);
    }
}
