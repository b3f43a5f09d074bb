using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;

namespace Custodian.Web.Tests.Routes;

/// <summary>Keeps the exceptions the app logs as errors (unhandled ones included), so a 5xx in a test names its cause.</summary>
public sealed class ServerErrors : ILoggerProvider
{
    private readonly ConcurrentQueue<string> _errors = new();

    public IReadOnlyCollection<string> Errors => _errors;

    /// <summary>Takes the errors logged since the last call.</summary>
    public IReadOnlyList<string> Take()
    {
        var taken = new List<string>();
        while (_errors.TryDequeue(out var error))
        {
            taken.Add(error);
        }

        return taken;
    }

    public ILogger CreateLogger(string categoryName) => new Recorder(categoryName, _errors);

    public void Dispose()
    {
    }

    private sealed class Recorder(string category, ConcurrentQueue<string> errors) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => logLevel >= LogLevel.Error;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            if (logLevel >= LogLevel.Error)
            {
                var where = exception?.StackTrace?.Split('\n').FirstOrDefault(l => l.Contains("Custodian.", StringComparison.Ordinal))?.Trim();
                errors.Enqueue($"{category}: {exception?.GetType().Name} {exception?.Message} {where}".Trim());
            }
        }
    }
}
