using Custodian.Modules.Training.Cards;
using Custodian.Modules.Training.Corrections;
using Custodian.Modules.Training.Exams;
using Custodian.Modules.Training.Sessions;
using Microsoft.AspNetCore.Mvc;

namespace Custodian.Modules.Training.Pages.Training.Staff;

/// <summary>
/// One person's enrolment (an audited view): their data, exams and papers, the card (a registrar can revoke it), and the corrections from the personal-data
/// form filled in at the course, each keeping the earlier value with who and when.
/// </summary>
internal sealed class EnrolmentModel(OpenEnrolment enrolments) : StaffPage
{
    public EnrolmentView View { get; private set; } = null!;

    public async Task<IActionResult> OnGetAsync(Guid id, string? done, CancellationToken cancellationToken)
    {
        Message = done switch
        {
            "corrected" => "Corrections saved; the earlier values are kept below.",
            "unchanged" => "Nothing was changed.",
            "revoked" => "The card is revoked: the public check now says so.",
            _ => null,
        };
        try
        {
            View = await enrolments.OpenAsync(Staff, id, cancellationToken);
            return Page();
        }
        catch (TrainingNotFoundException)
        {
            return NotFound();
        }
    }

    public async Task<IActionResult> OnPostCorrectAsync(Guid id, CorrectTraineeData.Input input, [FromServices] CorrectTraineeData corrections, CancellationToken cancellationToken)
    {
        var changed = 0;
        var result = await FormAsync(async () => changed = await corrections.CorrectAsync(Staff, id, input, cancellationToken),
            $"/training/staff/enrolments/{id:D}?done=corrected", async () => View = await enrolments.OpenAsync(Staff, id, cancellationToken));
        return result is RedirectResult && changed == 0 ? Redirect($"/training/staff/enrolments/{id:D}?done=unchanged") : result;
    }

    public Task<IActionResult> OnPostRevokeCardAsync(Guid id, string? reason, [FromServices] RevokeCard cards, CancellationToken cancellationToken) =>
        FormAsync(() => cards.RevokeAsync(Staff, id, reason, cancellationToken), $"/training/staff/enrolments/{id:D}?done=revoked",
            async () => View = await enrolments.OpenAsync(Staff, id, cancellationToken));

    public async Task<IActionResult> OnGetPaperAsync(Guid id, Guid exam, [FromServices] DownloadExamPaper papers, CancellationToken cancellationToken)
    {
        try
        {
            var paper = await papers.DownloadAsync(Staff, exam, cancellationToken);
            return File(paper.Content, paper.ContentType, paper.DownloadName);
        }
        catch (TrainingNotFoundException)
        {
            return NotFound();
        }
    }
}
