using Custodian.Modules.Training.Catalogue;
using Custodian.Modules.Training.Marketing;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;

namespace Custodian.Modules.Training.Pages.Training.Staff.Registrar;

/// <summary>
/// The registrar composes a campaign, sees how many people it reaches and on what basis (consent, soft opt-in) and how
/// many are left out (opted out, no basis), then sends it. Registrar-only by its folder (least privilege: training a
/// session needs no one's marketing contacts). Nothing is stored before "Send"; a bad field stores nothing.
/// </summary>
internal sealed class MarketingModel(TrainingDb db, SendCampaign campaigns, MarketingAudience audience) : TrainingPage
{
    [BindProperty]
    public string? Audience { get; set; } = "expiring";

    [BindProperty]
    public string? CardType { get; set; }

    [BindProperty]
    public int? WithinDays { get; set; } = 60;

    [BindProperty]
    public string? SubjectFi { get; set; }

    [BindProperty]
    public string? SubjectEn { get; set; }

    [BindProperty]
    public string? BodyFi { get; set; }

    [BindProperty]
    public string? BodyEn { get; set; }

    public IReadOnlyList<CardTypeRecord> CardTypes { get; private set; } = [];

    public MarketingAudience.Preview? Counted { get; private set; }

    public SendCampaign.Outcome? Sent { get; private set; }

    public string? ProblemField { get; private set; }

    public async Task OnGetAsync(CancellationToken cancellationToken) => await LoadAsync(cancellationToken);

    public async Task OnPostPreviewAsync(CancellationToken cancellationToken)
    {
        await LoadAsync(cancellationToken);
        try
        {
            Counted = await audience.PreviewAsync(await campaigns.TargetAsync(Input, cancellationToken), cancellationToken);
        }
        catch (TrainingInputException e)
        {
            Refuse(e);
        }
    }

    public async Task OnPostSendAsync(CancellationToken cancellationToken)
    {
        await LoadAsync(cancellationToken);
        try
        {
            Sent = await campaigns.SendAsync(Input, Account, cancellationToken);
        }
        catch (TrainingInputException e)
        {
            Refuse(e);
        }
    }

    private SendCampaign.Input Input => new(Audience, CardType, WithinDays, SubjectFi, SubjectEn, BodyFi, BodyEn);

    private void Refuse(TrainingInputException e)
    {
        ProblemField = e.Field;
        Refused(e.Message);
    }

    private async Task LoadAsync(CancellationToken cancellationToken) =>
        CardTypes = await db.CardTypes.AsNoTracking().Where(c => c.Active).OrderBy(c => c.NameFi).ToListAsync(cancellationToken);
}
