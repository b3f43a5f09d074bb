using System.Globalization;
using Custodian.Modules.Training.Enrolment;
using Custodian.Privacy.Abstractions.Access;
using Custodian.Privacy.Abstractions.Protection;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.Extensions.Localization;

namespace Custodian.Modules.Training.Pages.Training;

/// <summary>
/// The public enrolment form of one session: the person's details, company, the unticked marketing question and the
/// link to the register's privacy notice. The form carries a one-time token, so sending it twice (a double click, a
/// reload) enrols once and shows the same confirmation. Every bad field is shown beside the field at once.
/// </summary>
[EnableRateLimiting(RateLimits.PublicForms)]
internal sealed class EnrolModel(EnrolPerson enrol, EnrolmentMail sessions, IStringLocalizer<TrainingText> text) : TrainingPage
{
    private IReadOnlyDictionary<string, string[]> _errors = new Dictionary<string, string[]>();

    public EnrolmentMail.SessionText? Session { get; private set; }

    [BindProperty] public string? FirstName { get; set; }

    [BindProperty] public string? LastName { get; set; }

    [BindProperty] public string? Hetu { get; set; }

    [BindProperty] public string? Email { get; set; }

    [BindProperty] public string? Phone { get; set; }

    [BindProperty] public string? CompanyName { get; set; }

    [BindProperty] public string? CompanyBusinessId { get; set; }

    [BindProperty] public string? Position { get; set; }

    [BindProperty] public bool Marketing { get; set; }

    [BindProperty] public string? FormToken { get; set; }

    public EnrolPerson.Result? Result { get; private set; }

    public string? ErrorFor(string field) => _errors.TryGetValue(field, out var messages) ? string.Join(" ", messages.Select(m => text[m].Value)) : null;

    public bool HasErrors => _errors.Count > 0;

    /// <summary>A label in the page's language with the other register language beside it: "Etunimi / First name".</summary>
    public string Both(string english)
    {
        var here = text[english].Value;
        if (!InFinnish)
        {
            return here == english ? $"{english} / {InCulture("fi", english)}" : $"{here} / {english}";
        }

        return $"{here} / {english}";
    }

    public async Task<IActionResult> OnGetAsync(Guid sessionId, CancellationToken cancellationToken)
    {
        if (!await LoadAsync(sessionId, cancellationToken))
        {
            return NotFound();
        }

        FormToken = OneTimeTokens.New().Token;
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(Guid sessionId, CancellationToken cancellationToken)
    {
        if (!await LoadAsync(sessionId, cancellationToken))
        {
            return NotFound();
        }

        try
        {
            Result = await enrol.EnrolAsync(new EnrolPerson.Request(sessionId, new PersonInput(FirstName, LastName, Hetu, Email, Phone, CompanyName, CompanyBusinessId, Position), Marketing, FormToken), cancellationToken);
        }
        catch (TrainingInvalidException e)
        {
            _errors = e.Errors;
            Refused(text["Please correct the marked fields."]);
        }
        catch (TrainingConflictException e)
        {
            Problem = text[e.Message];
            Response.StatusCode = StatusCodes.Status409Conflict;
        }
        catch (TrainingNotFoundException)
        {
            return NotFound();
        }

        Hetu = null; // never sent back in the page
        return Page();
    }

    private async Task<bool> LoadAsync(Guid sessionId, CancellationToken cancellationToken)
    {
        try
        {
            Session = await sessions.SessionAsync(sessionId, cancellationToken);
            return true;
        }
        catch (InvalidOperationException)
        {
            return false;
        }
    }

    private string InCulture(string culture, string english)
    {
        var saved = CultureInfo.CurrentUICulture;
        try
        {
            CultureInfo.CurrentUICulture = CultureInfo.GetCultureInfo(culture);
            return text[english].Value;
        }
        finally
        {
            CultureInfo.CurrentUICulture = saved;
        }
    }
}
