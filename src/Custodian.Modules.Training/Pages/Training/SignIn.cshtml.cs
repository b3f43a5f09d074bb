using Custodian.Modules.Training.SignIn;
using Custodian.Privacy.Abstractions.Access;
using Microsoft.AspNetCore.RateLimiting;

namespace Custodian.Modules.Training.Pages.Training;

/// <summary>
/// Asks for a sign-in link: checks only the address's form and hands it to the mailer's queue, so the answer is the
/// same, and as quick, for a trainee's address, a contact person's, a stranger's or one over its limit.
/// </summary>
[EnableRateLimiting(RateLimits.PublicForms)]
internal sealed class SignInModel(TrainingSignInQueue queue) : TrainingPage
{
    public bool Sent { get; private set; }

    public string? EmailError { get; private set; }

    public void OnPost(string? email)
    {
        if (TrainingSignInLinks.AddressProblem(email) is not null)
        {
            EmailError = "Check the e-mail address.";
            Response.StatusCode = StatusCodes.Status400BadRequest;
            return;
        }

        queue.Enqueue(email!, InFinnish ? "fi" : "en");
        Sent = true;
    }
}
