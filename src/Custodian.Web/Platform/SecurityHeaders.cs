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

    /// <summary>The page embeds the Telegram Login Widget: its script from telegram.org and its frame from oauth.telegram.org.</summary>
    public static void AllowTelegramLoginWidget(HttpContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        context.Items[TelegramWidgetItem] = true;
    }

    private const string TelegramWidgetItem = "csp:telegram-login-widget";

    public static IApplicationBuilder UseSecurityHeaders(this IApplicationBuilder app) =>
        app.Use(async (context, next) =>
        {
            context.Response.OnStarting(() =>
            {
                var headers = context.Response.Headers;
                headers.ContentSecurityPolicy = context.Items.ContainsKey(TelegramWidgetItem)
                    ? ContentSecurityPolicy.Replace("script-src 'self'", "script-src 'self' https://telegram.org", StringComparison.Ordinal) + "; frame-src https://oauth.telegram.org"
                    : ContentSecurityPolicy;
                headers.XContentTypeOptions = "nosniff";
                headers.XFrameOptions = "DENY";
                headers["Referrer-Policy"] = "no-referrer";
                headers["Cross-Origin-Opener-Policy"] = "same-origin";
                headers["Permissions-Policy"] = "camera=(), microphone=(), geolocation=(), payment=()";
                return Task.CompletedTask;
            });
            await next(context);
        });
}
