using Custodian.Modules.Training.Marketing;
using Custodian.Modules.Training.SelfService;
using Custodian.Modules.Training.SignIn;
using Custodian.Privacy.Abstractions.Access;
using Custodian.Privacy.Abstractions.Requests;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Localization;

namespace Custodian.Modules.Training.Pages.Training;

/// <summary>
/// The trainee's own page: enrolments (cancel one), cards with validity, their data, and the privacy actions in one
/// click each, carried out through the kernel's request flow (download, correct, erase, restrict) or the stop-marketing
/// use case. The person is looked up again on every request by the blind index of the address the link went to.
/// </summary>
internal sealed class MeModel(OwnTrainingRecord record, CancelOwnEnrolment cancel, StopMarketing marketing, ISignedInRequests requests, ISessions sessions, TimeProvider clock, IStringLocalizer<TrainingText> t) : TrainingPage
{
    private const string SignedInHow = "Signed in to card training with a single-use link sent to the address given on enrolment.";

    public OwnTrainingRecord.View View { get; private set; } = new([], false);

    public DateOnly Today { get; private set; }

    public IReadOnlyList<(string Field, string Label)> CorrectableFields { get; } =
        [("first_name", "First name"), ("last_name", "Last name"), ("email", "E-mail"), ("phone", "Phone"), ("hetu", "Personal identity code")];

    private byte[] EmailIndex => TrainingSession.EmailIndex(User) ?? [];

    public Task OnGetAsync(CancellationToken cancellationToken) => ShowAsync(cancellationToken);

    public async Task<IActionResult> OnPostCancelAsync(Guid enrolment, CancellationToken cancellationToken)
    {
        try
        {
            await cancel.CancelAsync(Account, EmailIndex, enrolment, cancellationToken);
            Message = t["The enrolment is cancelled."];
        }
        catch (TrainingInputException e)
        {
            Refused(t[e.Message]);
        }
        catch (TrainingNotFoundException)
        {
            return NotFound();
        }

        await ShowAsync(cancellationToken);
        return Page();
    }

    /// <summary>"Download my data": an access request verified by the session and carried out at once; the copy downloads once.</summary>
    public async Task<IActionResult> OnPostDownloadAsync(CancellationToken cancellationToken)
    {
        if (await OwnEmailAsync(cancellationToken) is not { } email)
        {
            return NotFound();
        }

        var result = await requests.RunAsync(TrainingModule.Register, "access", email, SignedInHow, cancellationToken);
        if (result.DownloadToken is { } token)
        {
            return Redirect("/privacy/requests/download/" + token);
        }

        return await FailedAsync(result.Outcome, cancellationToken);
    }

    public async Task<IActionResult> OnPostCorrectAsync(Guid trainee, string? field, string? value, CancellationToken cancellationToken)
    {
        if (await OwnEmailAsync(cancellationToken) is not { } email || View.People.All(p => p.TraineeId != trainee))
        {
            return NotFound();
        }

        if (CorrectableFields.All(f => f.Field != field) || string.IsNullOrWhiteSpace(value))
        {
            return await FailedAsync(t["Choose the field and write the corrected value."], cancellationToken);
        }

        var result = await requests.CorrectAsync(TrainingModule.Register, email, SignedInHow, new RecordRef(TrainingModule.Register, "trainee", trainee.ToString("D")), field!, value!, cancellationToken);
        if (!result.Taken)
        {
            return await FailedAsync(result.Outcome, cancellationToken);
        }

        Message = t["Your data is corrected."];
        if (field == "email")
        {
            // The session was opened for the old address: sign in again with the new one.
            await SignOutAsync(cancellationToken);
            return Redirect("/training/sign-in");
        }

        await ShowAsync(cancellationToken);
        return Page();
    }

    public async Task<IActionResult> OnPostEraseAsync(bool confirmed, CancellationToken cancellationToken)
    {
        if (await OwnEmailAsync(cancellationToken) is not { } email)
        {
            return NotFound();
        }

        if (!confirmed)
        {
            return await FailedAsync(t["Tick the box to confirm that your data is to be erased."], cancellationToken);
        }

        var result = await requests.RunAsync(TrainingModule.Register, "erasure", email, SignedInHow + " Confirmed on the page.", cancellationToken);
        if (!result.Taken)
        {
            return await FailedAsync(result.Outcome, cancellationToken);
        }

        Message = result.Outcome;
        await ShowAsync(cancellationToken);
        if (View.People.Count == 0)
        {
            await SignOutAsync(cancellationToken);
        }

        return Page();
    }

    public async Task<IActionResult> OnPostRestrictAsync(CancellationToken cancellationToken)
    {
        if (await OwnEmailAsync(cancellationToken) is not { } email)
        {
            return NotFound();
        }

        var result = await requests.RunAsync(TrainingModule.Register, "restriction", email, SignedInHow, cancellationToken);
        if (!result.Taken)
        {
            return await FailedAsync(result.Outcome, cancellationToken);
        }

        Message = t["Processing of your data is restricted: it is only stored until the restriction is lifted."];
        await ShowAsync(cancellationToken);
        return Page();
    }

    public async Task<IActionResult> OnPostStopMarketingAsync(CancellationToken cancellationToken)
    {
        await ShowAsync(cancellationToken);
        if (View.People.Count == 0)
        {
            return NotFound();
        }

        foreach (var person in View.People)
        {
            await marketing.StopAsync(person.Subject, EmailIndex, "self-service", cancellationToken);
        }

        Message = t["No more course offers are sent to you."];
        await ShowAsync(cancellationToken);
        return Page();
    }

    private async Task<string?> OwnEmailAsync(CancellationToken cancellationToken)
    {
        await ShowAsync(cancellationToken);
        return View.People.Select(p => p.Email).FirstOrDefault(e => e is not null);
    }

    private async Task<IActionResult> FailedAsync(string problem, CancellationToken cancellationToken)
    {
        Refused(problem);
        await ShowAsync(cancellationToken);
        return Page();
    }

    private async Task ShowAsync(CancellationToken cancellationToken)
    {
        View = await record.ReadAsync(Account, EmailIndex, cancellationToken);
        Today = Privacy.Abstractions.Time.LocalDays.Helsinki(clock.GetUtcNow());
    }

    private async Task SignOutAsync(CancellationToken cancellationToken)
    {
        await sessions.EndAllAsync(Account, "signed out after a change of the trainee's own data", cancellationToken);
        await HttpContext.SignOutAsync(CookieAuthenticationDefaults.AuthenticationScheme);
    }
}
