using Custodian.Privacy.Abstractions.Scheduling;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace Custodian.Modules.Training.Invoicing;

/// <summary>
/// Invoices the employers of sessions that ended (<c>Training:Invoicing:Every</c>, hourly by default; once across every
/// instance, ADR 0015). Looks back <c>Training:Invoicing:LookBackDays</c> (30) so a session is still invoiced after an
/// outage, without scanning the whole history each hour. Concurrent runs are safe anyway: the request key is unique.
/// </summary>
internal sealed class InvoiceEndedSessions(IConfiguration configuration) : IScheduledWork
{
    public const string System = "system:training-invoicing";

    public string Name => "training.invoice-ended-sessions";

    public TimeSpan Every => configuration.GetValue("Training:Invoicing:Every", TimeSpan.FromHours(1));

    public async Task RunAsync(IServiceProvider services, CancellationToken cancellationToken)
    {
        var db = services.GetRequiredService<TrainingDb>();
        var now = services.GetRequiredService<TimeProvider>().GetUtcNow().UtcDateTime;
        var since = now.AddDays(-configuration.GetValue("Training:Invoicing:LookBackDays", 30));
        var sessions = await db.Sessions.AsNoTracking()
            .Where(s => s.CancelledAtUtc == null && s.EndsAtUtc <= now && s.EndsAtUtc > since)
            .Where(s => db.Enrolments.Any(e => e.SessionId == s.Id && e.EmployerId != null && e.Status == Enrolment.EnrolmentStatus.Enrolled
                && !db.Invoices.Any(i => i.SessionId == s.Id && i.EmployerId == e.EmployerId)))
            .OrderBy(s => s.EndsAtUtc).Select(s => s.Id)
            .ToListAsync(cancellationToken);
        var invoicing = services.GetRequiredService<RequestEmployerInvoices>();
        foreach (var session in sessions)
        {
            await invoicing.ForSessionAsync(session, System, cancellationToken);
        }
    }
}
