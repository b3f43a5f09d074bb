using System.Diagnostics;
using Custodian.Testing;

namespace Custodian.Cli.Tests;

/// <summary>Runs the built <c>custodian</c> command as an operator would: by default in the web project's folder, 200 columns wide.</summary>
internal static class Custodian
{
    private static readonly string Dll = Path.Combine(
        AppContext.BaseDirectory.Replace(Path.Combine("tests", "Custodian.Cli.Tests"), Path.Combine("src", "Custodian.Cli"), StringComparison.Ordinal),
        "custodian.dll");

    /// <summary>The folder the command is built into (with its own appsettings.json), as a published copy would be.</summary>
    public static string Folder => Path.GetDirectoryName(Dll)!;

    /// <summary>Generous: a cold start on a loaded CI machine migrates every database first.</summary>
    private static readonly TimeSpan RunTimeout = TimeSpan.FromMinutes(5);

    public static Task<Result> RunAsync(params string[] args) => RunAsync(Terminal.SourceTree, args);

    /// <summary>Runs a verb to its end. What it printed goes to the test's output, so a failed assertion comes with it.</summary>
    public static async Task<Result> RunAsync(Terminal terminal, params string[] args)
    {
        using var process = Start(terminal, args);
        var exitCode = await process.WaitForExitAsync(RunTimeout, TestContext.Current.CancellationToken);
        return new Result(exitCode, process.Output, process.Error);
    }

    /// <summary>Starts a verb that keeps running (serve, a sync to be killed); dispose it to stop it.</summary>
    public static ChildProcess Start(params string[] args) => Start(Terminal.SourceTree, args);

    public static ChildProcess Start(Terminal terminal, params string[] args)
    {
        ArgumentNullException.ThrowIfNull(terminal);
        Assert.True(File.Exists(Dll), $"custodian.dll not built at {Dll}");
        var start = new ProcessStartInfo("dotnet")
        {
            WorkingDirectory = terminal.WorkingDirectory ?? Path.Combine(Repository.Root, "src", "Custodian.Web"),
        };
        start.ArgumentList.Add(Dll);
        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }

        start.Environment["COLUMNS"] = terminal.Columns.ToString(System.Globalization.CultureInfo.InvariantCulture);
        start.Environment["DOTNET_ENVIRONMENT"] = terminal.Environment;
        return ChildProcess.Start(start);
    }

    /// <param name="WorkingDirectory">Where the command runs (null: <c>src/Custodian.Web</c>, whose appsettings.json has the embedded defaults).</param>
    public sealed record Terminal(string? WorkingDirectory = null, int Columns = 200, string Environment = "Development")
    {
        public static readonly Terminal SourceTree = new();
    }

    public sealed record Result(int ExitCode, string Output, string Error)
    {
        public override string ToString() => $"exit {ExitCode}\n--- stdout\n{Output}\n--- stderr\n{Error}";
    }
}
