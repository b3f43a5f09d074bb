using System.Security.Claims;
using Custodian.Modules.Billing.Payers;
using Custodian.Privacy.Abstractions.Access;
using Custodian.Privacy.Abstractions.Hosting;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace Custodian.Modules.Billing;

/// <summary>
/// Billing, a vertical slice: <c>builder.AddBilling()</c> registers its services, pages, policies and shell links;
/// <c>app.MapBilling()</c> its endpoints; <see cref="Cli.BillingCommandSet.AddBillingCommands"/> its CLI verbs.
/// Other modules reach it only through kernel contracts and events (ADR 0021, 0022).
/// </summary>
public static class BillingModule
{
    /// <summary>The module's name in settings (<c>Modules:Billing:Enabled</c>) and for CLI verbs.</summary>
    public const string Name = "Billing";

    /// <summary>Who may enter a payer's requisites: the owner of the account that pays (a seller's owner today).</summary>
    internal const string PayerPolicy = "billing-payer";

    public static IHostApplicationBuilder AddBilling(this IHostApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.Services.AddRazorPages(options =>
        {
            options.Conventions.AuthorizeFolder("/Billing", PayerPolicy);
            options.Conventions.AllowAnonymousToPage("/Billing/Renew"); // the reminder's link is the key (Renewals/RenewalLinks)
            options.Conventions.AuthorizeFolder("/Operator/BankStatements", AccessPolicies.Operator);
            options.Conventions.AuthorizeFolder("/Operator/InvoiceRequests", AccessPolicies.Operator);
            options.Conventions.AuthorizeFolder("/Operator/Invoices", AccessPolicies.Operator);
        }).AddApplicationPart(typeof(BillingModule).Assembly);
        builder.Services.AddAuthorizationBuilder().AddPolicy(PayerPolicy, p => p.RequireRole(Roles.SellerOwner));
        builder.Services.AddDbContext<BillingDb>();
        builder.Services.AddScoped<SavePayer>();
        builder.Services.AddScoped<ReadPayer>();
        builder.Services.AddOptions<Documents.SupplierOptions>().Bind(builder.Configuration.GetSection(Documents.SupplierOptions.Section))
            .Validate(o => !o.Problems().Any(), "Billing:Supplier: the supplier's requisites are not valid (custodian id validate tells why per value).")
            .ValidateOnStart();
        builder.Services.AddScoped<Documents.IssueDocuments>();
        builder.Services.AddOptions<Documents.FinnishSupplierOptions>().Bind(builder.Configuration.GetSection(Documents.FinnishSupplierOptions.Section))
            .Validate(o => !o.Problems().Any(), "Billing:FinnishSupplier: the Finnish seller's requisites are not valid (Y-tunnus, Finnish IBAN, BIC, VAT rate, payment term, reference kind).")
            .ValidateOnStart();
        builder.Services.AddScoped<Documents.IssueFinnishInvoice>();
        builder.Services.AddOptions<Payments.YooKassaOptions>().Bind(builder.Configuration.GetSection(Payments.YooKassaOptions.Section))
            .Validate(o => Uri.TryCreate(o.BaseUrl, UriKind.Absolute, out var u) && u.Scheme is "http" or "https", "Billing:YooKassa:BaseUrl: not an absolute http(s) address.")
            .ValidateOnStart();
        builder.Services.AddSingleton(sp => new Payments.YooKassaClient(
            new HttpClient(new SocketsHttpHandler { PooledConnectionLifetime = TimeSpan.FromMinutes(5) }) { Timeout = TimeSpan.FromSeconds(30) },
            sp.GetRequiredService<Microsoft.Extensions.Options.IOptions<Payments.YooKassaOptions>>().Value));
        builder.Services.AddScoped<Payments.PayInvoice>();
        builder.Services.AddScoped<Statements.ImportStatement>();
        builder.Services.AddScoped<Statements.MatchStatementPayment>();
        builder.Services.AddSingleton(new ShellLink(ShellPlace.OperatorConsole, "/operator/bank-statements", "Bank statements", typeof(BillingText), Order: 40));
        builder.Services.AddSingleton(new ShellLink(ShellPlace.OperatorConsole, "/operator/invoices", "Finnish invoices", typeof(BillingText), Order: 41));
        builder.Services.AddSingleton(new ShellLink(ShellPlace.OperatorConsole, "/operator/invoice-requests", "Invoice requests", typeof(BillingText), Order: 42));
        builder.Services.AddScoped<Invoicing.IssueEmployerInvoice>();
        builder.Services.AddScoped<Collection.SendInvoiceToCollection>();
        builder.Services.AddScoped<Demo.BillingDemoSeed>();
        if (builder.Configuration.GetValue("Demo:SeedOnStart", true) && builder.Configuration.GetValue("Simulators:Enabled", false))
        {
            builder.Services.AddHostedService<Demo.SeedBillingDemoOnStart>();
        }

        builder.Services.AddScoped<Custodian.Privacy.Abstractions.Events.IEventSubscriber, Invoicing.InvoiceEmployerOnRequest>();
        builder.Services.AddOptions<Plans.PlanPriceOptions>().Bind(builder.Configuration.GetSection(Plans.PlanPriceOptions.Section))
            .Validate(o => !o.Problems().Any(), "Billing:Plans: every plan needs a monthly and an annual price above zero in RUB.")
            .ValidateOnStart();
        builder.Services.AddScoped<Plans.ChoosePlan>();
        builder.Services.AddScoped<Custodian.Privacy.Abstractions.Events.IEventSubscriber, Plans.IssueActOnPayment>();
        builder.Services.AddOptions<Renewals.RenewalReminderOptions>().Bind(builder.Configuration.GetSection(Renewals.RenewalReminderOptions.Section))
            .Validate(o => o.Days() is not null && o.LinkDays is >= 1 and <= 60, "Billing:Reminders: DaysBefore takes whole days from 1 to 60 separated by commas (e.g. 7,1); LinkDays 1 to 60.")
            .ValidateOnStart();
        builder.Services.AddScoped<Renewals.SendRenewalReminders>();
        builder.Services.AddScoped<Renewals.RenewalLinks>();
        builder.Services.AddScoped<Renewals.CancelRenewal>();
        builder.Services.AddSingleton<Custodian.Privacy.Abstractions.Scheduling.IScheduledWork, Renewals.RenewalReminders>();
        builder.Services.AddScoped<Custodian.Privacy.Abstractions.Requests.IPersonalDataProvider, Rights.BillingDataProvider>();
        builder.Services.AddScoped<Custodian.Privacy.Abstractions.Retention.IRetentionTarget, Rights.BillingRetention>();
        return builder;
    }

    public static IEndpointRouteBuilder MapBilling(this IEndpointRouteBuilder endpoints) =>
        Plans.ChoosePlan.MapChoosePlan(Payments.PaymentNotifications.MapPaymentNotifications(endpoints));

    /// <summary>The account a payer belongs to: the signed-in person's account id.</summary>
    internal static string PayerAccount(ClaimsPrincipal user) =>
        user.FindFirstValue(ClaimTypes.NameIdentifier) ?? throw new InvalidOperationException("A signed-in account has a name identifier.");
}
