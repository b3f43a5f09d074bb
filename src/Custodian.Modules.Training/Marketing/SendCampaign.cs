using Custodian.Modules.Training.Enrolment;
using Custodian.Privacy.Abstractions.Audit;
using Custodian.Privacy.Abstractions.Messaging;
using Custodian.Privacy.Abstractions.Protection;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;

namespace Custodian.Modules.Training.Marketing;

/// <summary>
/// The registrar's campaign: checked, stored, then mailed to each member of its audience once, however many instances
/// or clicks send it (the recipient row is inserted first, under a key of campaign and person; only the inserter
/// mails). Every message carries a one-click unsubscribe link that works without signing in, also as the RFC 8058
/// <c>List-Unsubscribe</c> headers, and says on what basis it was sent. A mail the server refuses releases its row, so
/// sending the campaign again retries just those.
/// </summary>
internal sealed partial class SendCampaign(TrainingDb db, MarketingAudience audience, IPersonalDataVault vault, IMailSender mail, IPublicLinks links, IAuditLog audit, TimeProvider clock, ILogger<SendCampaign> log)
{
    public sealed record Input(string? Audience, string? CardTypeKey, int? WithinDays, string? SubjectFi, string? SubjectEn, string? BodyFi, string? BodyEn);

    public sealed record Outcome(Guid CampaignId, int Sent, int SentBefore, int Failed);

    /// <summary>The audience of <paramref name="input"/>, checked; every problem is a <see cref="TrainingInputException"/> naming its field.</summary>
    public async Task<MarketingAudience.Target> TargetAsync(Input input, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(input);
        var kind = input.Audience?.Trim() switch
        {
            "expiring" => CampaignAudience.CardExpiring,
            "completed" => CampaignAudience.CardCompleted,
            _ => throw new TrainingInputException("audience", "Choose who the campaign is for: cards expiring soon, or everyone who completed a card."),
        };
        var card = input.CardTypeKey?.Trim() ?? string.Empty;
        if (!await db.CardTypes.AnyAsync(c => c.Key == card, cancellationToken))
        {
            throw new TrainingInputException("cardType", "Choose a card type from the list.");
        }

        if (kind == CampaignAudience.CardExpiring && input.WithinDays is not (>= 1 and <= 365))
        {
            throw new TrainingInputException("withinDays", "Give the number of days within which the cards expire (1–365).");
        }

        return new(kind, card, kind == CampaignAudience.CardExpiring ? input.WithinDays : null);
    }

    public async Task<Outcome> SendAsync(Input input, string actor, CancellationToken cancellationToken)
    {
        var target = await TargetAsync(input, cancellationToken);
        var campaign = new CampaignRecord
        {
            Id = Guid.CreateVersion7(clock.GetUtcNow()),
            Audience = target.Audience,
            CardTypeKey = target.CardTypeKey,
            WithinDays = target.WithinDays,
            SubjectFi = Text(input.SubjectFi, 150, "subjectFi", "Write the subject in Finnish (at most 150 characters)."),
            SubjectEn = Text(input.SubjectEn, 150, "subjectEn", "Write the subject in English (at most 150 characters)."),
            BodyFi = Text(input.BodyFi, 4000, "bodyFi", "Write the message in Finnish (at most 4000 characters)."),
            BodyEn = Text(input.BodyEn, 4000, "bodyEn", "Write the message in English (at most 4000 characters)."),
            CreatedBy = actor,
            CreatedAtUtc = clock.GetUtcNow().UtcDateTime,
        };
        db.Campaigns.Add(campaign);
        await db.SaveChangesAsync(cancellationToken);
        await audit.AppendAsync(new AuditEvent(actor, "training.campaign.created", Register: TrainingModule.Register, Purpose: "marketing", RequestId: campaign.Id.ToString("N")), cancellationToken);
        return await SendAsync(campaign.Id, actor, cancellationToken);
    }

    /// <summary>Mails the campaign to every member not mailed yet (a campaign sent again reaches only those it missed).</summary>
    public async Task<Outcome> SendAsync(Guid campaignId, string actor, CancellationToken cancellationToken)
    {
        var campaign = await db.Campaigns.AsNoTracking().SingleOrDefaultAsync(c => c.Id == campaignId, cancellationToken) ?? throw new TrainingNotFoundException();
        var members = await audience.MembersAsync(new(campaign.Audience, campaign.CardTypeKey, campaign.WithinDays), cancellationToken);
        var (sent, before, failed) = (0, 0, 0);
        foreach (var member in members)
        {
            var recipientId = Guid.CreateVersion7(clock.GetUtcNow());
            var now = clock.GetUtcNow().UtcDateTime;
            var basis = member.Basis.ToString();
            var claimed = await db.Database.ExecuteSqlAsync(
                $"INSERT INTO training_campaign_recipients (campaign_id, trainee_id, id, email_index, basis, claimed_at) VALUES ({campaign.Id}, {member.TraineeId}, {recipientId}, {member.Trainee.EmailIndex}, {basis}, {now}) ON CONFLICT (campaign_id, trainee_id) DO NOTHING",
                cancellationToken);
            if (claimed == 0)
            {
                before++;
                continue;
            }

            var address = await vault.OpenAsync(member.Trainee.Email, TrainingFields.Of(TraineeRecord.Table, "email", member.TraineeId), cancellationToken);
            try
            {
                if (address.IsErased)
                {
                    throw new MailNotSentException("The address is erased.");
                }

                await mail.SendAsync(Message(campaign, address.Value!, member.Basis, links.Link("/training/unsubscribe/" + UnsubscribeToken.For(vault, recipientId))), cancellationToken);
                await db.CampaignRecipients.Where(r => r.Id == recipientId).ExecuteUpdateAsync(u => u.SetProperty(r => r.SentAtUtc, clock.GetUtcNow().UtcDateTime), cancellationToken);
                sent++;
            }
            catch (MailNotSentException e)
            {
                await db.CampaignRecipients.Where(r => r.Id == recipientId).ExecuteDeleteAsync(cancellationToken);
                LogNotSent(log, campaign.Id, e.Message);
                failed++;
            }
        }

        await audit.AppendAsync(new AuditEvent(actor, $"training.campaign.sent {sent} failed {failed}", Register: TrainingModule.Register, Purpose: "marketing", RequestId: campaign.Id.ToString("N")), cancellationToken);
        return new(campaign.Id, sent, before, failed);
    }

    /// <summary>Finnish first, English beside; the refusal and the basis in both, as 917/2014 § 200 asks of every message.</summary>
    internal static OutgoingMail Message(CampaignRecord campaign, string to, MarketingBasis basis, string unsubscribe)
    {
        var why = basis == MarketingBasis.Consent
            ? ("Saat tämän viestin, koska annoit suostumuksen kurssitarjouksiin.", "You get this message because you agreed to receive course offers.")
            : ("Saat tämän viestin, koska olet suorittanut kurssin meillä ja tarjoamme vastaavia omia kurssejamme. Voit kieltää viestit milloin tahansa.", "You get this message because you took a course with us and we offer our own similar courses. You can refuse them at any time.");
        var body = $"""
            {campaign.BodyFi}

            {why.Item1}
            Peru kurssitarjoukset yhdellä napsautuksella: {unsubscribe}

            ---

            {campaign.BodyEn}

            {why.Item2}
            Unsubscribe from course offers with one click: {unsubscribe}
            """;
        return new OutgoingMail(to, $"{campaign.SubjectFi} / {campaign.SubjectEn}", body, new Dictionary<string, string>
        {
            ["List-Unsubscribe"] = $"<{unsubscribe}>",
            ["List-Unsubscribe-Post"] = "List-Unsubscribe=One-Click",
        });
    }

    private static string Text(string? value, int max, string field, string problem)
    {
        var text = value?.Trim() ?? string.Empty;
        return text.Length is > 0 && text.Length <= max && !text.Any(c => char.IsControl(c) && c is not '\n' and not '\r') ? text : throw new TrainingInputException(field, problem);
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "A message of campaign {CampaignId} was not sent: {Reason}")]
    private static partial void LogNotSent(ILogger logger, Guid campaignId, string reason);
}
