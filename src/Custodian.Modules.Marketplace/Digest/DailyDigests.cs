using Custodian.Modules.Marketplace.Sellers;
using Custodian.Modules.Marketplace.Telegram;
using Custodian.Privacy.Abstractions.Messaging;
using Custodian.Privacy.Abstractions.Protection;
using Custodian.Privacy.Abstractions.Time;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Custodian.Modules.Marketplace.Digest;

/// <summary>
/// Sends yesterday's digest (Moscow days) to every person who switched it on, from <see cref="DigestOptions.SendHour"/>
/// Moscow time, once per person and day: the (seller, day) row is written before anything goes out, and a second
/// instance or a rerun after a restart that meets the row leaves the person alone. Team members are sellers of their
/// own and get their own digest over the accounts they see. Restricted, closed and unconfirmed sellers get none.
/// </summary>
internal sealed partial class DailyDigests(
    MarketplaceDb db, DigestReport report, TelegramMessenger messenger, IMailSender mail, IPersonalDataVault vault, IPublicLinks links,
    IOptions<DigestOptions> options, TimeProvider clock, ILogger<DailyDigests> log)
{
    /// <summary>Sent-log rows (and with them the mails' unsubscribe links) are kept this long.</summary>
    public const int KeepDays = 60;

    /// <summary>Sends the digests due now; returns how many people got one.</summary>
    public async Task<int> SendAsync(CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        if ((now + LocalDays.MoscowOffset).Hour < options.Value.SendHour)
        {
            return 0;
        }

        var day = LocalDays.Moscow(now).AddDays(-1);
        var done = await db.DigestsSent.AsNoTracking().Where(s => s.Day == day).Select(s => s.SellerId).ToListAsync(cancellationToken);
        var wanted = await db.DigestPreferences.AsNoTracking().Where(p => (p.Telegram || p.Email) && !EF.Parameter(done).Contains(p.SellerId)).ToListAsync(cancellationToken);
        var (sent, failed) = (0, 0);
        foreach (var preference in wanted)
        {
            if (await db.Sellers.AsNoTracking().FirstOrDefaultAsync(s => s.Id == preference.SellerId && s.Status == SellerStatus.Active && !s.Restricted, cancellationToken) is not { } seller)
            {
                continue;
            }

            var previous = await db.DigestsSent.AsNoTracking().Where(s => s.SellerId == seller.Id && s.Day < day).MaxAsync(s => (DateOnly?)s.Day, cancellationToken);
            if (await report.FiguresAsync(seller.Id, day, previous?.AddDays(1) ?? day, cancellationToken) is not { } figures)
            {
                continue; // no account to report on
            }

            var (token, hash) = OneTimeTokens.New();
            var claim = new DigestSentRecord { Id = Guid.CreateVersion7(), SellerId = seller.Id, Day = day, ClaimedAtUtc = now, UnsubscribeTokenHash = preference.Email ? hash : null };
            if (!await ClaimAsync(claim, cancellationToken))
            {
                continue; // another instance has it
            }

            var channels = new List<string>();
            var t = SellerLanguage.Of(seller.Language);
            var dashboard = links.Link("seller/dashboards");
            try
            {
                if (preference.Telegram && await messenger.TellSellerAsync(seller, DigestReport.Text(figures, t, dashboard, t["Turn the digest off: /digest off"]), cancellationToken))
                {
                    channels.Add("telegram");
                }
            }
            catch (Exception e) when (e is HttpRequestException or global::Telegram.Bot.Exceptions.RequestException or global::Telegram.Bot.Exceptions.ApiRequestException)
            {
                failed++; // e.g. the person blocked the bot; the mail may still go
            }

            try
            {
                if (preference.Email && (await vault.OpenAsync(seller.Email, SellerRecord.EmailField(seller.Id), cancellationToken)).Value is { Length: > 0 } address)
                {
                    var off = links.Link("seller/digest/off/" + token);
                    await mail.SendAsync(new OutgoingMail(address, DigestReport.Subject(figures, t), DigestReport.Text(figures, t, dashboard, t.Format("Turn the digest mails off with one click: {0}", off)),
                        new Dictionary<string, string> { ["List-Unsubscribe"] = $"<{off}>", ["List-Unsubscribe-Post"] = "List-Unsubscribe=One-Click" }), cancellationToken);
                    channels.Add("email");
                }
            }
            catch (MailNotSentException)
            {
                failed++;
            }

            await db.DigestsSent.Where(s => s.Id == claim.Id).ExecuteUpdateAsync(u => u.SetProperty(s => s.SentAtUtc, clock.GetUtcNow().UtcDateTime).SetProperty(s => s.Channels, string.Join(",", channels)), cancellationToken);
            sent += channels.Count > 0 ? 1 : 0;
        }

        var old = day.AddDays(-KeepDays);
        await db.DigestsSent.Where(s => s.Day < old).ExecuteDeleteAsync(cancellationToken);
        LogDigests(log, day, sent, failed);
        return sent;
    }

    /// <summary>Writes the (seller, day) row; false when it is there already (the unique key refuses the second).</summary>
    private async Task<bool> ClaimAsync(DigestSentRecord claim, CancellationToken cancellationToken)
    {
        db.DigestsSent.Add(claim);
        try
        {
            await db.SaveChangesAsync(cancellationToken);
            return true;
        }
        catch (DbUpdateException)
        {
            db.Entry(claim).State = EntityState.Detached;
            return false;
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Marketplace digest of {Day}: {Sent} people told, {Failed} deliveries failed")]
    private static partial void LogDigests(ILogger logger, DateOnly day, int sent, int failed);
}
