using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;

namespace Custodian.Simulators;

/// <summary>
/// Failures real APIs show, switched on by configuration: every Nth request fails with a server error, every
/// Mth answers after a delay, a body cut off mid-JSON. Counting (not randomness) keeps tests reproducible.
/// </summary>
public sealed record SimulatedFaults
{
    /// <summary>When above zero, every Nth request answers <see cref="ServerErrorStatus"/>.</summary>
    public int ServerErrorEvery { get; init; }

    public int ServerErrorStatus { get; init; } = StatusCodes.Status503ServiceUnavailable;

    /// <summary>When above zero, every Nth request waits <see cref="Delay"/> before it is answered.</summary>
    public int SlowEvery { get; init; }

    public TimeSpan Delay { get; init; } = TimeSpan.FromSeconds(2);

    /// <summary>When above zero, every Nth successful JSON body is cut in half.</summary>
    public int TruncateEvery { get; init; }
}

public static class SimulatedFaultsMiddleware
{
    public static IApplicationBuilder UseSimulatedFaults(this IApplicationBuilder app, SimulatedFaults faults)
    {
        ArgumentNullException.ThrowIfNull(faults);
        long counter = 0;
        return app.Use(async (context, next) =>
        {
            var n = Interlocked.Increment(ref counter);
            if (faults.SlowEvery > 0 && n % faults.SlowEvery == 0)
            {
                await Task.Delay(faults.Delay, context.RequestAborted);
            }

            if (faults.ServerErrorEvery > 0 && n % faults.ServerErrorEvery == 0)
            {
                context.Response.StatusCode = faults.ServerErrorStatus;
                await context.Response.WriteAsync("simulated failure", context.RequestAborted);
                return;
            }

            if (faults.TruncateEvery <= 0 || n % faults.TruncateEvery != 0)
            {
                await next(context);
                return;
            }

            var original = context.Response.Body;
            using var buffer = new MemoryStream();
            context.Response.Body = buffer;
            try
            {
                await next(context);
            }
            finally
            {
                context.Response.Body = original;
            }

            var half = (int)(buffer.Length / 2);
            context.Response.ContentLength = half;
            await original.WriteAsync(buffer.GetBuffer().AsMemory(0, half), context.RequestAborted);
        });
    }
}
