using Custodian.Modules.Training.SignIn;
using Custodian.Privacy.Abstractions.Audit;
using Microsoft.AspNetCore.Mvc;

namespace Custodian.Modules.Training.Pages.Training;

/// <summary>Opens a training sign-in link: only the button uses it up (mail scanners and link previews open links).</summary>
internal sealed class SignInLinkModel(TrainingSignInLinks signInLinks, TrainingDb db, IAuditLog audit) : TrainingPage
{
    public bool Valid { get; private set; }

    public async Task OnGetAsync(string token, CancellationToken cancellationToken)
    {
        Valid = await signInLinks.RedeemAsync(token, peekOnly: true, cancellationToken) is not null;
        if (!Valid)
        {
            Response.StatusCode = StatusCodes.Status400BadRequest;
        }
    }

    public async Task<IActionResult> OnPostAsync(string token, CancellationToken cancellationToken)
    {
        if (await signInLinks.RedeemAsync(token, peekOnly: false, cancellationToken) is not { } index
            || await TrainingPeople.OfAsync(db, index, cancellationToken) is not { } people || (!people.IsTrainee && !people.IsEmployerContact))
        {
            Response.StatusCode = StatusCodes.Status400BadRequest;
            return Page();
        }

        await TrainingSession.SignInAsync(HttpContext, index, people);
        await audit.AppendAsync([.. people.TraineeSubjects.Select(s => new AuditEvent("account:" + TrainingSession.AccountOf(people), "training signed in by e-mail link", s, TrainingModule.Register))], cancellationToken);
        return LocalRedirect(people.IsTrainee ? "/training/me" : "/training/employer");
    }
}
