using System.Globalization;
using System.Text;
using Custodian.Privacy.Abstractions.Messaging;
using Custodian.Privacy.Abstractions.Scheduling;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace Custodian.Privacy.Requests;

/// <summary>
/// Reminds the responsible operators (<c>Privacy:Requests:ReminderTo</c>, a team address) once a day of open requests
/// that are overdue or due within <see cref="OpenRequests.DueSoonDays"/> days: references, kinds and due dates only.
/// Once a day across all instances; a mail server that refuses is reported in health and retried.
/// </summary>
public sealed class RequestReminders(IServiceScopeFactory scopes, IConfiguration configuration) : IScheduledWork
{
    public const string RecipientSetting = "Privacy:Requests:ReminderTo";

    /// <summary>Sends the reminder now if anything needs attention; returns how many requests it listed.</summary>
    public async Task<int> SendAsync(CancellationToken cancellationToken)
    {
        if (configuration[RecipientSetting] is not { Length: > 0 } recipient)
        {
            return 0;
        }

        await using var scope = scopes.CreateAsyncScope();
        var urgent = (await scope.ServiceProvider.GetRequiredService<OpenRequests>().ListAsync(includeClosed: false, cancellationToken)).Where(r => r.Overdue || r.DueSoon).ToList();
        if (urgent.Count == 0)
        {
            return 0;
        }

        var body = new StringBuilder("Data-subject requests that need an answer soon:\n\n");
        foreach (var row in urgent)
        {
            body.Append(CultureInfo.InvariantCulture, $"{row.Reference}  {row.Register}  {row.Kind}  {row.Status}  due {row.DueOn:yyyy-MM-dd}  {(row.Overdue ? $"OVERDUE by {-row.DaysLeft} day(s)" : $"{row.DaysLeft} day(s) left")}\n");
        }

        var links = scope.ServiceProvider.GetRequiredService<Messaging.PublicLinks>();
        body.Append(CultureInfo.InvariantCulture, $"\nOpen the console: {links.To("/operator/requests")}\n");
        var overdue = urgent.Count(r => r.Overdue);
        await scope.ServiceProvider.GetRequiredService<IMailSender>().SendAsync(
            new OutgoingMail(recipient, string.Create(CultureInfo.InvariantCulture, $"Privacy requests: {overdue} overdue, {urgent.Count - overdue} due soon"), body.ToString()), cancellationToken);
        return urgent.Count;
    }

    public string Name => "privacy.request-reminders";

    public TimeSpan Every => TimeSpan.FromDays(1);

    public Task RunAsync(IServiceProvider services, CancellationToken cancellationToken) => SendAsync(cancellationToken);
}
