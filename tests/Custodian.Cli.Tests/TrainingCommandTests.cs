using System.Text;
using System.Text.Json;
using Custodian.Testing;

namespace Custodian.Cli.Tests;

/// <summary><c>custodian training sessions add|cancel</c>, <c>training cards issue</c> and <c>training export completions</c> as an operator runs them.</summary>
public sealed class TrainingCommandTests
{
    [Fact]
    public async Task An_operator_adds_and_cancels_a_session_and_exports_completions_to_a_file()
    {
        using var data = new TemporaryFolder();
        string[] args = ["--Storage:DataDirectory=" + data.Path, "--Simulators:Enabled=false"];
        Assert.Equal(0, (await Custodian.RunAsync(["training", "demo-seed", .. args])).ExitCode);
        var sessions = JsonDocument.Parse((await Custodian.RunAsync(["training", "sessions", "list", "--json", .. args])).Output).RootElement.EnumerateArray().ToList();
        var first = sessions[0].GetProperty("id").GetString()!;

        var cancelled = await Custodian.RunAsync(["training", "sessions", "cancel", "--session", first, .. args]);
        var again = await Custodian.RunAsync(["training", "sessions", "cancel", "--session", first, .. args]);
        var file = Path.Combine(data.Path, "completions.csv");
        var export = await Custodian.RunAsync(["training", "export", "completions", "--card-type", "tyoturvallisuuskortti", "--format", "csv", "--out", file, .. args]);
        var listed = JsonDocument.Parse((await Custodian.RunAsync(["training", "sessions", "list", "--json", .. args])).Output).RootElement.GetArrayLength();

        Assert.Equal((0, 2, 0), (cancelled.ExitCode, again.ExitCode, export.ExitCode));
        Assert.Equal("The session is cancelled already.\n", again.Error.ReplaceLineEndings("\n"));
        Assert.Equal(sessions.Count - 1, listed);
        Assert.Equal("\uFEFFhetu;last_name;first_name;card_type;issued_on;valid_until;certificate_number\r\n", Encoding.UTF8.GetString(await File.ReadAllBytesAsync(file, TestContext.Current.CancellationToken)));
        Assert.Contains("Wrote 0 completions.", export.Error, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("sessions add --course nope --starts 2026-12-14T08:00 --ends 2026-12-14T16:00 --place Tampere --capacity 10", "--course: not an id.")]
    [InlineData("sessions add --course 0197a0e0-0000-7000-8000-000000000001 --starts 14.12.2026 --ends 2026-12-14T16:00 --place Tampere --capacity 10", "--starts: write the Finnish local time as YYYY-MM-DDTHH:MM.")]
    [InlineData("sessions add --course 0197a0e0-0000-7000-8000-000000000001 --starts 2026-12-14T08:00 --ends 2026-12-14T16:00 --place Tampere --capacity 10", "Choose a course from the catalogue.")]
    [InlineData("cards issue --enrolment 0197a0e0-0000-7000-8000-000000000001", "No such record.")]
    [InlineData("export completions --card-type tyoturvallisuuskortti --format pdf --out x.pdf", "Choose CSV or XLSX.")]
    [InlineData("export completions --card-type no-such-card --format csv --out x.csv", "Choose a card type from the list.")]
    public async Task Bad_input_is_one_line_on_stderr_and_exit_code_2(string verb, string message)
    {
        using var data = new TemporaryFolder();
        var result = await Custodian.RunAsync(["training", .. verb.Split(' '), "--Storage:DataDirectory=" + data.Path, "--Simulators:Enabled=false"]);

        Assert.Equal(2, result.ExitCode);
        Assert.Equal(message + "\n", result.Error.ReplaceLineEndings("\n"));
        Assert.Empty(result.Output);
    }
}
