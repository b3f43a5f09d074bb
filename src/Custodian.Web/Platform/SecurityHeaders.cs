using Custodian.Privacy.Abstractions.Hosting;

namespace Custodian.Web.Platform;

/// <summary>
/// Headers on every response. The CSP allows only our own origin: no inline script or style, no framing
/// (clickjacking on forms that hold personal data), no plugins.
/// </summary>
public static class SecurityHeaders
{
    public const string ContentSecurityPolicy =
        "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; font-src 'self'; " +
        "connect-src 'self'; form-action 'self'; frame-ancestors 'none'; base-uri 'self'; object-src 'none'";

    public static IApplicationBuilder UseSecurityHeaders(this IApplicationBuilder app) =>
        app.Use(async (context, next) =>
        {
            context.Response.OnStarting(() =>
            {
                var headers = context.Response.Headers;
                // A page that embeds a third party's widget widens only its own response.
                headers.ContentSecurityPolicy = context.Items[ContentSecurityAllowance.ItemKey] is ContentSecurityAllowance allow
                    ? ContentSecurityPolicy.Replace("script-src 'self'", "script-src 'self' " + allow.ScriptSource, StringComparison.Ordinal) + "; frame-src " + allow.FrameSource
                    : ContentSecurityPolicy;
                headers.XContentTypeOptions = "nosniff";
                if (context.Items[FrameAncestorsAllowance.ItemKey] is FrameAncestorsAllowance framing)
                {
                    // X-Frame-Options cannot name origins; browsers that know CSP (all current ones) follow frame-ancestors.
                    headers.ContentSecurityPolicy = headers.ContentSecurityPolicy.ToString().Replace("frame-ancestors 'none'", "frame-ancestors " + (framing.Origins.Length == 0 ? "'none'" : framing.Origins), StringComparison.Ordinal);
                }
                else
                {
                    headers.XFrameOptions = "DENY";
                }

                headers["Referrer-Policy"] = "no-referrer";
                headers["Cross-Origin-Opener-Policy"] = "same-origin";
                headers["Permissions-Policy"] = "camera=(), microphone=(), geolocation=(), payment=()";
                return Task.CompletedTask;
            });
            await next(context);
        });
}
