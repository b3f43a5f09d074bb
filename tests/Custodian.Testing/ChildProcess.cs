using System.Diagnostics;
using System.Text;
using Xunit;

namespace Custodian.Testing;

/// <summary>
/// A process a test starts. Its stdout and stderr are read as they come (a full pipe would stall the process) and kept,
/// so a failing test can say what the process printed and how it ended: every failure this class raises carries the
/// transcript, and disposing writes it to the test's output (shown with a failed test) and kills what still runs.
/// </summary>
public sealed class ChildProcess : IDisposable
{
    private const int KeptCharacters = 64 * 1024;

    private readonly Process _process;
    private readonly StringBuilder _output = new();
    private readonly StringBuilder _error = new();
    private readonly Task _pumps;
    private bool _disposed;

    private ChildProcess(Process process, string commandLine)
    {
        _process = process;
        CommandLine = commandLine;
        _pumps = Task.WhenAll(PumpAsync(process.StandardOutput, _output), PumpAsync(process.StandardError, _error));
    }

    public string CommandLine { get; }

    public int Id => _process.Id;

    public bool HasExited => _process.HasExited;

    /// <summary>The exit code; only once <see cref="HasExited"/>.</summary>
    public int ExitCode => _process.ExitCode;

    /// <summary>Everything the process wrote to stdout so far.</summary>
    public string Output => Snapshot(_output);

    /// <summary>Everything the process wrote to stderr so far.</summary>
    public string Error => Snapshot(_error);

    public static ChildProcess Start(ProcessStartInfo start)
    {
        ArgumentNullException.ThrowIfNull(start);
        start.RedirectStandardOutput = true;
        start.RedirectStandardError = true;
        start.UseShellExecute = false;
        var commandLine = string.Join(' ', new[] { start.FileName }.Concat(start.ArgumentList).Select(Quote));
        var process = Process.Start(start) ?? throw new InvalidOperationException($"Could not start `{commandLine}`.");
        return new ChildProcess(process, commandLine);
    }

    /// <summary>Waits for the process to end (and its output to be read to the end); fails with the transcript after <paramref name="timeout"/>.</summary>
    public async Task<int> WaitForExitAsync(TimeSpan timeout, CancellationToken cancellationToken)
    {
        using var limit = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        limit.CancelAfter(timeout);
        try
        {
            await _process.WaitForExitAsync(limit.Token);
            await _pumps.WaitAsync(limit.Token);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            Kill();
            Assert.Fail($"Still running after {timeout.TotalSeconds:0} s, killed.\n{Describe()}");
        }

        return _process.ExitCode;
    }

    /// <summary>
    /// Polls <paramref name="probe"/> until it gives a value. Fails with the transcript as soon as the process exits,
    /// or after <paramref name="timeout"/>; a probe that throws is retried (the process may not be listening yet).
    /// </summary>
    public async Task<T> WaitForAsync<T>(Func<CancellationToken, Task<T?>> probe, TimeSpan timeout, string what, CancellationToken cancellationToken)
        where T : class
    {
        ArgumentNullException.ThrowIfNull(probe);
        var deadline = TimeProvider.System.GetUtcNow() + timeout;
        Exception? last = null;
        while (true)
        {
            if (_process.HasExited)
            {
                await _pumps.WaitAsync(TimeSpan.FromSeconds(10), cancellationToken);
                Assert.Fail($"Exited before {what}.\n{Describe()}");
            }

            try
            {
                if (await probe(cancellationToken) is { } value)
                {
                    return value;
                }
            }
            catch (Exception e) when (!cancellationToken.IsCancellationRequested)
            {
                last = e;
            }

            if (TimeProvider.System.GetUtcNow() > deadline)
            {
                Assert.Fail($"No {what} after {timeout.TotalSeconds:0} s (last attempt: {last?.GetType().Name}: {last?.Message}).\n{Describe()}");
            }

            await Task.Delay(TimeSpan.FromMilliseconds(200), cancellationToken);
        }
    }

    /// <summary>Kills the process and everything it started (SIGKILL: no clean-up of any kind).</summary>
    public void Kill()
    {
        try
        {
            _process.Kill(entireProcessTree: true);
        }
        catch (InvalidOperationException)
        {
            // Already gone.
        }
    }

    /// <summary>The command, how it ended, and what it printed.</summary>
    public string Describe()
    {
        var state = _process.HasExited ? $"exited with code {_process.ExitCode}" : $"still running (pid {_process.Id})";
        return $"`{CommandLine}` {state}.\n--- stdout ---\n{Tail(Output)}\n--- stderr ---\n{Tail(Error)}\n--- end ---";
    }

    public void Dispose()
    {
        if (_disposed)
        {
            return;
        }

        _disposed = true;
        if (!_process.HasExited)
        {
            Kill();
            _process.WaitForExit(TimeSpan.FromSeconds(10));
        }

        _pumps.Wait(TimeSpan.FromSeconds(10));
        TestContext.Current.TestOutputHelper?.WriteLine(Describe());
        _process.Dispose();
    }

    private static async Task PumpAsync(StreamReader reader, StringBuilder into)
    {
        var buffer = new char[4096];
        int read;
        while ((read = await reader.ReadAsync(buffer)) > 0)
        {
            lock (into)
            {
                into.Append(buffer, 0, read);
            }
        }
    }

    private static string Snapshot(StringBuilder text)
    {
        lock (text)
        {
            return text.ToString();
        }
    }

    private static string Tail(string text) =>
        text.Length <= KeptCharacters ? text : $"[… {text.Length - KeptCharacters} characters before]\n" + text[^KeptCharacters..];

    private static string Quote(string argument) =>
        argument.Length > 0 && !argument.Any(c => char.IsWhiteSpace(c) || c is '"' or '\'') ? argument : "'" + argument.Replace("'", "'\\''", StringComparison.Ordinal) + "'";
}
