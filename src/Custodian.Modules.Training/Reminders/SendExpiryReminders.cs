using System.Globalization;
using Custodian.Modules.Training.Staff;
using Custodian.Privacy.Abstractions.Audit;
using Custodian.Privacy.Abstractions.Messaging;
using Custodian.Privacy.Abstractions.Protection;
using Custodian.Privacy.Abstractions.Time;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Custodian.Modules.Training.Reminders;

/// <summary><c>Training:Reminders</c>: how many days before a card expires its holder is reminded, and how often the round runs.</summary>
internal sealed class ReminderOptions
{
    public int DaysBefore { get; set; } = 60;

    public TimeSpan Every { get; set; } = TimeSpan.FromHours(6);
}

/// <summary>
/// Mails each card holder once, <see cref="ReminderOptions.DaysBefore"/> days before the card's last valid day, with a
/// link to upcoming sessions of the same card. A card is claimed by a conditional UPDATE of its reminder time before
/// the mail goes, so two instances never both send; a mail the server refuses releases the claim for the next round.
/// Not for restricted trainees, revoked cards, cards already renewed, or cards that never expire.
/// </summary>
internal sealed class SendExpiryReminders(TrainingDb db, IPersonalDataVault vault, IMailSender mail, IPublicLinks links, IAuditLog audit, TimeProvider clock, IOptions<ReminderOptions> options)
{
    public async Task<int> RemindAsync(CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        var today = LocalDays.Helsinki(now);
        var horizon = today.AddDays(options.Value.DaysBefore);
        var due = await (from c in db.Certificates.AsNoTracking()
                         join t in db.Trainees.AsNoTracking() on c.TraineeId equals t.Id
                         join k in db.CardTypes.AsNoTracking() on c.CardTypeKey equals k.Key
                         where c.ValidUntil != null && c.ValidUntil <= horizon && c.ValidUntil >= today && c.ReminderSentAtUtc == null && c.RevokedAtUtc == null && !t.Restricted
                         select new { c.Id, c.TraineeId, c.CardTypeKey, c.ValidUntil, t, k.NameFi, k.NameEn }).ToListAsync(cancellationToken);
        var holders = due.Select(d => d.TraineeId).Distinct().ToList();
        var renewed = await db.Certificates.AsNoTracking().Where(c => holders.Contains(c.TraineeId) && c.RevokedAtUtc == null)
            .Select(c => new { c.TraineeId, c.CardTypeKey, c.ValidUntil }).ToListAsync(cancellationToken);
        var sent = 0;
        foreach (var card in due.OrderBy(d => d.ValidUntil))
        {
            if (renewed.Any(r => r.TraineeId == card.TraineeId && r.CardTypeKey == card.CardTypeKey && (r.ValidUntil is null || r.ValidUntil > card.ValidUntil)))
            {
                continue;
            }

            var claimed = await db.Certificates.Where(c => c.Id == card.Id && c.ReminderSentAtUtc == null)
                .ExecuteUpdateAsync(u => u.SetProperty(c => c.ReminderSentAtUtc, now.UtcDateTime), cancellationToken);
            if (claimed == 0)
            {
                continue;
            }

            var address = await vault.OpenAsync(card.t.Email, TrainingFields.Trainee("email", card.t.Id), cancellationToken);
            if (address.IsErased)
            {
                continue;
            }

            var until = card.ValidUntil!.Value.ToString("d.M.yyyy", CultureInfo.InvariantCulture);
            var sessions = links.Link("/training?card=" + Uri.EscapeDataString(card.CardTypeKey));
            var body = $"""
                Hei,

                korttisi {card.NameFi} on voimassa {until} asti. Uusi se ajoissa: tulevat kurssit {sessions}

                Hello,

                your {card.NameEn} is valid until {until}. Renew it in time: upcoming courses {sessions}
                """;
            try
            {
                await mail.SendAsync(new OutgoingMail(address.Value!, $"Korttisi vanhenee {until} / Your card expires on {until}", body), cancellationToken);
            }
            catch (MailNotSentException)
            {
                await db.Certificates.Where(c => c.Id == card.Id).ExecuteUpdateAsync(u => u.SetProperty(c => c.ReminderSentAtUtc, (DateTime?)null), CancellationToken.None);
                continue;
            }

            await audit.AppendAsync(new AuditEvent("system", "training send expiry reminder", card.t.SubjectId, TrainingModule.Register, "expiry-reminders"), cancellationToken);
            sent++;
        }

        return sent;
    }
}

/// <summary>The scheduled round of expiry reminders, run by one instance at a time (ADR 0015).</summary>
internal sealed class ExpiryReminders(IOptions<ReminderOptions> options) : Privacy.Abstractions.Scheduling.IScheduledWork
{
    public string Name => "training.expiry-reminders";

    public TimeSpan Every => options.Value.Every;

    public Task RunAsync(IServiceProvider services, CancellationToken cancellationToken) =>
        Microsoft.Extensions.DependencyInjection.ServiceProviderServiceExtensions.GetRequiredService<SendExpiryReminders>(services).RemindAsync(cancellationToken);
}
