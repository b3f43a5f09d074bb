using System.Globalization;
using System.Text;
using Custodian.Privacy.Abstractions.Messaging;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Custodian.Privacy.Requests;

/// <summary>
/// Reminds the responsible operators (<c>Privacy:Requests:ReminderTo</c>, a team address) once a day of open requests
/// that are overdue or due within <see cref="OpenRequests.DueSoonDays"/> days: references, kinds and due dates only.
/// </summary>
public sealed partial class RequestReminders(IServiceScopeFactory scopes, IConfiguration configuration, TimeProvider clock, ILogger<RequestReminders> logger) : BackgroundService
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

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(TimeSpan.FromDays(1), clock);
        while (await timer.WaitForNextTickAsync(stoppingToken))
        {
            try
            {
                await SendAsync(stoppingToken);
            }
            catch (MailNotSentException e)
            {
                ReminderFailed(logger, e.Message);
            }
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Request reminder not sent: {Reason}")]
    private static partial void ReminderFailed(ILogger logger, string reason);
}
