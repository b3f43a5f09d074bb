using Custodian.Modules.Guidance.Clients;
using Custodian.Modules.Guidance.Messages;
using Custodian.Modules.Guidance.Sections;
using Microsoft.AspNetCore.Mvc;

namespace Custodian.Modules.Guidance.Pages.Guidance;

/// <summary>
/// A client's record: the sections the person's role reaches, the written consent, new entries. Opening it is logged
/// (audit log and the client's access list); a client out of reach is 404, as one that does not exist.
/// </summary>
internal sealed class ClientModel(OpenClientRecord open, CloseClient close, EditBasicData basic, WrittenConsents consents, SectionEntries entries, QuestionSets questionSets, ClientScope scope) : GuidancePage
{
    public ClientView? View { get; private set; }

    public IReadOnlyList<QuestionSetView>? QuestionSets { get; private set; }

    public Statements.StatementsSection? Statements { get; private set; }

    public Plan.PlanSection? Plan { get; private set; }

    public Attachments.AttachmentsSection? Attachments { get; private set; }

    public Appointments.AppointmentsSection? Appointments { get; private set; }

    /// <summary>A set being copied into the form for a new one.</summary>
    public QuestionSetContent? Copy { get; private set; }

    /// <summary>What a change just did, shown after the redirect that follows it (so a reload does not post the form again).</summary>
    private static readonly Dictionary<string, string> Done = new(StringComparer.Ordinal)
    {
        ["consent"] = "The written consent is recorded.",
        ["withdrawal"] = "The consent is withdrawn for the chosen areas: no new entries can be written in them.",
        ["assessment"] = "The assessment is saved.",
        ["coaching"] = "The coaching entry is saved.",
        ["questions"] = "The questions are sent: the client got an e-mail with a link that works once, for 14 days.",
        ["withdrawn-questions"] = "The questions are withdrawn: the link no longer opens them.",
        ["plan"] = "The goals and plan are saved.",
        ["attachment"] = "The file is attached.",
        ["appointment"] = "The appointment is booked. A client with an e-mail address gets a reminder before it.",
        ["appointment-changed"] = "The appointment is changed.",
        ["appointment-cancelled"] = "The appointment is cancelled. A client with an e-mail address is told by e-mail.",
        ["closed"] = "The client relationship is closed.",
        ["basic"] = "The basic data is saved.",
    };

    public async Task<IActionResult> OnGetAsync(Guid id, string? copy, string? done, CancellationToken cancellationToken)
    {
        Message = done is not null && Done.TryGetValue(done, out var message) ? message : null;
        var shown = await ShowAsync(id, cancellationToken);
        if (View is not null && Guid.TryParse(copy, out var setId))
        {
            Copy = await questionSets.CopyAsync(await scope.FindAsync(Account, id, cancellationToken), setId, cancellationToken);
        }

        return shown;
    }

    public Task<IActionResult> OnPostQuestionsAsync(Guid id, string? title, string[]? question, string[]? kind, string[]? options, CancellationToken cancellationToken)
    {
        var inputs = (question ?? []).Select((q, i) => new QuestionSets.QuestionInput(q, kind?.ElementAtOrDefault(i), options?.ElementAtOrDefault(i))).ToList();
        return RunAsync(id, () => questionSets.SendAsync(Account, id, title, inputs, cancellationToken), "questions", cancellationToken);
    }

    public Task<IActionResult> OnPostWithdrawQuestionsAsync(Guid id, Guid set, CancellationToken cancellationToken) =>
        RunAsync(id, () => questionSets.WithdrawAsync(Account, id, set, cancellationToken), "withdrawn-questions", cancellationToken);

    public Task<IActionResult> OnPostConsentAsync(Guid id, string[]? areas, string[]? shared, string? reference, string? signedOn, string? notice, CancellationToken cancellationToken) =>
        RunAsync(id, () => consents.RecordAsync(Account, id, new WrittenConsents.Request(areas ?? [], shared ?? [], reference, signedOn, notice), cancellationToken), "consent", cancellationToken);

    public Task<IActionResult> OnPostBasicAsync(Guid id, string? firstName, string? lastName, string? address, string? phone, string? email, string? stamp, CancellationToken cancellationToken) =>
        RunAsync(id, () => basic.EditAsync(Account, id, new EditBasicData.Request(firstName, lastName, address, phone, email, stamp), cancellationToken), "basic", cancellationToken);

    public Task<IActionResult> OnPostCloseAsync(Guid id, string? endDate, string? reason, CancellationToken cancellationToken) =>
        RunAsync(id, () => close.CloseAsync(Account, id, endDate, reason, cancellationToken), "closed", cancellationToken);

    public Task<IActionResult> OnPostWithdrawAsync(Guid id, string[]? areas, CancellationToken cancellationToken) =>
        RunAsync(id, () => consents.WithdrawAsync(Account, id, areas ?? [], cancellationToken), "withdrawal", cancellationToken);

    public Task<IActionResult> OnPostAssessmentAsync(Guid id, string? area, string? text, CancellationToken cancellationToken) =>
        RunAsync(id, () => entries.WriteAsync(Account, id, EntryKind.Assessment, area, text, cancellationToken), "assessment", cancellationToken);

    public Task<IActionResult> OnPostCoachingAsync(Guid id, string? area, string? text, CancellationToken cancellationToken) =>
        RunAsync(id, () => entries.WriteAsync(Account, id, EntryKind.Coaching, area, text, cancellationToken), "coaching", cancellationToken);

    private async Task<IActionResult> RunAsync(Guid id, Func<Task> change, string done, CancellationToken cancellationToken)
    {
        try
        {
            await change();
            return Redirect($"/guidance/clients/{id:D}?done={done}");
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
            var page = await open.OpenPageAsync(Account, id, cancellationToken);
            (View, QuestionSets, Statements, Plan, Attachments, Appointments) = (page.Record, page.QuestionSets, page.Statements, page.Plan, page.Attachments, page.Appointments);
            return Page();
        }
        catch (GuidanceNotFoundException)
        {
            return NotFound();
        }
    }
}
