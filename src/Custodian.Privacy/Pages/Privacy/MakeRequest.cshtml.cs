using Custodian.Privacy.Abstractions.Access;
using System.Globalization;
using Custodian.Privacy.Declarations;
using Custodian.Privacy.Requests;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Custodian.Privacy.Pages.Privacy;

/// <summary>The public request form of one register: the kinds it offers, the e-mail address, optional details.</summary>
[Microsoft.AspNetCore.RateLimiting.EnableRateLimiting(RateLimits.PublicForms)]
public sealed class MakeRequestModel(RegisterCatalog registers, SubmitRequest.Intake intake) : PageModel
{
    private readonly Dictionary<string, string> _errors = new(StringComparer.Ordinal);

    public sealed record KindOption(string Value, string Label);

    public string RegisterTitle { get; private set; } = string.Empty;

    public IReadOnlyList<KindOption> OfferedKinds { get; private set; } = [];

    [BindProperty]
    public string? Kind { get; set; }

    [BindProperty]
    public string? Email { get; set; }

    [BindProperty]
    public string? Details { get; set; }

    public SubmitRequest.Receipt? Receipt { get; private set; }

    public static readonly IReadOnlyList<KindOption> AllKinds =
    [
        new("access", "A copy of my data and how it is used"),
        new("portability", "My data in a machine-readable form (JSON, CSV)"),
        new("rectification", "Correct my data"),
        new("erasure", "Erase my data"),
        new("restriction", "Restrict the use of my data"),
        new("objection", "Object to a use of my data (e.g. marketing)"),
        new("consent-withdrawal", "Withdraw my consent"),
    ];

    public string? ErrorFor(string field) => _errors.GetValueOrDefault(field);

    public IActionResult OnGet(string register) => Load(register) ? Page() : NotFound();

    public async Task<IActionResult> OnPostAsync(string register, CancellationToken cancellationToken)
    {
        if (!Load(register))
        {
            return NotFound();
        }

        try
        {
            Receipt = await intake.SubmitAsync(new SubmitRequest.Request(register, Kind, Email, Details, CultureInfo.CurrentUICulture.TwoLetterISOLanguageName), RequestChannel.WebForm, null, cancellationToken);
        }
        catch (RequestRefusedException e)
        {
            _errors[e.Field] = e.Message;
            Response.StatusCode = StatusCodes.Status400BadRequest;
        }

        return Page();
    }

    private bool Load(string register)
    {
        if (registers.Find(register) is not { } declared)
        {
            return false;
        }

        RegisterTitle = declared.Title.In(CultureInfo.CurrentUICulture.TwoLetterISOLanguageName);
        OfferedKinds = [.. AllKinds.Where(k => SubmitRequest.TryParseKind(k.Value, out var kind) && declared.Rights.Contains(SubmitRequest.RightOf(kind)))];
        return true;
    }
}
