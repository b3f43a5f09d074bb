using System.Globalization;
using Microsoft.AspNetCore.Localization;
using Microsoft.AspNetCore.Antiforgery;

namespace Custodian.Web.Platform;

/// <summary>
/// ru / fi / en. The language comes from the culture cookie the switch in the layout sets, else from the
/// browser's Accept-Language, else English. Strings are keyed by their English text in Resources/SharedResource.
/// </summary>
public static class Localisation
{
    public static readonly IReadOnlyList<string> Languages = ["en", "fi", "ru"];

    public static WebApplicationBuilder AddLocalisation(this WebApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.Services.AddLocalization(options => options.ResourcesPath = "Resources");
        builder.Services.Configure<RequestLocalizationOptions>(options =>
        {
            var cultures = Languages.Select(l => new CultureInfo(l)).ToList();
            options.DefaultRequestCulture = new RequestCulture("en");
            options.SupportedCultures = cultures;
            options.SupportedUICultures = cultures;
            options.RequestCultureProviders =
            [
                new CookieRequestCultureProvider(),
                new AcceptLanguageHeaderRequestCultureProvider(),
            ];
        });
        return builder;
    }

    public static IApplicationBuilder UseLocalisation(this IApplicationBuilder app) => app.UseRequestLocalization();

    /// <summary><c>POST /culture</c> from the layout's language form: remembers the choice for a year.</summary>
    public static IEndpointRouteBuilder MapCultureSwitch(this IEndpointRouteBuilder endpoints)
    {
        // Anyone may choose a language. Antiforgery is checked explicitly so a stale token is a 400 problem, not an exception.
        endpoints.MapPost("/culture", SwitchCulture).AllowAnonymous().DisableAntiforgery().WithName("SwitchCulture");
        return endpoints;
    }

    internal static async Task<IResult> SwitchCulture(HttpContext context, IAntiforgery antiforgery)
    {
        if (!context.Request.HasFormContentType || !await antiforgery.IsRequestValidAsync(context))
        {
            return TypedResults.Problem(
                title: "The form has expired.",
                detail: "Reload the page and choose the language again.",
                statusCode: StatusCodes.Status400BadRequest);
        }

        IFormCollection form;
        try
        {
            form = await context.Request.ReadFormAsync(context.RequestAborted);
        }
        catch (InvalidDataException)
        {
            // A multipart body without its boundary, or cut short: the client's error.
            return TypedResults.Problem(title: "The form could not be read.", detail: "Send the language form as the page does.", statusCode: StatusCodes.Status400BadRequest);
        }
        catch (IOException e) when (e is not BadHttpRequestException)
        {
            return TypedResults.Problem(title: "The form could not be read.", detail: "Send the language form as the page does.", statusCode: StatusCodes.Status400BadRequest);
        }
        string? culture = form["culture"];
        string? returnUrl = form["returnUrl"];
        var errors = new Dictionary<string, string[]>();
        if (culture is null || !Languages.Contains(culture))
        {
            errors["culture"] = [$"Choose one of: {string.Join(", ", Languages)}."];
        }

        var target = string.IsNullOrEmpty(returnUrl) ? "/" : returnUrl;
        // Only local paths: an open redirect would let a phishing link borrow our domain.
        if (!target.StartsWith('/') || target.StartsWith("//", StringComparison.Ordinal) || target.StartsWith("/\\", StringComparison.Ordinal))
        {
            errors["returnUrl"] = ["Must be a path on this site."];
        }

        if (errors.Count > 0)
        {
            return TypedResults.ValidationProblem(errors, title: "The language could not be changed.");
        }

        context.Response.Cookies.Append(
            CookieRequestCultureProvider.DefaultCookieName,
            CookieRequestCultureProvider.MakeCookieValue(new RequestCulture(culture!)),
            new CookieOptions { MaxAge = TimeSpan.FromDays(365), IsEssential = true, SameSite = SameSiteMode.Lax, HttpOnly = true });
        return TypedResults.LocalRedirect(target);
    }
}
