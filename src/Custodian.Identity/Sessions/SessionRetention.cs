using Custodian.Privacy.Abstractions.Scheduling;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Custodian.Identity.Sessions;

/// <summary>
/// Deletes ended sessions (the access log: addresses and devices) once <see cref="SessionOptions.KeepEnded"/> has
/// passed, and spent staff sign-in records (failures, used or expired enrolment links) after a day.
/// </summary>
internal sealed class SessionRetention(IOptions<SessionOptions> options, TimeProvider clock) : IScheduledWork
{
    public string Name => "identity.retention";

    public TimeSpan Every => TimeSpan.FromHours(6);

    public async Task RunAsync(IServiceProvider services, CancellationToken cancellationToken)
    {
        var db = services.GetRequiredService<IdentityDb>();
        var now = clock.GetUtcNow().UtcDateTime;
        var endedBefore = now - options.Value.KeepEnded;
        await db.Sessions.Where(s => (s.EndedAtUtc != null && s.EndedAtUtc < endedBefore) || (s.EndedAtUtc == null && s.ExpiresAtUtc < endedBefore))
            .ExecuteDeleteAsync(cancellationToken);
        var dayAgo = now.AddDays(-1);
        await db.SignInFailures.Where(f => f.AtUtc < dayAgo).ExecuteDeleteAsync(cancellationToken);
        await db.EnrolmentLinks.Where(l => l.ExpiresAtUtc < dayAgo).ExecuteDeleteAsync(cancellationToken);
    }
}
