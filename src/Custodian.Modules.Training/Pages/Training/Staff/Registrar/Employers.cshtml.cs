using Custodian.Modules.Training.Employers;
using Custodian.Modules.Training.Staff;
using Microsoft.AspNetCore.Mvc;

namespace Custodian.Modules.Training.Pages.Training.Staff.Registrar;

/// <summary>
/// The companies that enrol and pay for their employees: the registrar registers one (billing by e-invoice or post, the
/// contact person who then signs in by e-mail link at /training/sign-in) and sees the list.
/// </summary>
internal sealed class EmployersModel(ListEmployers list) : StaffPage
{
    public IReadOnlyList<ListEmployers.Item> Employers { get; private set; } = [];

    public async Task OnGetAsync(string? done, CancellationToken cancellationToken)
    {
        Message = done == "registered" ? "Company registered. Its contact person can now sign in with their e-mail address to enrol employees." : null;
        Employers = await list.ListAsync(cancellationToken);
    }

    public Task<IActionResult> OnPostAsync([FromForm] RegisterEmployer.Input input, [FromServices] RegisterEmployer register, CancellationToken cancellationToken) =>
        FormAsync(
            () => register.RegisterAsync(TrainingAudit.Actor(Staff.Account), input, cancellationToken),
            "/training/staff/employers?done=registered",
            async () => Employers = await list.ListAsync(cancellationToken));
}
