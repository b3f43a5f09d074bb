using System.Diagnostics;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.Filters;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;

namespace Custodian.Web.Pages;

/// <summary>The page people see for 4xx/5xx; it never shows exception details, only a reference id.</summary>
[IgnoreAntiforgeryToken]
[ResponseCache(Duration = 0, Location = ResponseCacheLocation.None, NoStore = true)]
public sealed class ErrorModel(IStringLocalizer<SharedResource> text) : PageModel
{
    public string Title { get; private set; } = string.Empty;
    public string Explanation { get; private set; } = string.Empty;
    public string TraceId { get; private set; } = string.Empty;

    // No handler parameters: a re-executed POST must not bind (and so re-read) a form that already failed.
    public void OnGet()
    {
    }

    public void OnPost()
    {
    }

    /// <summary>Runs for every method, also those the page has no handler for (a failed PUT is re-executed as a PUT).</summary>
    [NonHandler] // a filter method, not a handler named "HandlerExecuting" for the method PAGE
    public override void OnPageHandlerExecuting(PageHandlerExecutingContext context) => Describe();

    private void Describe()
    {
        // The status is the error's: the one the exception handler chose (a malformed request keeps its 4xx), or the one
        // a status page re-executes for. Opened directly (/error/500), the page is simply not found: nothing failed.
        var code = HttpContext.Features.Get<IExceptionHandlerFeature>() is not null ? Response.StatusCode
            : HttpContext.Features.Get<IStatusCodeReExecuteFeature>() is { } reExecuted ? reExecuted.OriginalStatusCode
            : StatusCodes.Status404NotFound;
        TraceId = Activity.Current?.Id ?? HttpContext.TraceIdentifier;
        Response.StatusCode = code is >= 400 and <= 599 ? code : StatusCodes.Status404NotFound;
        (Title, Explanation) = Response.StatusCode switch
        {
            404 => (text["Page not found"], text["The address may be mistyped, or the page has moved."]),
            400 => (text["The request could not be understood"], text["Please go back and try again."]),
            403 => (text["Access denied"], text["Your role does not allow this page. Ask your administrator if you need access."]),
            _ when Response.StatusCode >= 500 => (text["Something went wrong on our side"], text["The error has been recorded. Please try again later."]),
            _ => (text["The request could not be completed"], text["Please go back and try again."]),
        };
    }
}
