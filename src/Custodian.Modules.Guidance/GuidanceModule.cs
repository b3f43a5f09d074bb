using Custodian.Modules.Guidance.Clients;
using Custodian.Modules.Guidance.Demo;
using Custodian.Modules.Guidance.Programmes;
using Custodian.Modules.Guidance.Sections;
using Custodian.Privacy.Abstractions.Access;
using Custodian.Privacy.Abstractions.Hosting;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace Custodian.Modules.Guidance;

/// <summary>
/// Client guidance, a vertical slice: <c>builder.AddGuidance()</c> registers its records, use cases, pages, policy and
/// shell links; <c>app.MapGuidance()</c> its endpoints; <see cref="Cli.GuidanceCommandSet.AddGuidanceCommands"/> its CLI
/// verbs. Nothing else of it is public.
/// </summary>
public static class GuidanceModule
{
    /// <summary>The module's name in settings (<c>Modules:Guidance:Enabled</c>) and for CLI verbs.</summary>
    public const string Name = "Guidance";

    public static IHostApplicationBuilder AddGuidance(this IHostApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        AddPagesAndAccess(builder.Services);
        builder.Services.AddDbContext<GuidanceDb>();
        builder.Services.AddScoped<ManageProgrammes>();
        builder.Services.AddScoped<ClientScope>();
        builder.Services.AddScoped<CreateClient>();
        builder.Services.AddScoped<WrittenConsents>();
        builder.Services.AddScoped<SectionEntries>();
        builder.Services.AddScoped<CloseClient>();
        builder.Services.AddScoped<EditBasicData>();
        builder.Services.AddScoped<OpenClientRecord>();
        builder.Services.AddScoped<Messages.QuestionSets>();
        builder.Services.AddScoped<Rights.LegalHolds>();
        builder.Services.AddScoped<Rights.ControllerRequests>();
        builder.Services.AddScoped<OwnRecord.ReadOwnRecord>();
        OwnRecord.ClientSignIn.AddClientSignIn(builder.Services, builder.Configuration);
        Statements.StatementModel.AddStatements(builder.Services);
        Plan.PlanModel.AddPlan(builder.Services);
        Attachments.AttachmentModel.AddAttachments(builder);
        Appointments.AppointmentModel.AddAppointments(builder);
        builder.Services.AddScoped<GuidanceDemoSeed>();
        builder.Services.AddScoped<Custodian.Privacy.Abstractions.Requests.IPersonalDataProvider, Rights.GuidanceDataProvider>();
        builder.Services.AddScoped<Custodian.Privacy.Abstractions.Retention.IRetentionTarget, Rights.GuidanceRetention>();
        if (builder.Configuration.GetValue("Demo:SeedOnStart", true) && builder.Configuration.GetValue("Simulators:Enabled", false))
        {
            builder.Services.AddHostedService<SeedGuidanceDemoOnStart>();
        }

        return builder;
    }

    /// <summary>The module's Razor pages (compiled into this assembly), who may open them, and its links in the host's shell.</summary>
    private static void AddPagesAndAccess(IServiceCollection services)
    {
        services.AddRazorPages(options =>
            {
                options.Conventions.AuthorizeFolder("/Guidance", AccessPolicies.GuidanceStaff);
                options.Conventions.AllowAnonymousToPage("/Guidance/Answer"); // the client answers through a single-use link, without an account
                options.Conventions.AllowAnonymousToPage("/Guidance/Me"); // the client's own page: only a client session shows a record, its own
            })
            .AddApplicationPart(typeof(GuidanceModule).Assembly);
        services.AddAuthorizationBuilder()
            .AddPolicy(AccessPolicies.GuidanceStaff, p => p.RequireRole(GuidanceRoles.StaffRoles));
        services.AddSingleton(new ShellLink(ShellPlace.MainNavigation, "/guidance", "Client guidance", typeof(GuidanceText), Order: 30));
        services.AddSingleton(new ShellLink(ShellPlace.HomeCard, "/guidance", "Client guidance", typeof(GuidanceText),
            "Case records for rehabilitation and work coaching: written consent, role-based access and an access log the client can obtain.", Order: 30));
        services.AddSingleton(new ShellLink(ShellPlace.SignIn, "/guidance/me", "Clients of client guidance", typeof(GuidanceText),
            "See your own client record and who has viewed it: sign in with strong identification.", Order: 60, Key: "guidance-client-sign-in"));
    }

    public static IEndpointRouteBuilder MapGuidance(this IEndpointRouteBuilder endpoints) => endpoints;
}
