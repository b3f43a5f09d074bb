using Custodian.Modules.Training.Catalogue;
using Custodian.Modules.Training.Employers;
using Custodian.Modules.Training.Enrolment;
using Custodian.Modules.Training.SignIn;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Localization;

namespace Custodian.Modules.Training.Pages.Training;

/// <summary>
/// An employer's contact person: their employees' enrolments and completions (only this employer's), the list as CSV
/// or XLSX, and group enrolment into a session. The employer is looked up on every request by the blind index of the
/// address the sign-in link went to, so a changed contact sees nothing more.
/// </summary>
internal sealed class EmployerModel(EmployerRoster roster, UpcomingSessions upcoming, EnrolGroup enrolGroup, IStringLocalizer<TrainingText> t) : TrainingPage
{
    /// <summary>Rows of the group form; empty rows are left out.</summary>
    public const int FormRows = 5;

    public sealed record GroupRow(string? FirstName, string? LastName, string? Hetu, string? Email, string? Phone, string? Position)
    {
        public bool IsEmpty => new[] { FirstName, LastName, Hetu, Email, Phone, Position }.All(string.IsNullOrWhiteSpace);
    }

    public IReadOnlyList<EmployerRoster.Employer> Employers { get; private set; } = [];

    public IReadOnlyList<UpcomingSessions.Item> Sessions { get; private set; } = [];

    /// <summary>The group form as sent back after a refusal, with each row's problems (by the row's place on the form).</summary>
    public IReadOnlyList<GroupRow> Rows { get; private set; } = [.. Enumerable.Range(0, FormRows).Select(_ => new GroupRow(null, null, null, null, null, null))];

    public Dictionary<string, string> RowErrors { get; } = new(StringComparer.Ordinal);

    private byte[] EmailIndex => TrainingSession.EmailIndex(User) ?? [];

    public async Task OnGetAsync(CancellationToken cancellationToken) => await ShowAsync(cancellationToken);

    /// <summary>Enrols the filled rows into the session for the contact's employer: all or nothing, every bad field named.</summary>
    public async Task<IActionResult> OnPostEnrolAsync(Guid employer, Guid session, List<GroupRow>? rows, CancellationToken cancellationToken)
    {
        await ShowAsync(cancellationToken);
        if (Employers.All(e => e.Id != employer))
        {
            return NotFound();
        }

        var sent = (rows ?? []).Take(EnrolGroup.MaxPeople).ToList();
        Rows = [.. sent.Concat(Enumerable.Range(0, Math.Max(0, FormRows - sent.Count)).Select(_ => new GroupRow(null, null, null, null, null, null)))];
        var filled = sent.Select((row, place) => (row, place)).Where(r => !r.row.IsEmpty).ToList();
        if (filled.Count == 0)
        {
            Refused(t["Fill in at least one employee."]);
            return Page();
        }

        try
        {
            var result = await enrolGroup.EnrolAsync(new EnrolGroup.Request(session, employer,
                [.. filled.Select(r => new PersonInput(r.row.FirstName, r.row.LastName, r.row.Hetu, r.row.Email, r.row.Phone, null, null, r.row.Position))]), cancellationToken);
            var waiting = result.Enrolments.Count(e => e.Status == EnrolmentStatus.Waitlisted);
            Message = waiting == 0 ? t["{0} employees enrolled.", result.Enrolments.Count] : t["{0} employees enrolled, {1} of them on the waiting list.", result.Enrolments.Count, waiting];
            Rows = [.. Enumerable.Range(0, FormRows).Select(_ => new GroupRow(null, null, null, null, null, null))];
        }
        catch (TrainingInvalidException e)
        {
            foreach (var (key, messages) in e.Errors)
            {
                // "people[i].field" names the i-th filled row: shown at that row's place on the form.
                var at = key.IndexOf(']', StringComparison.Ordinal);
                var name = key.StartsWith("people[", StringComparison.Ordinal) && at > 7 && int.TryParse(key[7..at], out var i) && i < filled.Count
                    ? $"{filled[i].place}.{key[(at + 2)..]}"
                    : "form";
                RowErrors[name] = string.Join(" ", messages.Select(m => t[m].Value));
            }

            Refused(t["Check the marked fields; nobody was enrolled."]);
        }
        catch (TrainingConflictException e)
        {
            Refused(t[e.Message]);
        }
        catch (TrainingNotFoundException)
        {
            Refused(t["Choose a session that is open for enrolment."]);
        }

        await ShowAsync(cancellationToken);
        return Page();
    }

    private async Task ShowAsync(CancellationToken cancellationToken)
    {
        Employers = await roster.ReadAsync(Account, EmailIndex, "employees' enrolments and completions", cancellationToken);
        Sessions = await upcoming.ListAsync(cancellationToken);
    }

    public async Task<IActionResult> OnGetExportAsync(Guid employer, string? format, CancellationToken cancellationToken)
    {
        if (!EmployerRosterExport.Formats.Contains(format ?? string.Empty))
        {
            Refused(t["Export as csv or xlsx."]);
            await ShowAsync(cancellationToken);
            return Page();
        }

        var own = (await roster.ReadAsync(Account, EmailIndex, "employees' enrolments and completions (exported)", cancellationToken)).FirstOrDefault(e => e.Id == employer);
        if (own is null)
        {
            return NotFound();
        }

        var (content, type, name) = EmployerRosterExport.Write(own, format);
        return File(content, type, name);
    }
}
