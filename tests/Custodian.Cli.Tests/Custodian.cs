using System.Diagnostics;
using Custodian.Testing;

namespace Custodian.Cli.Tests;

/// <summary>Runs the built <c>custodian</c> command as an operator would, in the web project's folder.</summary>
internal static class Custodian
{
    private static readonly string Dll = Path.Combine(
        AppContext.BaseDirectory.Replace(Path.Combine("tests", "Custodian.Cli.Tests"), Path.Combine("src", "Custodian.Cli"), StringComparison.Ordinal),
        "custodian.dll");

    /// <summary>Generous: a cold start on a loaded CI machine migrates every database first.</summary>
    private static readonly TimeSpan RunTimeout = TimeSpan.FromMinutes(5);

    /// <summary>Runs a verb to its end. What it printed goes to the test's output, so a failed assertion comes with it.</summary>
    public static async Task<Result> RunAsync(params string[] args)
    {
        using var process = Start(args);
        var exitCode = await process.WaitForExitAsync(RunTimeout, TestContext.Current.CancellationToken);
        return new Result(exitCode, process.Output, process.Error);
    }

    /// <summary>Starts a verb that keeps running (serve, a sync to be killed); dispose it to stop it.</summary>
    public static ChildProcess Start(params string[] args)
    {
        Assert.True(File.Exists(Dll), $"custodian.dll not built at {Dll}");
        var start = new ProcessStartInfo("dotnet")
        {
            WorkingDirectory = Path.Combine(Repository.Root, "src", "Custodian.Web"),
        };
        start.ArgumentList.Add(Dll);
        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }

        start.Environment["COLUMNS"] = "200";
        start.Environment["DOTNET_ENVIRONMENT"] = "Development";
        return ChildProcess.Start(start);
    }

    public sealed record Result(int ExitCode, string Output, string Error);
}
