using Custodian.Modules.Guidance.Messages;
using Microsoft.AspNetCore.Mvc;

namespace Custodian.Modules.Guidance.Pages.Guidance;

/// <summary>
/// The client's answer page, opened from the e-mailed link without an account: this one set's questions, nothing of the
/// record. An unknown link is 404; an expired, used or withdrawn one says so (410).
/// </summary>
internal sealed class AnswerModel(QuestionSets sets) : GuidancePage
{
    public QuestionSetContent? Questions { get; private set; }

    public bool Answered { get; private set; }

    public IReadOnlyDictionary<string, string?> Given { get; private set; } = new Dictionary<string, string?>();

    public async Task<IActionResult> OnGetAsync(string token, CancellationToken cancellationToken) => await ShowAsync(token, cancellationToken);

    public async Task<IActionResult> OnPostAsync(string token, CancellationToken cancellationToken)
    {
        Given = Request.HasFormContentType
            ? Request.Form.Where(f => f.Key.StartsWith('q') && f.Key.Length <= 4).ToDictionary(f => f.Key, f => (string?)f.Value.ToString())
            : new Dictionary<string, string?>();
        try
        {
            await sets.AnswerAsync(token, Given, cancellationToken);
            Answered = true;
            return Page();
        }
        catch (GuidanceNotFoundException)
        {
            return NotFound();
        }
        catch (GuidanceInputException e)
        {
            var shown = await ShowAsync(token, cancellationToken);
            Refused(e.Message);
            if (Questions is null)
            {
                Response.StatusCode = StatusCodes.Status410Gone;
            }

            return shown;
        }
    }

    private async Task<IActionResult> ShowAsync(string token, CancellationToken cancellationToken)
    {
        var link = await sets.OpenLinkAsync(token, cancellationToken);
        if (link is null)
        {
            return NotFound();
        }

        Questions = link.Content;
        if (link.Refusal is { } refusal)
        {
            Problem = refusal;
            Response.StatusCode = StatusCodes.Status410Gone;
        }

        return Page();
    }
}
