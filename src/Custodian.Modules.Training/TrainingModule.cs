using Custodian.Modules.Training.Catalogue;
using Custodian.Modules.Training.Demo;
using Custodian.Modules.Training.Enrolment;
using Custodian.Privacy.Abstractions.Access;
using Custodian.Privacy.Abstractions.Hosting;
using Custodian.Privacy.Abstractions.Requests;
using Microsoft.AspNetCore.Builder;
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

    /// <summary>A trainee signed in by an e-mail link: their own page.</summary>
    internal const string TraineePolicy = "training-trainee";

    /// <summary>An employer's contact person signed in by an e-mail link: their employees' page.</summary>
    internal const string EmployerContactPolicy = "training-employer-contact";

    public static IHostApplicationBuilder AddTraining(this IHostApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        AddPagesAndAccess(builder.Services);
        builder.Services.AddDbContext<TrainingDb>();
        builder.Services.AddScoped<ManageCatalogue>();
        builder.Services.AddScoped<UpcomingSessions>();
        builder.Services.AddScoped<TrainingDemoSeed>();
        builder.Services.AddScoped<Enrolment.SeatBooking>();
        builder.Services.AddScoped<Enrolment.EnrolmentMail>();
        builder.Services.AddScoped<Enrolment.EnrolPerson>();
        builder.Services.AddScoped<Enrolment.EnrolGroup>();
        builder.Services.AddScoped<Enrolment.CancelEnrolment>();

        // Trainee and employer self-service, the register's data provider (helper C).
        builder.Services.AddScoped<SignIn.TrainingSignInLinks>();
        builder.Services.AddOptions<SignIn.TrainingSignInOptions>().Bind(builder.Configuration.GetSection(SignIn.TrainingSignInOptions.Section))
            .Validate(o => o.PerAddress > 0 && o.Window > TimeSpan.Zero && o.QueueCapacity > 0, "Training:SignInLinks: PerAddress, Window and QueueCapacity must be above zero.")
            .ValidateOnStart();
        builder.Services.AddSingleton<SignIn.TrainingSignInQueue>();
        builder.Services.AddHostedService<SignIn.TrainingSignInMailer>();
        builder.Services.AddScoped<SelfService.OwnTrainingRecord>();
        builder.Services.AddScoped<SelfService.CancelOwnEnrolment>();
        builder.Services.AddScoped<Marketing.StopMarketing>();
        builder.Services.AddScoped<Employers.RegisterEmployer>();
        builder.Services.AddScoped<Employers.EmployerRoster>();
        builder.Services.AddScoped<Rights.TrainingDataProvider>();
        builder.Services.AddScoped<IPersonalDataProvider>(sp => sp.GetRequiredService<Rights.TrainingDataProvider>());
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
                options.Conventions.AllowAnonymousToPage("/Training/SignIn"); // asks for a sign-in link by e-mail
                options.Conventions.AllowAnonymousToPage("/Training/SignInLink"); // opens a sign-in link
                options.Conventions.AuthorizePage("/Training/Me", TraineePolicy);
                options.Conventions.AuthorizePage("/Training/Employer", EmployerContactPolicy);
            })
            .AddApplicationPart(typeof(TrainingModule).Assembly);
        services.AddAuthorizationBuilder()
            .AddPolicy(AccessPolicies.TrainingStaff, p => p.RequireRole(Roles.Trainer, Roles.Registrar))
            .AddPolicy(TraineePolicy, p => p.RequireRole(Roles.Trainee).RequireClaim(SignIn.TrainingSession.EmailIndexClaim))
            .AddPolicy(EmployerContactPolicy, p => p.RequireRole(Roles.EmployerContact).RequireClaim(SignIn.TrainingSession.EmailIndexClaim));
        services.AddSingleton(new ShellLink(ShellPlace.SignIn, "/training/sign-in", "Card training: e-mail link", typeof(TrainingText),
            "Trainees and employers' contact persons sign in with a link sent to the address given on enrolment.", Order: 20, Key: "training-link"));
        services.AddSingleton(new ShellLink(ShellPlace.MainNavigation, "/training", "Card training", typeof(TrainingText), Order: 20));
        services.AddSingleton(new ShellLink(ShellPlace.HomeCard, "/training", "Card training", typeof(TrainingText),
            "Safety-card courses: enrol on the web, attendance and exams, cards with expiry and public verification.", Order: 20));
    }

    public static IEndpointRouteBuilder MapTraining(this IEndpointRouteBuilder endpoints)
    {
        // Public: the course calendar and enrolment (rate limited per client address); staff endpoints get their own group.
        endpoints.MapGroup("/api/training").WithTags("Training").AllowAnonymous()
            .MapPublicSessionList()
            .MapEnrolPerson();
        return endpoints;
    }
}
