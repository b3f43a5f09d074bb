using Custodian.Privacy.Requests;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Custodian.Privacy.Pages.OperatorConsole;

/// <summary>
/// An operator page about one record (request, breach) whose buttons run kernel actions: after an action the page
/// is loaded afresh (redirect, or shown directly when it carries a one-time result); a refusal is shown with 400.
/// </summary>
public abstract class OperatorActionPage : PageModel
{
    public string? Error { get; private set; }

    /// <summary>Loads the record; false when there is none (404).</summary>
    protected abstract Task<bool> LoadAsync(string reference, CancellationToken cancellationToken);

    protected async Task<IActionResult> ActAsync(string path, string reference, Func<Task> action, CancellationToken cancellationToken, bool redirect = true)
    {
        ArgumentNullException.ThrowIfNull(action);
        try
        {
            await action();
            if (redirect)
            {
                return Redirect(path + reference);
            }
        }
        catch (RequestRefusedException e)
        {
            Error = e.Message;
            Response.StatusCode = StatusCodes.Status400BadRequest;
        }

        return await LoadAsync(reference, cancellationToken) ? Page() : NotFound();
    }
}
