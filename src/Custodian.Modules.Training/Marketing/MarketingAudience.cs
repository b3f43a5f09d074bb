using Custodian.Modules.Training.Enrolment;
using Custodian.Privacy.Abstractions.Consent;
using Custodian.Privacy.Abstractions.Time;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;

namespace Custodian.Modules.Training.Marketing;

/// <summary>
/// Who a campaign may reach and on what basis. Everyone in the audience holds a card from this provider, so they are
/// its customers: with marketing consent (the ledger, or the enrolment form's box) the basis is consent; without any
/// answer, the soft opt-in of 917/2014 § 200(2) for the provider's own similar courses (<c>Training:Marketing:SoftOptIn</c>,
/// on by default; the enrolment form and every message offer the refusal). Never reached: a withdrawn consent, an
/// address on the suppression list, a restricted record.
/// </summary>
internal sealed class MarketingAudience(TrainingDb db, IConsentLedger consents, IConfiguration configuration, TimeProvider clock)
{
    public sealed record Target(CampaignAudience Audience, string CardTypeKey, int? WithinDays);

    public sealed record Member(Guid TraineeId, TraineeRecord Trainee, MarketingBasis Basis);

    public sealed record Preview(int Consent, int SoftOptIn, int OptedOut, int NoBasis)
    {
        public int Recipients => Consent + SoftOptIn;
    }

    private bool SoftOptIn => configuration.GetValue("Training:Marketing:SoftOptIn", true);

    public async Task<Preview> PreviewAsync(Target target, CancellationToken cancellationToken)
    {
        var (members, optedOut, noBasis) = await ResolveAsync(target, cancellationToken);
        return new(members.Count(m => m.Basis == MarketingBasis.Consent), members.Count(m => m.Basis == MarketingBasis.SoftOptIn), optedOut, noBasis);
    }

    public async Task<IReadOnlyList<Member>> MembersAsync(Target target, CancellationToken cancellationToken) =>
        (await ResolveAsync(target, cancellationToken)).Members;

    private async Task<(List<Member> Members, int OptedOut, int NoBasis)> ResolveAsync(Target target, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(target);
        var today = LocalDays.Helsinki(clock.GetUtcNow());
        var cards = db.Certificates.AsNoTracking().Where(c => c.CardTypeKey == target.CardTypeKey && c.RevokedAtUtc == null);
        if (target.Audience == CampaignAudience.CardExpiring)
        {
            var last = today.AddDays(target.WithinDays ?? 0);
            cards = cards.Where(c => c.ValidUntil != null && c.ValidUntil >= today && c.ValidUntil <= last);
        }

        var holders = await cards.Select(c => c.TraineeId).Distinct().ToListAsync(cancellationToken);
        var trainees = await db.Trainees.AsNoTracking().Where(t => holders.Contains(t.Id)).OrderBy(t => t.Id).ToListAsync(cancellationToken);
        var suppressed = (await db.Suppressions.AsNoTracking().Select(s => s.EmailIndex).ToListAsync(cancellationToken)).Select(Convert.ToHexString).ToHashSet();
        var ticked = (await db.Enrolments.AsNoTracking().Where(e => holders.Contains(e.TraineeId) && e.MarketingConsent).Select(e => e.TraineeId).Distinct().ToListAsync(cancellationToken)).ToHashSet();
        var (members, optedOut, noBasis) = (new List<Member>(), 0, 0);
        foreach (var trainee in trainees)
        {
            var answer = (await consents.CurrentAsync(trainee.SubjectId, cancellationToken)).FirstOrDefault(c => c.Purpose == StopMarketing.Purpose);
            if (trainee.Restricted || answer is { Given: false } || suppressed.Contains(Convert.ToHexString(trainee.EmailIndex)))
            {
                optedOut++;
            }
            else if (answer is { Given: true } || ticked.Contains(trainee.Id))
            {
                members.Add(new(trainee.Id, trainee, MarketingBasis.Consent));
            }
            else if (SoftOptIn)
            {
                members.Add(new(trainee.Id, trainee, MarketingBasis.SoftOptIn));
            }
            else
            {
                noBasis++;
            }
        }

        return (members, optedOut, noBasis);
    }
}
