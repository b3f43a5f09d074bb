using Custodian.Modules.Guidance.Clients;
using Custodian.Modules.Guidance.Sections;
using Microsoft.AspNetCore.Mvc;

namespace Custodian.Modules.Guidance.Pages.Guidance;

/// <summary>
/// A client's record: the sections the person's role reaches, the written consent, new entries. Opening it is logged
/// (audit log and the client's access list); a client out of reach is 404, as one that does not exist.
/// </summary>
internal sealed class ClientModel(OpenClientRecord open, WrittenConsents consents, SectionEntries entries) : GuidancePage
{
    public ClientView? View { get; private set; }

    public async Task<IActionResult> OnGetAsync(Guid id, CancellationToken cancellationToken) => await ShowAsync(id, cancellationToken);

    public Task<IActionResult> OnPostConsentAsync(Guid id, string[]? areas, string[]? shared, string? reference, string? signedOn, string? notice, CancellationToken cancellationToken) =>
        RunAsync(id, () => consents.RecordAsync(Account, id, new WrittenConsents.Request(areas ?? [], shared ?? [], reference, signedOn, notice), cancellationToken), "The written consent is recorded.", cancellationToken);

    public Task<IActionResult> OnPostWithdrawAsync(Guid id, string[]? areas, CancellationToken cancellationToken) =>
        RunAsync(id, () => consents.WithdrawAsync(Account, id, areas ?? [], cancellationToken), "The consent is withdrawn for the chosen areas: no new entries can be written in them.", cancellationToken);

    public Task<IActionResult> OnPostAssessmentAsync(Guid id, string? area, string? text, CancellationToken cancellationToken) =>
        RunAsync(id, () => entries.WriteAsync(Account, id, EntryKind.Assessment, area, text, cancellationToken), "The assessment is saved.", cancellationToken);

    public Task<IActionResult> OnPostCoachingAsync(Guid id, string? area, string? text, CancellationToken cancellationToken) =>
        RunAsync(id, () => entries.WriteAsync(Account, id, EntryKind.Coaching, area, text, cancellationToken), "The coaching entry is saved.", cancellationToken);

    private async Task<IActionResult> RunAsync(Guid id, Func<Task> change, string done, CancellationToken cancellationToken)
    {
        try
        {
            await change();
            Message = done;
        }
        catch (GuidanceInputException e)
        {
            Refused(e.Message);
        }
        catch (GuidanceNotFoundException)
        {
            return NotFound();
        }

        return await ShowAsync(id, cancellationToken);
    }

    private async Task<IActionResult> ShowAsync(Guid id, CancellationToken cancellationToken)
    {
        try
        {
            View = await open.OpenAsync(Account, id, cancellationToken);
            return Page();
        }
        catch (GuidanceNotFoundException)
        {
            return NotFound();
        }
    }
}
