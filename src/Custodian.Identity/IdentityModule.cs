using Custodian.Identity.OpenIdConnect;
using Custodian.Identity.Sessions;
using Custodian.Identity.Staff;
using Custodian.Privacy.Abstractions.Access;
using Custodian.Privacy.Abstractions.Hosting;
using Custodian.Privacy.Abstractions.Scheduling;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace Custodian.Identity;

/// <summary>
/// Identity, a vertical slice every service uses (<c>builder.AddIdentity(...)</c>): the session cookie with its
/// server-side sessions (every module's sign-in gets one without knowing), staff accounts with password + TOTP or the
/// organisation's OpenID Connect, re-authentication for dangerous actions, the people's own sessions page and the
/// administrators' staff page. Its CLI verbs: <see cref="Cli.StaffCommands.AddStaffCommands"/>.
/// </summary>
public static class IdentityModule
{
    /// <param name="isApi">The host's rule for API requests: they get 401/403 instead of a redirect to the sign-in page.</param>
    public static IHostApplicationBuilder AddIdentity(this IHostApplicationBuilder builder, Func<HttpContext, bool> isApi)
    {
        ArgumentNullException.ThrowIfNull(builder);
        var services = builder.Services;
        services.AddDbContext<IdentityDb>();
        services.AddMemoryCache();
        services.AddOptions<SessionOptions>().Bind(builder.Configuration.GetSection(SessionOptions.Section))
            .Validate(o => o.IdleTimeout > TimeSpan.Zero && o.StaffLifetime > TimeSpan.Zero && o.PeopleLifetime > TimeSpan.Zero && o.CheckCache >= TimeSpan.Zero,
                "Identity:Sessions: IdleTimeout, StaffLifetime and PeopleLifetime must be above zero, CheckCache zero or more.")
            .ValidateOnStart();
        services.AddOptions<StaffSignInOptions>().Bind(builder.Configuration.GetSection(StaffSignInOptions.Section))
            .Validate(o => o.AttemptsBeforeLock > 0 && o.FailuresPerAddress > 0 && o.LockFor > TimeSpan.Zero && o.AddressWindow > TimeSpan.Zero,
                "Identity:Staff: AttemptsBeforeLock, FailuresPerAddress, LockFor and AddressWindow must be above zero.")
            .ValidateOnStart();
        services.AddSingleton(new SessionCookieEvents.ApiRequests(isApi));
        services.AddSingleton<ServerSessions>();
        services.AddSingleton<ISessions>(sp => sp.GetRequiredService<ServerSessions>());
        services.AddScoped<SessionCookieEvents>();
        services.AddSingleton<IScheduledWork, SessionRetention>();
        services.AddScoped<AddStaffAccount>();
        services.AddScoped<StaffSignInFlow>();
        services.AddScoped<StaffEnrolment>();
        services.AddScoped<ManageStaff>();
        services.AddScoped<ListSessions>();
        var authentication = services.AddAuthentication(CookieAuthenticationDefaults.AuthenticationScheme)
            .AddCookie(options =>
            {
                options.Cookie.Name = "custodian.session";
                options.Cookie.HttpOnly = true;
                options.Cookie.SameSite = SameSiteMode.Lax;
                options.Cookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
                options.ExpireTimeSpan = TimeSpan.FromDays(14); // the server-side session decides sooner (idle, lifetime, revocation)
                options.SlidingExpiration = true;
                options.LoginPath = "/account/sign-in";
                options.AccessDeniedPath = "/account/denied";
                options.EventsType = typeof(SessionCookieEvents);
            })
            .AddCookie(StaffSignInFlow.StepScheme, options =>
            {
                options.Cookie.Name = "custodian.staff-step";
                options.Cookie.HttpOnly = true;
                options.Cookie.SameSite = SameSiteMode.Strict;
                options.Cookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
                options.Cookie.Path = "/account";
                options.ExpireTimeSpan = TimeSpan.FromMinutes(10);
                options.SlidingExpiration = false;
                options.LoginPath = "/account/staff";
            });
        authentication.AddStaffOpenIdConnect(builder.Configuration);
        AddPagesAndAccess(services);
        return builder;
    }

    private static void AddPagesAndAccess(IServiceCollection services)
    {
        services.AddRazorPages(options =>
        {
            options.Conventions.AllowAnonymousToFolder("/Account/Staff");
            options.Conventions.AllowAnonymousToPage("/Account/Enrol");
            options.Conventions.AuthorizePage("/Account/Sessions", AccessPolicies.SignedIn);
            options.Conventions.AuthorizePage("/Account/Reauthenticate", AccessPolicies.SignedIn);
            options.Conventions.AuthorizeFolder("/Operator/Staff", AccessPolicies.Administrator);
        }).AddMvcOptions(options => options.Filters.AddService<RecentSignInFilter>())
            .AddApplicationPart(typeof(IdentityModule).Assembly);
        services.AddScoped<RecentSignInFilter>();
        services.AddAuthorizationBuilder()
            .AddPolicy(AccessPolicies.SignedIn, p => p.RequireAuthenticatedUser())
            .AddPolicy(AccessPolicies.Administrator, p => p.RequireRole(Roles.Administrator));
        services.AddSingleton(new ShellLink(ShellPlace.SignIn, "/account/staff", "Staff and operators", typeof(IdentityText),
            "Staff, operators and administrators sign in with a password and a code from their authenticator app, or with their organisation's account.", Order: 90, Key: "staff-sign-in"));
        services.AddSingleton(new ShellLink(ShellPlace.OperatorConsole, "/operator/staff", "Staff accounts and sessions", typeof(IdentityText), Order: 80));
    }
}
