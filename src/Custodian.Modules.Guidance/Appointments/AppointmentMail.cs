using System.ComponentModel.DataAnnotations;
using System.Globalization;
using System.Text;
using Custodian.Modules.Guidance.Clients;
using Custodian.Privacy.Abstractions.Messaging;
using Custodian.Privacy.Abstractions.Protection;
using Custodian.Privacy.Abstractions.Scheduling;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Custodian.Modules.Guidance.Appointments;

/// <summary>Settings of appointment mail (<c>Guidance:Appointments</c>).</summary>
internal sealed class AppointmentOptions
{
    public const string Section = "Guidance:Appointments";

    /// <summary>How long before the start the client is reminded.</summary>
    [Range(typeof(TimeSpan), "00:10:00", "14.00:00:00")]
    public TimeSpan RemindBefore { get; set; } = TimeSpan.FromHours(24);

    /// <summary>How often the scheduler looks for reminders and cancellations to send.</summary>
    [Range(typeof(TimeSpan), "00:00:10", "01:00:00")]
    public TimeSpan CheckEvery { get; set; } = TimeSpan.FromMinutes(5);
}

/// <summary>Sends due reminders and cancellation mails once across every instance (the kernel's scheduler claims the run).</summary>
internal sealed class AppointmentReminders(IOptions<AppointmentOptions> options) : IScheduledWork
{
    public string Name => "guidance.appointment-mail";

    public TimeSpan Every => options.Value.CheckEvery;

    public Task RunAsync(IServiceProvider services, CancellationToken cancellationToken) =>
        services.GetRequiredService<AppointmentMail>().SendDueAsync(cancellationToken);
}

/// <summary>
/// The reminder a set time before an appointment and the notice of its cancellation, in Finnish with English beside:
/// time, place or link, nothing else of the client or the record. Each mail is claimed in the row before it goes (a
/// conditional update only one run can win), so a restart, a second instance or a second round never sends it twice; a
/// mail the server refused is released and tried again at the next round.
/// </summary>
internal sealed partial class AppointmentMail(GuidanceDb db, IPersonalDataVault vault, IMailSender mail, IOptions<AppointmentOptions> options, TimeProvider clock, ILogger<AppointmentMail> logger)
{
    private static readonly CultureInfo Finnish = CultureInfo.GetCultureInfo("fi-FI");
    private static readonly CultureInfo English = CultureInfo.GetCultureInfo("en-GB");

    /// <summary>Sends every reminder and cancellation due now; returns how many mails went.</summary>
    public async Task<int> SendDueAsync(CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        var horizon = now + options.Value.RemindBefore;
        var reachable = db.Clients.Where(c => c.ClosedAtUtc == null && !c.Restricted && c.Email != null).Select(c => c.Id);
        var reminders = await db.Appointments
            .Where(a => a.CancelledAtUtc == null && a.ReminderSentAtUtc == null && a.StartsAtUtc > now && a.StartsAtUtc <= horizon && reachable.Contains(a.ClientId))
            .Select(a => a.Id).ToListAsync(cancellationToken);
        var cancellations = await db.Appointments
            .Where(a => a.CancelledAtUtc != null && a.CancellationMailedAtUtc == null && a.StartsAtUtc > now && reachable.Contains(a.ClientId))
            .Select(a => a.Id).ToListAsync(cancellationToken);
        var sent = 0;
        foreach (var id in reminders)
        {
            sent += await SendAsync(id, cancellation: false, cancellationToken) ? 1 : 0;
        }

        foreach (var id in cancellations)
        {
            sent += await SendCancellationAsync(id, cancellationToken) ? 1 : 0;
        }

        return sent;
    }

    public Task<bool> SendCancellationAsync(Guid appointmentId, CancellationToken cancellationToken) => SendAsync(appointmentId, cancellation: true, cancellationToken);

    private async Task<bool> SendAsync(Guid appointmentId, bool cancellation, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        var claimed = cancellation
            ? await db.Appointments.Where(a => a.Id == appointmentId && a.CancelledAtUtc != null && a.CancellationMailedAtUtc == null && a.StartsAtUtc > now)
                .ExecuteUpdateAsync(u => u.SetProperty(a => a.CancellationMailedAtUtc, now), cancellationToken)
            : await db.Appointments.Where(a => a.Id == appointmentId && a.CancelledAtUtc == null && a.ReminderSentAtUtc == null && a.StartsAtUtc > now)
                .ExecuteUpdateAsync(u => u.SetProperty(a => a.ReminderSentAtUtc, now), cancellationToken);
        if (claimed == 0)
        {
            return false;
        }

        var found = await (from a in db.Appointments
                           join v in db.AppointmentVersions on new { Id = a.Id, a.Version } equals new { Id = v.AppointmentId, v.Version }
                           join c in db.Clients on a.ClientId equals c.Id
                           where a.Id == appointmentId
                           select new { v, c }).AsNoTracking().SingleAsync(cancellationToken);
        var address = found.c.Email is null ? null : (await vault.OpenAsync(found.c.Email, CreateClient.Field("email", found.c.Id.ToString("N")), cancellationToken)).ValueOr(string.Empty);
        if (string.IsNullOrEmpty(address) || found.c.ClosedAtUtc is not null || found.c.Restricted)
        {
            return false;
        }

        var place = await OpenAsync(found.v.Place, "appointment_place", found.v, cancellationToken);
        var link = await OpenAsync(found.v.VideoLink, "appointment_link", found.v, cancellationToken);
        try
        {
            await mail.SendAsync(cancellation ? Cancellation(address, found.v.StartsAtUtc, found.v.EndsAtUtc, place, link) : Reminder(address, found.v.StartsAtUtc, found.v.EndsAtUtc, place, link), cancellationToken);
            return true;
        }
        catch (MailNotSentException e)
        {
            LogNotSent(logger, cancellation ? "cancellation" : "reminder", e.Message);
            await (cancellation
                ? db.Appointments.Where(a => a.Id == appointmentId).ExecuteUpdateAsync(u => u.SetProperty(a => a.CancellationMailedAtUtc, (DateTime?)null), cancellationToken)
                : db.Appointments.Where(a => a.Id == appointmentId).ExecuteUpdateAsync(u => u.SetProperty(a => a.ReminderSentAtUtc, (DateTime?)null), cancellationToken));
            return false;
        }
    }

    internal static OutgoingMail Reminder(string to, DateTime startsAtUtc, DateTime endsAtUtc, string? place, string? link) => new(to, "Muistutus tapaamisesta / Appointment reminder",
        Body("Muistutus tapaamisestasi", "Jos et pääse paikalle, ota yhteyttä valmentajaasi.", "A reminder of your appointment", "If you cannot come, please contact your coach.", startsAtUtc, endsAtUtc, place, link));

    internal static OutgoingMail Cancellation(string to, DateTime startsAtUtc, DateTime endsAtUtc, string? place, string? link) => new(to, "Tapaaminen on peruttu / Appointment cancelled",
        Body("Tapaamisesi on peruttu", "Valmentajasi sopii kanssasi tarvittaessa uuden ajan.", "Your appointment has been cancelled", "Your coach will agree a new time with you if needed.", startsAtUtc, endsAtUtc, place, link));

    private static string Body(string fiLead, string fiEnd, string enLead, string enEnd, DateTime startsAtUtc, DateTime endsAtUtc, string? place, string? link)
    {
        var (start, end) = (Custodian.Privacy.Abstractions.Time.LocalDays.HelsinkiTime(startsAtUtc), Custodian.Privacy.Abstractions.Time.LocalDays.HelsinkiTime(endsAtUtc));
        var text = new StringBuilder();
        text.Append(CultureInfo.InvariantCulture, $"{fiLead}: {start.ToString("dddd d.M.yyyy", Finnish)} klo {start.ToString("H.mm", Finnish)}–{end.ToString("H.mm", Finnish)} (Suomen aikaa).\n");
        text.Append(place is not null ? $"Paikka: {place}\n" : $"Videolinkki: {link}\n");
        text.Append(CultureInfo.InvariantCulture, $"{fiEnd}\n\n---\n\n");
        text.Append(CultureInfo.InvariantCulture, $"{enLead}: {start.ToString("dddd d MMMM yyyy", English)}, {start.ToString("HH:mm", English)}–{end.ToString("HH:mm", English)} (Finnish time).\n");
        text.Append(place is not null ? $"Place: {place}\n" : $"Video link: {link}\n");
        text.Append(CultureInfo.InvariantCulture, $"{enEnd}\n");
        return text.ToString();
    }

    private async Task<string?> OpenAsync(Encrypted<string>? value, string column, AppointmentVersionRecord version, CancellationToken cancellationToken) =>
        value is null ? null : (await vault.OpenAsync(value, AppointmentVersionRecord.Field(column, version.AppointmentId, version.Version), cancellationToken)).ValueOr(string.Empty);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Appointment {Kind} mail not sent, to be tried again at the next round ({Error})")]
    private static partial void LogNotSent(ILogger logger, string kind, string error);
}
