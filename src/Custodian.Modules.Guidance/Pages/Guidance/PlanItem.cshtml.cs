using Custodian.Modules.Guidance.Clients;
using Custodian.Modules.Guidance.Plan;
using Microsoft.AspNetCore.Mvc;

namespace Custodian.Modules.Guidance.Pages.Guidance;

/// <summary>What the goal-or-step fields show: the stored item, or what the person typed when it was refused.</summary>
internal sealed record PlanForm(PlanItemView? Item, IReadOnlySet<ConsentArea> WritableAreas, string? Text, string? TargetDate, string? Status);

/// <summary>
/// Adds a goal or plan step, or saves a new version of one. The edit form carries the version it started from: if someone
/// saved since, nothing is stored (409) and the newer state is shown with the typed text kept.
/// </summary>
internal sealed class PlanItemModel(PlanItems plan) : GuidancePage
{
    public PlanSection? Plan { get; private set; }

    public PlanItemView? Item { get; private set; }

    public string? Text { get; private set; }

    public string? TargetDate { get; private set; }

    public string? Status { get; private set; }

    public async Task<IActionResult> OnGetAsync(Guid id, Guid? itemId, CancellationToken cancellationToken) =>
        itemId is null ? NotFound() : await ShowAsync(id, itemId, cancellationToken);

    public async Task<IActionResult> OnPostAddAsync(Guid id, string? kind, string? area, string? text, string? targetDate, string? status, CancellationToken cancellationToken)
    {
        try
        {
            await plan.AddAsync(Account, id, new PlanItems.Input(kind, area, text, targetDate, status), cancellationToken);
            return Redirect($"/guidance/clients/{id:D}?done=plan#section-plan");
        }
        catch (GuidanceInputException e)
        {
            Refused(e.Message);
        }
        catch (GuidanceNotFoundException)
        {
            return NotFound();
        }

        (Text, TargetDate, Status) = (text, targetDate, status);
        return await ShowAsync(id, null, cancellationToken);
    }

    public async Task<IActionResult> OnPostEditAsync(Guid id, Guid itemId, string? baseVersion, string? text, string? targetDate, string? status, CancellationToken cancellationToken)
    {
        try
        {
            if (!int.TryParse(baseVersion, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var version))
            {
                throw new GuidanceInputException("Open the goal or step again and make your change there.");
            }

            await plan.EditAsync(Account, id, itemId, version, new PlanItems.Input(null, null, text, targetDate, status), cancellationToken);
            return Redirect($"/guidance/clients/{id:D}?done=plan#plan-{itemId:D}");
        }
        catch (GuidanceEditConflictException)
        {
            Problem = "The goal or step was changed by someone else since you opened it. Nothing was saved: the newer version is shown, and your text is kept in the box.";
            Response.StatusCode = StatusCodes.Status409Conflict;
        }
        catch (GuidanceInputException e)
        {
            Refused(e.Message);
        }
        catch (GuidanceNotFoundException)
        {
            return NotFound();
        }

        (Text, TargetDate, Status) = (text, targetDate, status);
        return await ShowAsync(id, itemId, cancellationToken);
    }

    private async Task<IActionResult> ShowAsync(Guid id, Guid? itemId, CancellationToken cancellationToken)
    {
        try
        {
            Plan = await plan.OpenAsync(Account, id, cancellationToken);
        }
        catch (GuidanceNotFoundException)
        {
            return NotFound();
        }

        if (Plan is null || !Plan.Writes)
        {
            return NotFound();
        }

        Item = itemId is { } wanted ? Plan.Items.FirstOrDefault(i => i.Id == wanted) : null;
        return itemId is not null && Item is null ? NotFound() : Page();
    }
}
