using Custodian.Privacy.Abstractions.Access;
using System.Text.Encodings.Web;
using System.Text.Unicode;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.HttpOverrides;
using Microsoft.Extensions.WebEncoders;

namespace Custodian.Web.Platform;

/// <summary>Cross-cutting web concerns every area relies on, registered and ordered in one place.</summary>
public static class WebPlatform
{
    public static WebApplicationBuilder AddWebPlatform(this WebApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.Services.AddProblemDetails(options => options.CustomizeProblemDetails = context =>
            context.ProblemDetails.Extensions["traceId"] = context.HttpContext.TraceIdentifier);
        builder.Services.AddRazorPages(options =>
            {
                // Every page declares who may open it: the shell's pages here, each module's in its Add method.
                options.Conventions.AllowAnonymousToPage("/Index");
                options.Conventions.AllowAnonymousToPage("/Error");
                options.Conventions.AllowAnonymousToFolder("/Account");
                options.Conventions.AuthorizePage("/Operator/Index", AccessPolicies.Operator);
                options.Conventions.ConfigureFilter(new PageHandlers()); // every page of every module
            })
            .AddViewLocalization()
            .AddDataAnnotationsLocalization(options =>
                options.DataAnnotationLocalizerProvider = (_, factory) => factory.Create(typeof(SharedResource)));
        builder.Services.AddAntiforgery(options =>
        {
            options.Cookie.Name = "custodian.af";
            options.Cookie.SameSite = SameSiteMode.Strict;
            options.Cookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
        });
        // Finnish and Russian text stays readable in the HTML; markup characters are still escaped.
        builder.Services.Configure<WebEncoderOptions>(options => options.TextEncoderSettings = new TextEncoderSettings(UnicodeRanges.All));
        builder.Services.AddHsts(options => options.MaxAge = TimeSpan.FromDays(365));
        builder.AddFormRateLimits();
        // Behind the TLS-terminating proxy the scheme arrives in X-Forwarded-Proto; without it neither HSTS nor
        // secure cookies would apply. Only proxies on loopback and in ReverseProxy:KnownProxies are trusted.
        var knownProxies = builder.Configuration.GetSection("ReverseProxy:KnownProxies").Get<string[]>() ?? [];
        builder.Services.Configure<ForwardedHeadersOptions>(options =>
        {
            options.ForwardedHeaders = ForwardedHeaders.XForwardedFor | ForwardedHeaders.XForwardedProto;
            foreach (var proxy in knownProxies)
            {
                options.KnownProxies.Add(System.Net.IPAddress.TryParse(proxy, out var address)
                    ? address
                    : throw new Storage.SettingProblemException("ReverseProxy:KnownProxies", $"'{proxy}' is not an IP address."));
            }
        });
        builder.Services.AddScoped<ShellLinks>();
        builder.AddLocalisation();
        return builder;
    }

    public static WebApplication UseWebPlatform(this WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);
        app.UseForwardedHeaders();
        app.UseSecurityHeaders();
        if (!app.Environment.IsDevelopment())
        {
            app.UseHsts();
        }

        // JSON clients get problem details; people get a page in their language.
        app.UseWhen(IsApi, api =>
        {
            api.UseExceptionHandler(new ExceptionHandlerOptions { StatusCodeSelector = StatusFor });
            api.UseStatusCodePages();
        });
        app.UseWhen(context => !IsApi(context), pages =>
        {
            pages.UseExceptionHandler(new ExceptionHandlerOptions
            {
                ExceptionHandlingPath = "/error/500",
                StatusCodeSelector = StatusFor,
            });
            pages.UseStatusCodePagesWithReExecute("/error/{0}");
        });
        app.UseUnreadableBodyRefusal();
        app.UseStaticFiles();
        app.UseLocalisation();
        app.UseRouting();
        app.UseAuthentication();
        app.UseAuthorization();
        app.UseRateLimiter();
        app.UseAntiforgery();
        return app;
    }

    /// <summary>
    /// A body in a charset .NET cannot decode (<c>application/json; charset=no-such-charset</c>) is the client's error:
    /// 415 before any reader throws on it (the JSON and form readers fail with an exception, which would be a 500).
    /// </summary>
    private static IApplicationBuilder UseUnreadableBodyRefusal(this IApplicationBuilder app) => app.Use(async (context, next) =>
    {
        if (context.Request.ContentType is { } type && Microsoft.Net.Http.Headers.MediaTypeHeaderValue.TryParse(type, out var media)
            && media.Charset is { Length: > 0 } charset && !IsKnownEncoding(charset.Value!.Trim('"')))
        {
            context.Response.StatusCode = StatusCodes.Status415UnsupportedMediaType;
            return;
        }

        await next(context);
    });

    private static bool IsKnownEncoding(string charset)
    {
        try
        {
            _ = System.Text.Encoding.GetEncoding(charset);
            return true;
        }
        catch (ArgumentException)
        {
            return false;
        }
    }

    // Malformed requests (bad form, oversized body) are the client's error, not ours.
    private static int StatusFor(Exception e) =>
        e is BadHttpRequestException bad ? bad.StatusCode : StatusCodes.Status500InternalServerError;

    // /local is the CLI's operator channel (ADR 0014): a machine caller, answered with problem details like the APIs.
    public static bool IsApi(HttpContext context) =>
        context.Request.Path.StartsWithSegments("/api") || context.Request.Path.StartsWithSegments("/healthz") || context.Request.Path.StartsWithSegments("/local")
        || context.Features.Get<IStatusCodeReExecuteFeature>()?.OriginalPath.StartsWith("/api", StringComparison.Ordinal) == true;
}
