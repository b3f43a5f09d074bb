using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.Filters;

namespace Custodian.Web.Platform;

/// <summary>
/// A page answers only the methods and handlers it has. Razor Pages would otherwise render a page without running any
/// handler (<c>PUT /seller</c>, <c>POST /seller?handler=typo</c>), and a page whose model is filled by its handler fails
/// with a 500. A handler name the page does not have is a 404; a method it has no handler for is a 405 (with Allow).
/// A plain GET still shows a page without a GET handler (the sign-out page says "signed out" that way).
/// </summary>
internal sealed class PageHandlers : IPageFilter
{
    public void OnPageHandlerSelected(PageHandlerSelectedContext context)
    {
    }

    public void OnPageHandlerExecuting(PageHandlerExecutingContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var http = context.HttpContext;
        if (context.HandlerMethod is not null
            || http.Features.Get<IStatusCodeReExecuteFeature>() is not null
            || http.Features.Get<IExceptionHandlerFeature>() is not null)
        {
            return; // a handler runs, or an error page is shown for whatever method failed
        }

        var request = http.Request;
        var named = context.RouteData.Values["handler"] is { } routeHandler && routeHandler.ToString() is { Length: > 0 }
            || request.Query["handler"].Any(h => !string.IsNullOrEmpty(h));
        var read = HttpMethods.IsGet(request.Method) || HttpMethods.IsHead(request.Method);
        if (read && !named)
        {
            return;
        }

        var methods = context.ActionDescriptor.HandlerMethods.Select(h => h.HttpMethod.ToUpperInvariant()).Append("GET").Append("HEAD")
            .Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToList();
        if (methods.Contains(request.Method.ToUpperInvariant(), StringComparer.Ordinal))
        {
            context.Result = new NotFoundResult();
            return;
        }

        http.Response.Headers.Allow = string.Join(", ", methods);
        context.Result = new StatusCodeResult(StatusCodes.Status405MethodNotAllowed);
    }

    public void OnPageHandlerExecuted(PageHandlerExecutedContext context)
    {
    }
}
