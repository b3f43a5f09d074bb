using System.Diagnostics;
using Custodian.Testing;

namespace Custodian.Cli.Tests;

/// <summary>Runs the built <c>custodian</c> command as an operator would, in the web project's folder.</summary>
internal static class Custodian
{
    private static readonly string Dll = Path.Combine(
        AppContext.BaseDirectory.Replace(Path.Combine("tests", "Custodian.Cli.Tests"), Path.Combine("src", "Custodian.Cli"), StringComparison.Ordinal),
        "custodian.dll");

    public static async Task<Result> RunAsync(params string[] args)
    {
        using var process = Start(args);
        var stdout = process.StandardOutput.ReadToEndAsync(TestContext.Current.CancellationToken);
        var stderr = process.StandardError.ReadToEndAsync(TestContext.Current.CancellationToken);
        await process.WaitForExitAsync(TestContext.Current.CancellationToken);
        return new Result(process.ExitCode, await stdout, await stderr);
    }

    public static Process Start(params string[] args)
    {
        Assert.True(File.Exists(Dll), $"custodian.dll not built at {Dll}");
        var start = new ProcessStartInfo("dotnet")
        {
            WorkingDirectory = Path.Combine(Repository.Root, "src", "Custodian.Web"),
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add(Dll);
        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }

        start.Environment["COLUMNS"] = "200";
        start.Environment["DOTNET_ENVIRONMENT"] = "Development";
        return Process.Start(start)!;
    }

    public sealed record Result(int ExitCode, string Output, string Error);
}
