using Custodian.Privacy;
using Custodian.Web.Platform;

namespace Custodian.Web;

/// <summary>The host. <see cref="Build"/> is the table of contents: one Add/Map line per area.</summary>
public sealed class Program
{
    private Program()
    {
    }

    public static Task<int> Main(string[] args) => StartupFailure.RunAsync(() => Build(args));

    public static WebApplication Build(string[] args)
    {
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions
        {
            Args = args,
            ApplicationName = typeof(Program).Assembly.GetName().Name, // also when the CLI hosts it
        });
        builder.AddStorage();           // records (SQLite | PostgreSQL), analytics (DuckDB | ClickHouse), data folder
        builder.AddWebPlatform();       // problem details, security headers, localisation, sign-in, antiforgery
        builder.AddHealth();            // /healthz with database and analytics checks
        builder.AddPrivacyKernel();     // register declarations (and, as they arrive, keys, consent, audit, requests)

        var app = builder.Build();
        app.UseWebPlatform();
        app.MapHealth();
        app.MapCultureSwitch();
        app.MapPrivacyKernel();
        app.MapRazorPages();
        return app;
    }
}
