using Custodian.Privacy.Abstractions.Access;
using Custodian.Privacy.Abstractions.Audit;
using Custodian.Privacy.Abstractions.Hosting;
using Custodian.Privacy.Abstractions.Consent;
using Custodian.Privacy.Abstractions.Protection;
using Custodian.Privacy.Audit;
using Custodian.Privacy.Consent;
using Custodian.Privacy.Declarations;
using Custodian.Privacy.Declarations.Notices;
using Custodian.Privacy.Protection;
using Custodian.Privacy.Messaging;
using Custodian.Privacy.Abstractions.Messaging;
using Custodian.Privacy.Breaches;
using Custodian.Privacy.Requests;
using Custodian.Privacy.Retention;
using Custodian.Privacy.Abstractions.Retention;
using Custodian.Privacy.Requests.Deadlines;
using Custodian.Privacy.Abstractions.Requests;
using Custodian.Privacy.Abstractions.Scheduling;
using Custodian.Privacy.Scheduling;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Custodian.Storage;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.DataProtection.KeyManagement;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.OpenApi;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace Custodian.Privacy;

/// <summary>The privacy kernel's registration (<c>builder.AddPrivacyKernel()</c>) and endpoints (<c>app.MapPrivacyKernel()</c>).</summary>
public static class PrivacyKernel
{
    public static IHostApplicationBuilder AddPrivacyKernel(this IHostApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        var configuration = builder.Configuration;
        AddPagesAndAccess(builder.Services);
        builder.Services.AddSingleton(_ => RegisterCatalog.Load(RegistersPath(configuration)));
        builder.Services.AddSingleton<Abstractions.Retention.IDeclaredRetention, DeclaredRetention>();
        builder.Services.AddDbContext<PrivacyDb>();
        builder.Services.AddSingleton(sp => KeyProviderChoice.Create(sp, configuration));
        builder.Services.AddHealthChecks().AddCheck<KeysHealthCheck>("keys", Microsoft.Extensions.Diagnostics.HealthChecks.HealthStatus.Unhealthy, [HealthTags.Ready]);
        builder.Services.AddSingleton<KeyRing>();
        AddDataProtectionKeys(builder.Services);
        builder.Services.AddSingleton<IPersonalDataVault, PersonalDataVault>();
        builder.Services.AddHttpContextAccessor();
        builder.Services.AddSingleton<ICurrentActor, HttpCurrentActor>();
        builder.Services.AddSingleton<AuditLog>();
        builder.Services.AddSingleton<IAuditLog>(sp => sp.GetRequiredService<AuditLog>());
        builder.Services.AddScoped<AuditVerifier>();
        builder.Services.AddScoped<AuditReader>();
        builder.Services.AddScoped<IAccessTrail, AccessTrail>();
        builder.Services.AddSingleton<Reencryption>();
        builder.Services.AddSingleton<KeyRotation>();
        builder.Services.AddScoped<IConsentLedger, ConsentLedger>();
        builder.Services.AddSingleton<ConsentLinks>();
        builder.Services.AddSingleton(_ => StatutoryDeadlines.FromFiles(
            configuration[CalendarsPathSetting] is { Length: > 0 } calendars ? Path.GetFullPath(calendars) : null,
            string.Equals(configuration[FinnishCustomaryDaysOffSetting], "true", StringComparison.OrdinalIgnoreCase)));
        builder.Services.AddSingleton<IMailSender>(_ => new SmtpMailSender(() => MailSettings.Read(configuration) ?? throw new MailNotSentException("No mail server is configured (Mail:Smtp:Host).")));
        builder.Services.AddSingleton<PublicLinks>();
        builder.Services.AddSingleton<IPublicLinks>(sp => sp.GetRequiredService<PublicLinks>());
        builder.Services.AddScoped<RequestMails>();
        builder.Services.AddScoped<RequestRules>();
        builder.Services.AddScoped<ISignedInRequests, SignedInRequests>();
        builder.Services.AddSingleton<RequestReminders>();
        builder.Services.AddSingleton<IScheduledWork>(sp => sp.GetRequiredService<RequestReminders>());
        builder.Services.AddScoped<SubmitRequest.Intake>();
        builder.Services.AddScoped<VerifyRequest>();
        builder.Services.AddScoped<ExtendRequest>();
        builder.Services.AddScoped<RefuseRequest>();
        builder.Services.AddScoped<ExecuteRequest>();
        builder.Services.AddScoped<IControllerDecisions, ControllerDecisions>();
        builder.Services.AddScoped<DownloadRequestPackage>();
        builder.Services.AddScoped<OpenRequests>();
        builder.Services.AddSingleton<RequestReceipts>();
        builder.Services.AddScoped<IPersonalDataProvider, KernelDataProvider>();
        builder.Services.AddScoped<IRetentionTarget, KernelRetention>();
        builder.Services.AddDbContext<TechnicalAccess.TechnicalAccessDb>();
        builder.Services.AddSingleton<TechnicalAccess.TechnicalVisitWriter>();
        builder.Services.AddHostedService(sp => sp.GetRequiredService<TechnicalAccess.TechnicalVisitWriter>());
        builder.Services.AddScoped<Abstractions.TechnicalAccess.ITechnicalAccessLog, TechnicalAccess.TechnicalAccessLog>();
        builder.Services.AddScoped<IRetentionTarget, TechnicalAccess.TechnicalAccessRetention>();
        builder.Services.AddScoped<RetentionSweep>();
        builder.Services.AddScoped<BreachRegister>();
        builder.Services.AddSingleton<IScheduledWork, ScheduledRetention>();
        builder.Services.AddHostedService<KernelStartupChecks>();
        builder.Services.AddSingleton<AuditCheckpointer>();
        builder.Services.AddSingleton<IScheduledWork>(sp => sp.GetRequiredService<AuditCheckpointer>());
        builder.Services.AddHostedService(sp => sp.GetRequiredService<AuditCheckpointer>());
        builder.Services.AddSingleton<IWorkLeases, WorkLeases>();
        builder.Services.AddSingleton<BackgroundWorkHealth>();
        builder.Services.AddHealthChecks().AddCheck<BackgroundWorkHealth>("background", HealthStatus.Degraded, ["background"]);
        builder.Services.AddHostedService<ScheduledWorkRunner>();
        builder.Services.AddSingleton<Abstractions.Events.IEventOutbox, Events.EventOutbox>();
        builder.Services.AddSingleton<Abstractions.Events.IEventInbox, Events.EventInbox>();
        builder.Services.AddSingleton<Events.OutboxDispatcher>();
        builder.Services.AddSingleton<IScheduledWork>(sp => sp.GetRequiredService<Events.OutboxDispatcher>());
        builder.Services.ConfigureAll<OpenApiOptions>(options => options.AddSchemaTransformer(RegisterJsonSchema.TransformAsync));
        return builder;
    }

    /// <summary>
    /// ASP.NET Core data protection (cookies, antiforgery tokens, consent-withdrawal links) keeps its keys in the
    /// kernel's store, each key's secret wrapped by the current key-encryption key and re-wrapped at every rotation.
    /// </summary>
    private static void AddDataProtectionKeys(IServiceCollection services)
    {
        services.AddDataProtection();
        // The keys are asked for on use: data protection is built with the request pipeline, before migrations run.
        services.AddSingleton(sp => new DataProtectionKeyStore(sp.GetRequiredService<IServiceScopeFactory>(), sp.GetRequiredService<IKeyProvider>, sp.GetServices<IPlainKeySource>()));
        services.AddOptions<KeyManagementOptions>().Configure<DataProtectionKeyStore, IServiceProvider>((options, store, sp) =>
        {
            options.XmlRepository = store;
            options.XmlEncryptor = new DataProtectionKeyEncryptor(sp.GetRequiredService<IKeyProvider>);
        });
    }

    /// <summary>
    /// The kernel's own pages (privacy centre, notices, request forms, consent withdrawal; operators' requests and
    /// breaches), the operator policy, and the kernel's links in the host's shell.
    /// </summary>
    private static void AddPagesAndAccess(IServiceCollection services)
    {
        services.AddRazorPages(options =>
        {
            options.Conventions.AllowAnonymousToFolder("/Privacy");
            options.Conventions.AuthorizeFolder("/Operator/Requests", AccessPolicies.Operator);
            options.Conventions.AuthorizeFolder("/Operator/Breaches", AccessPolicies.Operator);
        }).AddApplicationPart(typeof(PrivacyKernel).Assembly);
        services.AddAuthorizationBuilder().AddPolicy(AccessPolicies.Operator, p => p.RequireRole(Roles.Operator));
        services.AddSingleton(new ShellLink(ShellPlace.MainNavigation, "/privacy", "Privacy centre", typeof(PrivacyText), Order: 90));
        services.AddSingleton(new ShellLink(ShellPlace.HomeCard, "/privacy", "Privacy centre", typeof(PrivacyText),
            "What each service keeps, why, for how long, and how to see, correct or erase your data.", Order: 90));
        services.AddSingleton(new ShellLink(ShellPlace.OperatorConsole, "/operator/requests", "Data-subject requests", typeof(PrivacyText), Order: 10));
        services.AddSingleton(new ShellLink(ShellPlace.OperatorConsole, "/operator/breaches", "Personal data breaches", typeof(PrivacyText), Order: 20));
    }

    public static IEndpointRouteBuilder MapPrivacyKernel(this IEndpointRouteBuilder endpoints)
    {
        ArgumentNullException.ThrowIfNull(endpoints);
        // The kernel's JSON API is public by design (registers, notices, request forms, consent withdrawal): declared once for the group.
        endpoints.MapGroup("/api").WithTags("Privacy").AllowAnonymous().MapListRegisters().MapGetPrivacyNotice().MapGetOperatorPolicy().MapWithdrawConsent().MapSubmitRequest();
        return endpoints;
    }

    /// <summary>A folder of extra calendar files (a newly published year) next to the ones shipped.</summary>
    public const string CalendarsPathSetting = "Privacy:CalendarsPath";

    /// <summary>Count Midsummer Eve and Christmas Eve as days off in GDPR deadlines (default: no, the earlier date).</summary>
    public const string FinnishCustomaryDaysOffSetting = "Privacy:FinnishCustomaryDaysOffAreOff";

    /// <summary><c>Privacy:RegistersPath</c>, default the <c>registers</c> folder shipped next to the binaries.</summary>
    public static string RegistersPath(IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        return configuration[RegisterCatalog.PathSetting] is { Length: > 0 } path
            ? Path.GetFullPath(path)
            : Path.Combine(AppContext.BaseDirectory, "registers");
    }
}
