using System.Globalization;
using Custodian.Modules.Billing.Payers;
using Custodian.Modules.Billing.Plans;
using Custodian.Privacy.Abstractions.Messaging;
using Custodian.Privacy.Abstractions.Protection;
using Custodian.Privacy.Abstractions.Subscriptions;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Custodian.Modules.Billing.Renewals;

/// <summary>
/// Reminds payers by e-mail to pay for the next period before their paid plan ends (on each of the configured days
/// before, and once on the first day of grace), in Russian or in English when the seller reads English: the plan, the
/// day its paid time ends, what the next period costs and a renewal link that needs no sign-in. Each stage of a
/// period's end is claimed in the database before its mail goes out, so it goes at most once; a mail the server refused
/// gives its claim back and is tried again next round. The plan-end messages in Telegram stay the marketplace's.
/// </summary>
internal sealed partial class SendRenewalReminders(
    BillingDb db, ChoosePlan plans, ReadPayer payers, IMailSender mail, IPublicLinks links, IStringLocalizer<BillingText> texts,
    IOptions<RenewalReminderOptions> options, TimeProvider clock, ILogger<SendRenewalReminders> log)
{
    public const string GraceStage = "grace";

    /// <summary>Sends the reminders due now; returns how many went out.</summary>
    public async Task<int> RemindAsync(CancellationToken cancellationToken)
    {
        var days = options.Value.Days() ?? [];
        var candidates = await db.Payers.AsNoTracking().Where(p => p.Country == "RU" && !p.Restricted).Select(p => p.Account).ToListAsync(cancellationToken);
        var (sent, failed) = (0, 0);
        foreach (var account in candidates)
        {
            var now = clock.GetUtcNow();
            if (await plans.StandingAsync(account, cancellationToken) is not { } standing || Due(standing, now, days, options.Value.OnFirstGraceDay) is not { } stage)
            {
                continue;
            }

            var periodEnd = CancelRenewal.PaidUntil(standing).UtcDateTime;
            if (await db.RenewalCancellations.AnyAsync(c => c.Account == account && c.PeriodEndUtc == periodEnd, cancellationToken)
                || await db.RenewalReminders.AnyAsync(r => r.Account == account && r.PeriodEndUtc == periodEnd && r.Stage == stage, cancellationToken))
            {
                continue;
            }

            var cycle = await db.PlanOrders.AsNoTracking().Where(o => o.Account == account && o.PlanId == standing.PlanId)
                .OrderByDescending(o => o.OrderedAtUtc).Select(o => (BillingCycle?)o.Cycle).FirstOrDefaultAsync(cancellationToken) ?? BillingCycle.Monthly;
            var culture = CultureInfo.GetCultureInfo(standing.Language == "en" ? "en" : "ru");
            var (quote, _) = await plans.QuoteAsync(account, standing.PlanId, cycle == BillingCycle.Annual ? "annual" : "monthly", culture, cancellationToken);
            if (quote is null || await payers.ForAccountAsync(account, cancellationToken) is not { Email: { Length: > 0 } email })
            {
                continue; // the plan is no longer sold or the payer has no e-mail: nothing to remind with
            }

            var (token, hash) = OneTimeTokens.New();
            var reminder = new RenewalReminderRecord
            {
                Id = Guid.CreateVersion7(now),
                Account = account,
                PeriodEndUtc = periodEnd,
                Stage = stage,
                PlanId = standing.PlanId,
                Cycle = cycle,
                TokenHash = hash,
                ExpiresAtUtc = now.UtcDateTime.AddDays(options.Value.LinkDays),
            };
            db.RenewalReminders.Add(reminder);
            try
            {
                await db.SaveChangesAsync(cancellationToken);
            }
            catch (DbUpdateException)
            {
                db.ChangeTracker.Clear(); // claimed by another round meanwhile
                continue;
            }

            try
            {
                await mail.SendAsync(Compose(email, stage, standing, quote, links.Link("/billing/renew/" + token), reminder.ExpiresAtUtc, culture), cancellationToken);
                reminder.SentAtUtc = clock.GetUtcNow().UtcDateTime;
                await db.SaveChangesAsync(cancellationToken);
                sent++;
            }
            catch (MailNotSentException e)
            {
                LogNotSent(log, stage, e.Message);
                db.RenewalReminders.Remove(reminder); // give the claim back: the next round tries again
                await db.SaveChangesAsync(cancellationToken);
                failed++;
            }
        }

        if (sent + failed > 0)
        {
            LogRound(log, sent, failed);
        }

        return sent;
    }

    /// <summary>The stage of reminder due now for this standing, or null: the smallest configured day the end is within, or the first day of grace.</summary>
    internal static string? Due(PlanStanding standing, DateTimeOffset now, IReadOnlyList<int> daysBefore, bool onFirstGraceDay)
    {
        if (standing.PlanId == PlanTerms.TrialId || !standing.Active)
        {
            return null;
        }

        if (standing.EndsAt > now)
        {
            var left = standing.EndsAt - now;
            return daysBefore.Where(d => left <= TimeSpan.FromDays(d)).Select(d => (int?)d).Min() is { } day
                ? day.ToString(CultureInfo.InvariantCulture) + "d"
                : null;
        }

        // Active after the end: the grace days run.
        return onFirstGraceDay && now - standing.EndsAt < TimeSpan.FromDays(1) ? GraceStage : null;
    }

    private OutgoingMail Compose(string to, string stage, PlanStanding standing, PlanQuote quote, string link, DateTime expiresAtUtc, CultureInfo culture)
    {
        var (ui, formatting) = (CultureInfo.CurrentUICulture, CultureInfo.CurrentCulture);
        try
        {
            (CultureInfo.CurrentUICulture, CultureInfo.CurrentCulture) = (culture, culture);
            var ends = Privacy.Abstractions.Time.LocalDays.Moscow(standing.EndsAt).ToString("d", culture);
            var until = Privacy.Abstractions.Time.LocalDays.Moscow(new DateTimeOffset(expiresAtUtc, TimeSpan.Zero)).ToString("d", culture);
            var amount = ChoosePlan.Money(quote.Amount, culture);
            var period = quote.Months == 12 ? texts["a year"].Value : texts["a month"].Value;
            var subject = stage == GraceStage
                ? texts["Plan {0}: the paid time has ended", quote.Plan.Name].Value
                : texts["Plan {0}: the paid time ends on {1}", quote.Plan.Name, ends].Value;
            var opening = stage == GraceStage
                ? texts["The paid time of plan {0} ended on {1}. The plan runs on for a few days; then collection pauses (everything collected is kept).", quote.Plan.Name, ends].Value
                : texts["The paid time of plan {0} ends on {1}.", quote.Plan.Name, ends].Value;
            var body = string.Join(
                "\n\n",
                texts["Hello!"].Value,
                opening,
                texts["The next period ({0}) costs {1}. Pay online by card or SBP here, no sign-in needed (the link works until {2}):", period, amount, until].Value,
                link,
                texts["If you do not want to renew, cancel the renewal on the plans page: {0}", links.Link("/billing/plans")].Value,
                texts["This message was sent because this address is the contact for invoices in your billing details."].Value);
            return new OutgoingMail(to, subject, body);
        }
        finally
        {
            (CultureInfo.CurrentUICulture, CultureInfo.CurrentCulture) = (ui, formatting);
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Renewal reminders: {Sent} sent, {Failed} not sent (tried again next round)")]
    private static partial void LogRound(ILogger logger, int sent, int failed);

    [LoggerMessage(Level = LogLevel.Warning, Message = "A renewal reminder ({Stage}) was not sent: {Reason}")]
    private static partial void LogNotSent(ILogger logger, string stage, string reason);
}
