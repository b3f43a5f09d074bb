using Custodian.Modules.Training.Catalogue;
using Custodian.Modules.Training.Demo;
using Custodian.Modules.Training.Invoicing;
using Custodian.Modules.Training.Marketing;
using Custodian.Privacy.Abstractions.Events;
using Custodian.Privacy.Abstractions.Scheduling;
using Custodian.Privacy.Abstractions.Access;
using Custodian.Privacy.Abstractions.Hosting;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace Custodian.Modules.Training;

/// <summary>
/// The card-training register, a vertical slice: <c>builder.AddTraining()</c> registers its records, use cases, pages,
/// policy and shell links; <c>app.MapTraining()</c> its endpoints; <see cref="Cli.TrainingCommandSet.AddTrainingCommands"/>
/// its CLI verbs. Nothing else of it is public.
/// </summary>
public static class TrainingModule
{
    /// <summary>The module's name in settings (<c>Modules:Training:Enabled</c>) and for CLI verbs.</summary>
    public const string Name = "Training";

    /// <summary>The register the module serves (registers/training.yaml).</summary>
    internal const string Register = "training";

    public static IHostApplicationBuilder AddTraining(this IHostApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        AddPagesAndAccess(builder.Services);
        builder.Services.AddDbContext<TrainingDb>();
        builder.Services.AddScoped<ManageCatalogue>();
        builder.Services.AddScoped<UpcomingSessions>();
        builder.Services.AddScoped<TrainingDemoSeed>();
        // Employer invoicing through billing's event contract (ADR 0029, 0044), marketing, retention.
        builder.Services.AddScoped<RequestEmployerInvoices>();
        builder.Services.AddScoped<OpenInvoiceHolds>();
        builder.Services.AddScoped<EmployerInvoices>();
        builder.Services.AddSingleton<IScheduledWork, InvoiceEndedSessions>();
        builder.Services.AddScoped<IEventSubscriber, RecordInvoiceIssued>();
        builder.Services.AddScoped<IEventSubscriber, RecordInvoiceRejected>();
        builder.Services.AddScoped<IEventSubscriber, RecordInvoiceSettled>();
        builder.Services.AddScoped<StopMarketing>();
        builder.Services.AddScoped<MarketingAudience>();
        builder.Services.AddScoped<SendCampaign>();
        builder.Services.AddScoped<Unsubscribe>();
        if (builder.Configuration.GetValue("Demo:SeedOnStart", true) && builder.Configuration.GetValue("Simulators:Enabled", false))
        {
            builder.Services.AddHostedService<SeedTrainingDemoOnStart>();
        }

        return builder;
    }

    /// <summary>The module's Razor pages (compiled into this assembly), who may open them, and its links in the host's shell.</summary>
    private static void AddPagesAndAccess(IServiceCollection services)
    {
        services.AddRazorPages(options =>
            {
                options.Conventions.AuthorizeFolder("/Training/Staff", AccessPolicies.TrainingStaff);
                options.Conventions.AllowAnonymousToPage("/Training/Index"); // the public list of upcoming courses
                options.Conventions.AllowAnonymousToPage("/Training/Unsubscribe"); // a marketing mail's link works without signing in
            })
            .AddApplicationPart(typeof(TrainingModule).Assembly);
        services.AddAuthorizationBuilder()
            .AddPolicy(AccessPolicies.TrainingStaff, p => p.RequireRole(Roles.Trainer, Roles.Registrar));
        services.AddSingleton(new ShellLink(ShellPlace.MainNavigation, "/training", "Card training", typeof(TrainingText), Order: 20));
        services.AddSingleton(new ShellLink(ShellPlace.HomeCard, "/training", "Card training", typeof(TrainingText),
            "Safety-card courses: enrol on the web, attendance and exams, cards with expiry and public verification.", Order: 20));
    }

    public static IEndpointRouteBuilder MapTraining(this IEndpointRouteBuilder endpoints) => endpoints;
}
