namespace Custodian.Cli.Tests;

public sealed class RequestsDueTests
{
    private const string NoData = "--Storage:DataDirectory=/nonexistent/never-created";

    [Theory]
    [InlineData("gdpr", "2026-08-31", false, "2026-09-30")]
    [InlineData("gdpr", "2026-03-05", false, "2026-04-07")]
    [InlineData("gdpr", "2026-01-31", true, "2026-04-30")]
    [InlineData("152fz", "2025-12-25", false, "2026-01-20")]
    [InlineData("152fz", "2026-11-23", true, "2026-12-14")]
    public async Task Prints_the_due_date_alone_and_exits_0(string law, string received, bool extended, string due)
    {
        string[] args = extended ? ["requests", "due", "--law", law, "--received", received, "--extended", NoData] : ["requests", "due", "--law", law, "--received", received, NoData];

        var result = await Custodian.RunAsync(args);

        Assert.Equal(0, result.ExitCode);
        Assert.Equal(due + "\n", result.Output);
    }

    [Fact]
    public async Task A_kind_with_its_own_152fz_period_is_honoured_and_cannot_be_extended()
    {
        var withdrawal = await Custodian.RunAsync("requests", "due", "--law", "152fz", "--received", "2026-12-02", "--kind", "consent-withdrawal", NoData);
        var extended = await Custodian.RunAsync("requests", "due", "--law", "152fz", "--received", "2026-12-02", "--kind", "rectification", "--extended", NoData);

        Assert.Equal((0, "2027-01-11\n"), (withdrawal.ExitCode, withdrawal.Output));
        Assert.Equal(2, extended.ExitCode);
        Assert.StartsWith("152-FZ allows no extension for a Rectification request.", extended.Error, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("152fz", "2031-04-01", "The Russian production calendar for 2031 is not known (known years: 2025, 2026, 2027); add the data file ru-2031.json.")]
    [InlineData("gdpr", "2024-12-31", "The Finnish public-holiday calendar for 2024 is not known (known years: 2025, 2026, 2027, 2028); add the data file fi-2024.json.")]
    [InlineData("gdpr", "2026-02-30", "'2026-02-30' is not a date; write the day the request was received as YYYY-MM-DD, e.g. 2026-03-05.")]
    [InlineData("gdpr", "05.03.2026", "'05.03.2026' is not a date; write the day the request was received as YYYY-MM-DD, e.g. 2026-03-05.")]
    [InlineData("hipaa", "2026-03-05", "Unknown law 'hipaa'; use gdpr or 152fz.")]
    public async Task A_date_outside_the_calendars_or_a_bad_value_says_why_and_exits_2(string law, string received, string message)
    {
        var result = await Custodian.RunAsync("requests", "due", "--law", law, "--received", received, NoData);

        Assert.Equal(2, result.ExitCode);
        Assert.Equal(string.Empty, result.Output);
        Assert.StartsWith(message + "\n", result.Error, StringComparison.Ordinal);
    }
}
