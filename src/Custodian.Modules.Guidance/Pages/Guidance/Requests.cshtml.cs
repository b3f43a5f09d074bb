using Custodian.Modules.Guidance.Rights;
using Custodian.Privacy.Abstractions.Requests;
using Microsoft.AspNetCore.Mvc;

namespace Custodian.Modules.Guidance.Pages.Guidance;

/// <summary>
/// The city's admin decides the erasure and rectification requests the kernel forwarded about clients of the city's
/// programmes: approve (the kernel erases or corrects, legal holds respected) or refuse with a reason.
/// </summary>
internal sealed class RequestsModel(ControllerRequests requests) : GuidancePage
{
    public IReadOnlyList<WaitingRequest> Waiting { get; private set; } = [];

    /// <summary>The legal hold's reason when an approved erasure could not run.</summary>
    public string? HeldBecause { get; private set; }

    private static readonly Dictionary<string, string> Done = new(StringComparer.Ordinal)
    {
        ["erased"] = "The erasure is approved and carried out: the client's record is deleted. The request's timeline and the audit log keep what was done.",
        ["corrected"] = "The correction is approved and made in the client's record.",
        ["refused"] = "The request is refused; the person is told your reason.",
    };

    public async Task OnGetAsync(string? done, CancellationToken cancellationToken)
    {
        Message = done is not null && Done.TryGetValue(done, out var message) ? message : null;
        Waiting = await requests.WaitingAsync(Account, cancellationToken);
    }

    public Task<IActionResult> OnPostApproveAsync(string reference, string? field, string? value, CancellationToken cancellationToken) =>
        DecideAsync(async () =>
        {
            var result = await requests.ApproveAsync(Account, reference, field, value, cancellationToken);
            if (result.Outcome == ControllerDecisionOutcome.Held)
            {
                HeldBecause = result.Text;
                return null;
            }

            return field is null ? "erased" : "corrected";
        }, cancellationToken);

    public Task<IActionResult> OnPostRefuseAsync(string reference, string? reason, CancellationToken cancellationToken) =>
        DecideAsync(async () =>
        {
            await requests.RefuseAsync(Account, reference, reason, cancellationToken);
            return "refused";
        }, cancellationToken);

    private async Task<IActionResult> DecideAsync(Func<Task<string?>> decide, CancellationToken cancellationToken)
    {
        try
        {
            if (await decide() is { } done)
            {
                return Redirect("/guidance/requests?done=" + done);
            }
        }
        catch (GuidanceInputException e)
        {
            Refused(e.Message);
        }
        catch (GuidanceNotFoundException)
        {
            return NotFound();
        }

        Waiting = await requests.WaitingAsync(Account, cancellationToken);
        return Page();
    }
}
