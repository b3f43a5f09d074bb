using System.Globalization;
using Custodian.Privacy.Declarations;
using Custodian.Privacy.Requests;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Custodian.Privacy.Pages.OperatorConsole;

/// <summary>Open requests by due date (overdue and due-soon flagged), and intake of requests that arrived outside the web form.</summary>
public sealed class RequestListModel(OpenRequests requests, SubmitRequest.Intake intake, RegisterCatalog registers) : PageModel
{
    private readonly Dictionary<string, string> _errors = new(StringComparer.Ordinal);

    public IReadOnlyList<OpenRequests.Row> Rows { get; private set; } = [];

    public IReadOnlyList<string> Registers { get; } = [.. registers.Registers.Select(r => r.Id).Order(StringComparer.Ordinal)];

    public bool IncludeClosed { get; private set; }

    [BindProperty]
    public string? Register { get; set; }

    [BindProperty]
    public string? Kind { get; set; }

    [BindProperty]
    public RequestChannel Channel { get; set; } = RequestChannel.Email;

    [BindProperty]
    public string? ReceivedOn { get; set; }

    [BindProperty]
    public string? Email { get; set; }

    [BindProperty]
    public string? Details { get; set; }

    public string? ErrorFor(string field) => _errors.GetValueOrDefault(field);

    public async Task OnGetAsync(bool all, CancellationToken cancellationToken)
    {
        IncludeClosed = all;
        Rows = await requests.ListAsync(all, cancellationToken);
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken cancellationToken)
    {
        try
        {
            if (!DateOnly.TryParseExact(ReceivedOn, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var received))
            {
                throw new RequestRefusedException("receivedOn", "Give the day the request arrived (YYYY-MM-DD).");
            }

            if (Channel is not (RequestChannel.Email or RequestChannel.Telegram or RequestChannel.Paper))
            {
                throw new RequestRefusedException("channel", "Requests registered here arrived by e-mail, Telegram or paper.");
            }

            var receipt = await intake.SubmitAsync(new SubmitRequest.Request(Register, Kind, Email, Details, "en"), Channel, received, cancellationToken);
            return Redirect("/operator/requests/" + receipt.Reference);
        }
        catch (RequestRefusedException e)
        {
            _errors[e.Field] = e.Message;
            Response.StatusCode = StatusCodes.Status400BadRequest;
            Rows = await requests.ListAsync(false, cancellationToken);
            return Page();
        }
    }
}
