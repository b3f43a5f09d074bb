using Custodian.Modules.Guidance.Statements;
using Microsoft.AspNetCore.Mvc;

namespace Custodian.Modules.Guidance.Pages.Guidance;

/// <summary>
/// One statement on its way: the coach drafts, edits and sends it for review; a reviewer approves or returns it; the
/// controller's side issues it to the sending organisation. Every form carries the revision it was opened at: if someone
/// acted since, nothing is stored (409) and the page shows the newer state, with the typed text kept.
/// </summary>
internal sealed class StatementModel(ReadStatements read, DraftStatements drafts, ReviewStatements review, IssueStatement issue) : GuidancePage
{
    private static readonly Dictionary<string, string> Done = new(StringComparer.Ordinal)
    {
        ["draft"] = "The draft is saved.",
        ["edit"] = "The statement is saved as a new version.",
        ["submit"] = "The statement is sent for review.",
        ["approve"] = "The statement is approved.",
        ["return"] = "The statement is returned to the coach.",
        ["issue"] = "The statement is issued to the sending organisation, and the disclosure is recorded.",
    };

    public StatementsSection? Section { get; private set; }

    public StatementView? Statement { get; private set; }

    public string? Draft { get; private set; }

    public string? Comment { get; private set; }

    public async Task<IActionResult> OnGetAsync(Guid id, Guid? statementId, string? done, CancellationToken cancellationToken)
    {
        Message = done is not null && Done.TryGetValue(done, out var message) ? message : null;
        return statementId is null ? NotFound() : await ShowAsync(id, statementId, cancellationToken);
    }

    public async Task<IActionResult> OnPostDraftAsync(Guid id, string? area, string? text, CancellationToken cancellationToken)
    {
        try
        {
            var created = await drafts.DraftAsync(Account, id, area, text, cancellationToken);
            return Redirect($"/guidance/clients/{id:D}/statements/{created:D}?done=draft");
        }
        catch (GuidanceInputException e)
        {
            Refused(e.Message);
        }
        catch (GuidanceNotFoundException)
        {
            return NotFound();
        }

        Draft = text;
        return await ShowAsync(id, null, cancellationToken);
    }

    public Task<IActionResult> OnPostEditAsync(Guid id, Guid statementId, string? revision, string? text, CancellationToken cancellationToken)
    {
        Draft = text;
        return RunAsync(id, statementId, revision, r => drafts.EditAsync(Account, id, statementId, r, text, cancellationToken), "edit", cancellationToken);
    }

    public Task<IActionResult> OnPostSubmitAsync(Guid id, Guid statementId, string? revision, CancellationToken cancellationToken) =>
        RunAsync(id, statementId, revision, r => drafts.SubmitAsync(Account, id, statementId, r, cancellationToken), "submit", cancellationToken);

    public Task<IActionResult> OnPostApproveAsync(Guid id, Guid statementId, string? revision, CancellationToken cancellationToken) =>
        RunAsync(id, statementId, revision, r => review.ApproveAsync(Account, id, statementId, r, cancellationToken), "approve", cancellationToken);

    public Task<IActionResult> OnPostReturnAsync(Guid id, Guid statementId, string? revision, string? comment, CancellationToken cancellationToken)
    {
        Comment = comment;
        return RunAsync(id, statementId, revision, r => review.ReturnAsync(Account, id, statementId, r, comment, cancellationToken), "return", cancellationToken);
    }

    public Task<IActionResult> OnPostIssueAsync(Guid id, Guid statementId, string? revision, CancellationToken cancellationToken) =>
        RunAsync(id, statementId, revision, r => issue.IssueAsync(Account, id, statementId, r, cancellationToken), "issue", cancellationToken);

    private async Task<IActionResult> RunAsync(Guid id, Guid statementId, string? revision, Func<int, Task> step, string done, CancellationToken cancellationToken)
    {
        try
        {
            if (!int.TryParse(revision, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var baseRevision))
            {
                throw new GuidanceInputException("Open the statement again and take the step there.");
            }

            await step(baseRevision);
            return Redirect($"/guidance/clients/{id:D}/statements/{statementId:D}?done={done}");
        }
        catch (GuidanceEditConflictException)
        {
            Problem = "The statement was changed by someone else since you opened it. Nothing was saved: its current state is below, and your text is kept in the box.";
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

        return await ShowAsync(id, statementId, cancellationToken);
    }

    private async Task<IActionResult> ShowAsync(Guid id, Guid? statementId, CancellationToken cancellationToken)
    {
        try
        {
            Section = await read.OpenAsync(Account, id, cancellationToken);
        }
        catch (GuidanceNotFoundException)
        {
            return NotFound();
        }

        if (Section is null)
        {
            return NotFound();
        }

        Statement = statementId is { } wanted ? Section.Statements.FirstOrDefault(s => s.Id == wanted) : null;
        return statementId is not null && Statement is null ? NotFound() : Page();
    }
}
