using Custodian.Modules.Training.Attendance;
using Custodian.Modules.Training.Cards;
using Custodian.Modules.Training.Catalogue;
using Custodian.Modules.Training.Exams;
using Custodian.Modules.Training.Sessions;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Options;

namespace Custodian.Modules.Training.Pages.Training.Staff;

/// <summary>
/// A session's roster (opening it is an audited view of everyone on it) with the trainer's work per person: attendance,
/// identity check (the kind of document only), exam result and paper; and the registrar's: issue a card, edit or
/// cancel the session. A session that is not the trainer's is 404.
/// </summary>
internal sealed class SessionModel(SessionRoster roster, IOptions<ExamOptions> examOptions) : StaffPage
{
    public RosterView Roster { get; private set; } = null!;

    public int MaxPaperMegabytes { get; private set; }

    public static readonly IReadOnlyDictionary<string, string> Done = new Dictionary<string, string>(StringComparer.Ordinal)
    {
        ["attendance"] = "Attendance saved.",
        ["identity"] = "Identity check saved.",
        ["exam"] = "Exam result saved.",
        ["card"] = "Card issued.",
        ["edited"] = "Session saved.",
        ["cancelled"] = "Session cancelled; the people on it were mailed.",
    };

    public async Task<IActionResult> OnGetAsync(Guid id, string? done, CancellationToken cancellationToken)
    {
        Message = done is not null && Done.TryGetValue(done, out var text) ? text : null;
        try
        {
            await LoadAsync(id, cancellationToken);
            return Page();
        }
        catch (TrainingNotFoundException)
        {
            return NotFound();
        }
    }

    public Task<IActionResult> OnPostAttendanceAsync(Guid id, Guid enrolment, string? attended, [FromServices] RecordAttendance attendance, CancellationToken cancellationToken) =>
        FormAsync(() => attended is "present" or "absent" ? attendance.RecordAsync(Staff, enrolment, attended == "present", cancellationToken) : throw new TrainingInputException("attended", "Choose present or absent."),
            Back(id, "attendance", enrolment), () => LoadAsync(id, cancellationToken));

    public Task<IActionResult> OnPostIdentityAsync(Guid id, Guid enrolment, string? document, [FromServices] RecordIdentityCheck check, CancellationToken cancellationToken) =>
        FormAsync(() => check.RecordAsync(Staff, enrolment, document, cancellationToken), Back(id, "identity", enrolment), () => LoadAsync(id, cancellationToken));

    [RequestSizeLimit(110 * 1024 * 1024)]
    [RequestFormLimits(MultipartBodyLengthLimit = 110 * 1024 * 1024)]
    public Task<IActionResult> OnPostExamAsync(Guid id, Guid enrolment, string? result, string? score, IFormFile? paper, [FromServices] RecordExamResult exams, CancellationToken cancellationToken) =>
        FormAsync(async () =>
        {
            await using var content = paper is { Length: > 0 } ? paper.OpenReadStream() : null;
            await exams.RecordAsync(Staff, enrolment, result switch { "passed" => true, "failed" => false, _ => null }, score, content, cancellationToken);
        }, Back(id, "exam", enrolment), () => LoadAsync(id, cancellationToken));

    public Task<IActionResult> OnPostCardAsync(Guid id, Guid enrolment, [FromServices] IssueCard cards, CancellationToken cancellationToken) =>
        FormAsync(() => cards.IssueAsync(Staff, enrolment, cancellationToken), Back(id, "card", enrolment), () => LoadAsync(id, cancellationToken));

    public Task<IActionResult> OnPostEditAsync(Guid id, string? day, string? from, string? to, string? place, int? capacity, string? trainer, [FromServices] EditSession sessions, CancellationToken cancellationToken) =>
        FormAsync(() =>
        {
            var (starts, ends) = SessionTimes(day, from, to);
            return sessions.EditAsync(Staff, id, new ManageCatalogue.SessionInput(Guid.Empty, starts, ends, place ?? string.Empty, capacity ?? 0, trainer), cancellationToken);
        }, Back(id, "edited", null), () => LoadAsync(id, cancellationToken));

    public Task<IActionResult> OnPostCancelAsync(Guid id, [FromServices] CancelSession sessions, CancellationToken cancellationToken) =>
        FormAsync(() => sessions.CancelAsync(Staff, id, cancellationToken), Back(id, "cancelled", null), () => LoadAsync(id, cancellationToken));

    private static string Back(Guid id, string done, Guid? enrolment) => $"/training/staff/sessions/{id:D}?done={done}" + (enrolment is { } e ? $"#enrolment-{e:D}" : string.Empty);

    private async Task LoadAsync(Guid id, CancellationToken cancellationToken)
    {
        Roster = await roster.OpenAsync(Staff, id, cancellationToken);
        MaxPaperMegabytes = examOptions.Value.MaxPaperBytes / (1024 * 1024);
    }
}
