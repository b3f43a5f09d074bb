using Microsoft.AspNetCore.Authentication.Cookies;

namespace Custodian.Web.Platform;

/// <summary>
/// Cookie sign-in shell: the cookie and its lifetime. The ways to obtain it (Telegram login, e-mail link, operator
/// link) and the role policies are added by the modules and the kernel that use them.
/// </summary>
public static class SignIn
{
    public static WebApplicationBuilder AddSignIn(this WebApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.Services
            .AddAuthentication(CookieAuthenticationDefaults.AuthenticationScheme)
            .AddCookie(options =>
            {
                options.Cookie.Name = "custodian.session";
                options.Cookie.HttpOnly = true;
                options.Cookie.SameSite = SameSiteMode.Lax;
                options.Cookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
                options.ExpireTimeSpan = TimeSpan.FromHours(8);
                options.SlidingExpiration = true;
                options.LoginPath = "/account/sign-in";
                options.AccessDeniedPath = "/account/denied";
                // APIs answer 401/403; only pages redirect to the sign-in page.
                options.Events.OnRedirectToLogin = context => Answer(context, StatusCodes.Status401Unauthorized);
                options.Events.OnRedirectToAccessDenied = context => Answer(context, StatusCodes.Status403Forbidden);
            });
        builder.Services.AddScoped<OperatorSignInLinks>();
        // Each module registers the policies of its roles; the kernel registers the operators'.
        return builder;
    }

    private static Task Answer(Microsoft.AspNetCore.Authentication.RedirectContext<CookieAuthenticationOptions> context, int status)
    {
        if (WebPlatform.IsApi(context.HttpContext))
        {
            context.Response.StatusCode = status;
        }
        else
        {
            context.Response.Redirect(context.RedirectUri);
        }

        return Task.CompletedTask;
    }
}
