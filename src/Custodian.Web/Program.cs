using System.CommandLine;
using Custodian.Identity;
using Custodian.Identity.Cli;
using Custodian.Modules.Guidance;
using Custodian.Modules.Guidance.Cli;
using Custodian.Modules.Billing;
using Custodian.Modules.Billing.Cli;
using Custodian.Modules.Marketplace;
using Custodian.Modules.Training;
using Custodian.Modules.Training.Cli;
using Custodian.Modules.Marketplace.Cli;
using Custodian.Privacy;
using Custodian.Privacy.Abstractions.Hosting;
using Custodian.Web.Platform;

namespace Custodian.Web;

/// <summary>The host. <see cref="Build"/> is the table of contents: one Add/Map line per area.</summary>
public sealed class Program
{
    private Program()
    {
    }

    public static Task<int> Main(string[] args) => StartupFailure.RunAsync(() => Build(args));

    public static WebApplication Build(string[] args) => Build(args, configure: null);

    /// <summary>The same composition with extra registrations (tests add module-like tables this way).</summary>
    public static WebApplication Build(string[] args, Action<WebApplicationBuilder>? configure)
    {
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions
        {
            Args = args,
            ApplicationName = typeof(Program).Assembly.GetName().Name, // also when the CLI hosts it
        });
        builder.AddStorage();           // records (SQLite | PostgreSQL), analytics (DuckDB | ClickHouse), data folder
        builder.AddDemoSimulators();    // embedded defaults: loopback stand-ins for external services (SMTP, Wildberries)
        builder.AddWebPlatform();       // problem details, security headers, localisation, antiforgery
        builder.AddIdentity(WebPlatform.IsApi); // session cookie with server-side sessions, staff accounts (password + TOTP or OIDC)
        builder.AddHealth();            // /healthz, /healthz/live, /healthz/ready: the records database; the kernel and each module add their own checks
        builder.AddApiDocument();       // /openapi/v1.json from the endpoints' own metadata
        builder.AddPrivacyKernel();     // declarations, keys and field encryption, consent ledger, audit log
        builder.AddModule(MarketplaceModule.Name, b => b.AddMarketplace()); // sellers, keys, collectors, pages, bot
        builder.AddModule(GuidanceModule.Name, b => b.AddGuidance()); // client programmes, records with written consent, access log
        builder.AddModule(TrainingModule.Name, b => b.AddTraining()); // card types, courses, sessions, enrolments, cards
        builder.AddModule(BillingModule.Name, b => b.AddBilling());         // payers' requisites, documents, payments
        builder.AddOperatorChannel();   // the custodian command's loopback channel: module verbs run here while we run
        configure?.Invoke(builder);

        var app = builder.Build();
        app.UseWebPlatform();
        app.MapHealth();
        app.MapApiDocument();
        app.MapCultureSwitch();
        app.MapPrivacyKernel();
        app.MapModule(MarketplaceModule.Name, a => a.MapMarketplace());
        app.MapModule(GuidanceModule.Name, a => a.MapGuidance());
        app.MapModule(TrainingModule.Name, a => a.MapTraining());
        app.MapModule(BillingModule.Name, a => a.MapBilling());
        app.MapOperatorChannel(AddModuleCommands);
        app.MapRazorPages();
        return app;
    }

    /// <summary>The modules' CLI verbs: the CLI adds them to <c>custodian</c>, and the service runs them for it (ADR 0014).</summary>
    public static void AddModuleCommands(Command root, IVerbHost host)
    {
        root.AddStaffCommands(host);
        root.AddMarketplaceCommands(host);
        root.AddGuidanceCommands(host);
        root.AddTrainingCommands(host);
        root.AddBillingCommands(host);
    }
}
