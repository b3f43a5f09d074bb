using Custodian.Modules.Guidance.Rights;
using Custodian.Privacy.Abstractions.Requests;
using Microsoft.AspNetCore.Mvc;

namespace Custodian.Modules.Guidance.Pages.Guidance;

/// <summary>
/// The city's admin decides the erasure, rectification, access, restriction and objection requests the kernel forwarded
/// about clients of the city's programmes: approve (the kernel erases, corrects, copies, restricts or upholds the
/// objection; legal holds respected) or refuse with a reason.
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
        ["copied"] = "The access request is approved: the copy of the client's data is made and the person gets a one-time download link by e-mail.",
        ["restricted"] = "The restriction is approved: the client's record is only stored until the restriction is lifted.",
        ["objection-upheld"] = "The objection is upheld: the processing for the purpose you chose stops.",
    };

    public async Task OnGetAsync(string? done, CancellationToken cancellationToken)
    {
        Message = done is not null && Done.TryGetValue(done, out var message) ? message : null;
        Waiting = await requests.WaitingAsync(Account, cancellationToken);
    }

    public Task<IActionResult> OnPostApproveAsync(string reference, string? field, string? value, string? purpose, CancellationToken cancellationToken) =>
        DecideAsync(async () =>
        {
            var kind = (await requests.WaitingAsync(Account, cancellationToken)).FirstOrDefault(r => r.Reference == reference)?.Kind;
            var result = await requests.ApproveAsync(Account, reference, field, value, purpose, cancellationToken);
            if (result.Outcome == ControllerDecisionOutcome.Held)
            {
                HeldBecause = result.Text;
                return null;
            }

            return kind switch
            {
                "access" => "copied",
                "restriction" => "restricted",
                "objection" => "objection-upheld",
                "rectification" => "corrected",
                _ => "erased",
            };
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
