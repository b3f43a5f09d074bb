using System.Threading.RateLimiting;
using Custodian.Modules.Training.Attendance;
using Custodian.Modules.Training.Cards;
using Custodian.Modules.Training.Catalogue;
using Custodian.Modules.Training.Corrections;
using Custodian.Modules.Training.Demo;
using Custodian.Modules.Training.Enrolment;
using Custodian.Modules.Training.Exams;
using Custodian.Modules.Training.Export;
using Custodian.Modules.Training.Invoicing;
using Custodian.Modules.Training.Marketing;
using Custodian.Modules.Training.Reminders;
using Custodian.Modules.Training.Search;
using Custodian.Modules.Training.Sessions;
using Custodian.Privacy.Abstractions.Access;
using Custodian.Privacy.Abstractions.Events;
using Custodian.Privacy.Abstractions.Hosting;
using Custodian.Privacy.Abstractions.Requests;
using Custodian.Privacy.Abstractions.Retention;
using Custodian.Privacy.Abstractions.Scheduling;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.RateLimiting;
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
        AddEnrolment(builder.Services);
        AddStaffWork(builder);

        // Trainee and employer self-service, the register's data provider (helper C).
        builder.Services.AddScoped<SignIn.TrainingSignInLinks>();
        builder.Services.AddOptions<SignIn.TrainingSignInOptions>().Bind(builder.Configuration.GetSection(SignIn.TrainingSignInOptions.Section))
            .Validate(o => o.PerAddress > 0 && o.Window > TimeSpan.Zero && o.QueueCapacity > 0, "Training:SignInLinks: PerAddress, Window and QueueCapacity must be above zero.")
            .ValidateOnStart();
        builder.Services.AddSingleton<SignIn.TrainingSignInQueue>();
        builder.Services.AddHostedService<SignIn.TrainingSignInMailer>();
        builder.Services.AddScoped<SelfService.OwnTrainingRecord>();
        builder.Services.AddScoped<SelfService.CancelOwnEnrolment>();
        builder.Services.AddScoped<Employers.RegisterEmployer>();
        builder.Services.AddScoped<Employers.ListEmployers>();
        builder.Services.AddScoped<Employers.EmployerRoster>();
        builder.Services.AddScoped<Rights.TrainingDataProvider>();
        builder.Services.AddScoped<IPersonalDataProvider>(sp => sp.GetRequiredService<Rights.TrainingDataProvider>());

        // Employer invoicing through billing's event contract (ADR 0029, 0044), marketing, retention.
        builder.Services.AddScoped<RequestEmployerInvoices>();
        builder.Services.AddScoped<Rights.ITrainingLegalHolds, OpenInvoiceHolds>();
        builder.Services.AddScoped<IRetentionTarget, Rights.TrainingRetention>();
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

    /// <summary>Enrolment from the public form, the API and an employer's group, and cancellation from the confirmation mail.</summary>
    private static void AddEnrolment(IServiceCollection services)
    {
        services.AddScoped<SeatBooking>();
        services.AddScoped<EnrolmentMail>();
        services.AddScoped<EnrolPerson>();
        services.AddScoped<EnrolGroup>();
        services.AddScoped<CancelEnrolment>();
        services.AddScoped<DemoEnrolments>();
    }

    /// <summary>Trainers' and registrars' work: rosters, attendance, identity checks, corrections, exams, cards, search, export, reminders.</summary>
    private static void AddStaffWork(IHostApplicationBuilder builder)
    {
        builder.Services.AddScoped<StaffSessions>();
        builder.Services.AddScoped<SessionRoster>();
        builder.Services.AddScoped<OpenEnrolment>();
        builder.Services.AddScoped<RecordAttendance>();
        builder.Services.AddScoped<RecordIdentityCheck>();
        builder.Services.AddScoped<CorrectTraineeData>();
        builder.Services.AddScoped<RecordExamResult>();
        builder.Services.AddScoped<DownloadExamPaper>();
        builder.Services.AddScoped<IssueCard>();
        builder.Services.AddScoped<RevokeCard>();
        builder.Services.AddScoped<VerifyCard>();
        builder.Services.AddScoped<CatalogueOverview>();
        builder.Services.AddScoped<EditCardType>();
        builder.Services.AddScoped<EditSession>();
        builder.Services.AddScoped<CancelSession>();
        builder.Services.AddScoped<SearchTrainees>();
        builder.Services.AddScoped<ExportCompletions>();
        builder.Services.AddScoped<SendExpiryReminders>();
        builder.Services.AddSingleton<IScheduledWork, ExpiryReminders>();
        builder.Services.AddOptions<ExamOptions>().BindConfiguration("Training:Exams")
            .Validate(o => o.MaxPaperBytes is > 0 and <= 100 * 1024 * 1024, "Training:Exams:MaxPaperBytes must be 1 byte to 100 MB.").ValidateOnStart();
        builder.Services.AddOptions<ReminderOptions>().BindConfiguration("Training:Reminders")
            .Validate(o => o.DaysBefore is > 0 and <= 365, "Training:Reminders:DaysBefore must be 1–365.").ValidateOnStart();
        builder.Services.AddOptions<ExportOptions>().BindConfiguration("Training:Export")
            .Validate(o => o.Columns.All(ExportOptions.Known.Contains) && o.Columns.Distinct().Count() == o.Columns.Count, "Training:Export:Columns names an unknown or repeated column; known: " + string.Join(", ", ExportOptions.Known) + ".")
            .Validate(o => o.Delimiter is ";" or "," or "\t", "Training:Export:Delimiter must be ; , or a tab.").ValidateOnStart();
        var perMinute = builder.Configuration.GetValue("Training:Verify:PerClientPerMinute", 30);
        builder.Services.AddRateLimiter(options => options.AddPolicy(VerifyRateLimit, context => RateLimitPartition.GetFixedWindowLimiter(
            context.Connection.RemoteIpAddress?.ToString() ?? "unknown", _ => new FixedWindowRateLimiterOptions { PermitLimit = perMinute, Window = TimeSpan.FromMinutes(1), QueueLimit = 0 })));
    }

    /// <summary>The public verification page's limit per client address (<c>Training:Verify:PerClientPerMinute</c>, default 30): codes cannot be walked.</summary>
    internal const string VerifyRateLimit = "training-verify";

    /// <summary>Registrar-only pages (catalogue, cards, search, export) under <c>/Training/Staff/Registrar</c>.</summary>
    internal const string RegistrarPolicy = "training-registrar";

    /// <summary>The module's Razor pages (compiled into this assembly), who may open them, and its links in the host's shell.</summary>
    private static void AddPagesAndAccess(IServiceCollection services)
    {
        services.AddRazorPages(options =>
            {
                options.Conventions.AuthorizeFolder("/Training/Staff", AccessPolicies.TrainingStaff);
                options.Conventions.AuthorizeFolder("/Training/Staff/Registrar", RegistrarPolicy);
                options.Conventions.AllowAnonymousToPage("/Training/Verify"); // the public card check: initials, card, validity
                options.Conventions.AllowAnonymousToPage("/Training/Index"); // the public list of upcoming courses
                options.Conventions.AllowAnonymousToPage("/Training/Enrol"); // the public enrolment form of a session
                options.Conventions.AllowAnonymousToPage("/Training/Cancel"); // the cancellation link of the confirmation mail
                options.Conventions.AllowAnonymousToPage("/Training/SignIn"); // asks for a sign-in link by e-mail
                options.Conventions.AllowAnonymousToPage("/Training/SignInLink"); // opens a sign-in link
                options.Conventions.AuthorizePage("/Training/Me", TraineePolicy);
                options.Conventions.AuthorizePage("/Training/Employer", EmployerContactPolicy);
                options.Conventions.AllowAnonymousToPage("/Training/Unsubscribe"); // a marketing mail's link works without signing in
            })
            .AddApplicationPart(typeof(TrainingModule).Assembly);
        services.AddAuthorizationBuilder()
            .AddPolicy(AccessPolicies.TrainingStaff, p => p.RequireRole(Roles.Trainer, Roles.Registrar))
            .AddPolicy(RegistrarPolicy, p => p.RequireRole(Roles.Registrar))
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
