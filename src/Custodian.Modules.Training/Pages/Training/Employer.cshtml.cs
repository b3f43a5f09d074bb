using Custodian.Modules.Training.Employers;
using Custodian.Modules.Training.SignIn;
using Microsoft.AspNetCore.Mvc;

namespace Custodian.Modules.Training.Pages.Training;

/// <summary>
/// An employer's contact person: their employees' enrolments and completions (only this employer's), the list as CSV
/// or XLSX, and group enrolment into a session. The employer is looked up on every request by the blind index of the
/// address the sign-in link went to, so a changed contact sees nothing more.
/// </summary>
internal sealed class EmployerModel(EmployerRoster roster) : TrainingPage
{
    public IReadOnlyList<EmployerRoster.Employer> Employers { get; private set; } = [];

    private byte[] EmailIndex => TrainingSession.EmailIndex(User) ?? [];

    public async Task OnGetAsync(CancellationToken cancellationToken) =>
        Employers = await roster.ReadAsync(Account, EmailIndex, "employees' enrolments and completions", cancellationToken);

    public async Task<IActionResult> OnGetExportAsync(Guid employer, string? format, CancellationToken cancellationToken)
    {
        if (!EmployerRosterExport.Formats.Contains(format ?? string.Empty))
        {
            Refused("Export as csv or xlsx.");
            await OnGetAsync(cancellationToken);
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
