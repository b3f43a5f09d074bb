using Custodian.Modules.Marketplace.Accounts;
using Custodian.Modules.Marketplace.Demo;
using Custodian.Privacy.Abstractions.Access;
using Custodian.Privacy.Abstractions.Hosting;
using Microsoft.Extensions.Configuration;
using Custodian.Modules.Marketplace.Collection;
using Custodian.Modules.Marketplace.Sellers;
using Custodian.Modules.Marketplace.Stats;
using Custodian.Modules.Marketplace.Telegram;
using Custodian.Privacy.Abstractions.Protection;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Custodian.Modules.Marketplace;

/// <summary>
/// The marketplace analytics module, a vertical slice: <c>builder.AddMarketplace()</c> registers its services, pages,
/// policies, background work and shell links; <c>app.MapMarketplace()</c> its endpoints;
/// <see cref="Cli.MarketplaceCommandSet.AddMarketplaceCommands"/> its CLI verbs. Nothing else of it is public.
/// </summary>
public static class MarketplaceModule
{
    /// <summary>The module's name in settings (<c>Modules:Marketplace:Enabled</c>) and for CLI verbs.</summary>
    public const string Name = "Marketplace";

    public static IHostApplicationBuilder AddMarketplace(this IHostApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        AddPagesAndAccess(builder.Services);
        builder.Services.AddDbContext<MarketplaceDb>();
        builder.Services.AddOptions<WildberriesOptions>().Bind(builder.Configuration.GetSection(WildberriesOptions.Section));
        builder.Services.AddOptions<OzonOptions>().Bind(builder.Configuration.GetSection(OzonOptions.Section))
            .Validate(o => o.BaseUrl is not { Length: > 0 } url || (Uri.TryCreate(url, UriKind.Absolute, out var u) && u.Scheme is "http" or "https"), "Marketplace:Ozon:BaseUrl: not an absolute http(s) address.")
            .Validate(o => o.RequestsPerSecond > 0 && o.AnalyticsRequestsPerMinute > 0, "Marketplace:Ozon:RequestsPerSecond and AnalyticsRequestsPerMinute must be above zero.")
            .ValidateOnStart();
        // One client and one set of rate-limit buckets per process: the limits are per key, not per request scope.
        builder.Services.AddSingleton(sp => new MarketplaceHttp(
            new HttpClient(new SocketsHttpHandler { PooledConnectionLifetime = TimeSpan.FromMinutes(5) }) { Timeout = Timeout.InfiniteTimeSpan },
            sp.GetRequiredService<TimeProvider>(), sp.GetRequiredService<ILogger<MarketplaceHttp>>()));
        builder.Services.AddSingleton<MarketplaceDatasets>();
        builder.Services.AddSingleton<AccountCollectionGate>();
        builder.Services.AddScoped<AddSeller>();
        builder.Services.AddScoped<ConnectMarketplaceAccount>();
        builder.Services.AddScoped<RevokeMarketplaceAccount>();
        builder.Services.AddScoped<RemoveMarketplaceAccounts>();
        builder.Services.AddScoped<KeyExpiryWarnings>();
        builder.Services.AddScoped<KeyRejectedNotice>();
        builder.Services.AddScoped<AccessReadyNotice>();
        builder.Services.AddScoped<SellerAccounts>();
        builder.Services.AddScoped<SellerSignInLinks>();
        builder.Services.AddOptions<SignInLinkOptions>().Bind(builder.Configuration.GetSection(SignInLinkOptions.Section))
            .Validate(o => o.PerAddress > 0 && o.Window > TimeSpan.Zero && o.QueueCapacity > 0, "Marketplace:SignInLinks: PerAddress, Window and QueueCapacity must be above zero.")
            .ValidateOnStart();
        builder.Services.AddSingleton<SignInLinkQueue>();
        builder.Services.AddHostedService<SignInLinkMailer>();
        builder.Services.AddScoped<TelegramSignIn>();
        builder.Services.AddScoped<ISellerAccounts>(sp => sp.GetRequiredService<SellerAccounts>());
        builder.Services.AddScoped<Teams.ISellerTeams, Teams.SellerTeams>();
        builder.Services.AddOptions<Subscriptions.PlanGraceOptions>().Bind(builder.Configuration.GetSection(Subscriptions.PlanGraceOptions.Section))
            .Validate(o => o.GraceDays is >= 0 and <= 30, "Marketplace:Plans:GraceDays: 0 to 30 days.")
            .ValidateOnStart();
        builder.Services.AddScoped<Subscriptions.SellerSubscriptions>();
        builder.Services.AddScoped<Subscriptions.PlanEndReminders>();
        builder.Services.AddScoped<Subscriptions.ISellerSubscriptions>(sp => sp.GetRequiredService<Subscriptions.SellerSubscriptions>());
        builder.Services.AddScoped<Custodian.Privacy.Abstractions.Subscriptions.ISubscriptionPlans, Subscriptions.PlanCatalogue>();
        builder.Services.AddScoped<Custodian.Privacy.Abstractions.Events.IEventSubscriber, Subscriptions.ExtendPlanOnPayment>();
        builder.Services.AddScoped<Support.ISupportInbox, Support.SupportInbox>();
        builder.Services.AddScoped<Custodian.Privacy.Abstractions.Requests.IPersonalDataProvider, SellerDataProvider>();
        builder.Services.AddScoped<Custodian.Privacy.Abstractions.Retention.IRetentionTarget, Retention.SellerRetention>();
        builder.Services.AddScoped<Custodian.Privacy.Abstractions.Retention.IRetentionTarget, Reviews.BuyerReviewRetention>();
        builder.Services.AddScoped<Custodian.Privacy.Abstractions.Retention.IRetentionTarget, Retention.SellerAccessLogRetention>();
        builder.Services.AddOptions<MarketplaceSyncOptions>().Bind(builder.Configuration.GetSection(MarketplaceSyncOptions.Section))
            .Validate(o => o.LoadBatchRows > 0, "Marketplace:Sync:LoadBatchRows must be above zero.")
            .Validate(o => o.MaxRejectedPercent is >= 0 and <= 100, "Marketplace:Sync:MaxRejectedPercent must be between 0 and 100.")
            .ValidateOnStart();
        builder.Services.AddScoped<SyncMarketplace>();
        builder.Services.AddScoped<AccountStats>();
        builder.Services.AddScoped<Dashboards.DashboardScope>();
        builder.Services.AddScoped<Dashboards.OverviewQuery>();
        builder.Services.AddScoped<Dashboards.DailyTotalsRefresh>();
        builder.Services.AddScoped<Dashboards.OverviewDashboard>();
        builder.Services.AddScoped<Dashboards.IDashboard>(sp => sp.GetRequiredService<Dashboards.OverviewDashboard>());
        builder.Services.AddScoped<Dashboards.AnalyticsRows>();
        builder.Services.AddScoped<Dashboards.DatasetCoverage>();
        builder.Services.AddScoped<Reviews.BuyerReviewReader>();
        builder.Services.AddScoped<Dashboards.FunnelQuery>();
        builder.Services.AddScoped<Dashboards.FunnelDashboard>();
        builder.Services.AddScoped<Dashboards.IDashboard>(sp => sp.GetRequiredService<Dashboards.FunnelDashboard>());
        builder.Services.AddScoped<Dashboards.GeographyQuery>();
        builder.Services.AddScoped<Dashboards.GeographyDashboard>();
        builder.Services.AddScoped<Dashboards.IDashboard>(sp => sp.GetRequiredService<Dashboards.GeographyDashboard>());
        builder.Services.AddScoped<Dashboards.ReviewsQuery>();
        builder.Services.AddScoped<Dashboards.ReviewsDashboard>();
        builder.Services.AddScoped<Dashboards.IDashboard>(sp => sp.GetRequiredService<Dashboards.ReviewsDashboard>());
        builder.Services.AddScoped<Dashboards.ProductFacts>();
        builder.Services.AddScoped<Dashboards.StockThresholds>();
        builder.Services.AddScoped<Dashboards.ProductsDashboard>();
        builder.Services.AddScoped<Dashboards.IDashboard>(sp => sp.GetRequiredService<Dashboards.ProductsDashboard>());
        builder.Services.AddScoped<Dashboards.StocksDashboard>();
        builder.Services.AddScoped<Dashboards.IDashboard>(sp => sp.GetRequiredService<Dashboards.StocksDashboard>());
        AddSharing(builder);
        builder.Services.AddOptions<Digest.DigestOptions>().Bind(builder.Configuration.GetSection(Digest.DigestOptions.Section))
            .Validate(o => o.SendHour is >= 0 and <= 23, "Marketplace:Digest:SendHour: an hour of the Moscow day, 0 to 23.")
            .ValidateOnStart();
        builder.Services.AddScoped<Digest.IDigestMargin, Economics.DayMargin>();
        builder.Services.AddScoped<Digest.DigestReport>();
        builder.Services.AddScoped<Digest.DigestPreferences>();
        builder.Services.AddScoped<Digest.DailyDigests>();
        builder.Services.AddSingleton<Custodian.Privacy.Abstractions.Scheduling.IScheduledWork, Digest.DailyDigestWork>();
        builder.Services.AddScoped<Economics.CostPrices>();
        builder.Services.AddScoped<Economics.TaxSettings>();
        builder.Services.AddScoped<Economics.EconomicsFacts>();
        builder.Services.AddScoped<Economics.UnitEconomics>();
        builder.Services.AddScoped<Economics.EconomicsDashboard>();
        builder.Services.AddScoped<Dashboards.IDashboard>(sp => sp.GetRequiredService<Economics.EconomicsDashboard>());
        builder.Services.AddScoped<Abc.AbcDashboard>();
        builder.Services.AddScoped<Dashboards.IDashboard>(sp => sp.GetRequiredService<Abc.AbcDashboard>());
        builder.Services.AddScoped<ListSellers>();
        builder.Services.AddScoped<ListMarketplaceAccounts>();
        builder.Services.AddSingleton<Custodian.Privacy.Abstractions.Scheduling.IScheduledWork, CollectionRound>();
        builder.Services.AddSingleton<Custodian.Privacy.Abstractions.Scheduling.IScheduledWork, Subscriptions.SellerReminders>();
        builder.Services.AddOptions<TelegramOptions>().Bind(builder.Configuration.GetSection(TelegramOptions.Section))
            .Validate(o => o.BotToken is not { Length: > 0 } token || TelegramOptions.LooksLikeBotToken(token), "Telegram:BotToken: not a bot token from @BotFather (digits, a colon, then letters, digits, - or _).")
            .Validate(o => Uri.TryCreate(o.ApiBaseUrl, UriKind.Absolute, out var api) && api.Scheme is "http" or "https", "Telegram:ApiBaseUrl: not an absolute http(s) address.")
            .Validate(o => !o.UsesAPublicTokenBeyondLoopback, "Telegram:BotToken: this token is published (the old demo bot's) and works only with a Bot API stand-in on loopback; set the token @BotFather gave your bot.")
            .Validate(o => o.Mode is "polling" or "webhook" or "off", "Telegram:Mode: use polling, webhook or off.")
            .Validate(o => o.Mode != "webhook" || (Uri.TryCreate(o.WebhookUrl, UriKind.Absolute, out var hook) && hook.Scheme == "https" && o.WebhookSecret is { Length: >= 16 }), "Telegram:WebhookUrl and Telegram:WebhookSecret: webhook mode needs an https address and a secret of at least 16 characters.")
            .ValidateOnStart();
        builder.Services.AddSingleton(sp => new TelegramMessenger(sp.GetRequiredService<IOptions<TelegramOptions>>(), sp.GetRequiredService<IPersonalDataVault>(), new HttpClient()));
        builder.Services.AddSingleton<ITelegramLoginWidget>(sp => sp.GetRequiredService<TelegramMessenger>());
        builder.Services.AddScoped<BotSignUp>();
        builder.Services.AddScoped<SellerBot>();
        builder.Services.AddScoped<ConfirmSellerEmail>();
        builder.Services.AddScoped<ISellerEmailConfirmation>(sp => sp.GetRequiredService<ConfirmSellerEmail>());
        builder.Services.AddSingleton<TelegramUpdates>();
        builder.Services.AddHostedService(sp => sp.GetRequiredService<TelegramUpdates>());
        builder.Services.AddAnalyticsHealth(); // Degraded, not Unhealthy: serving goes on without analytics
        builder.Services.AddSingleton<MarketplaceDemoSeed>();
        if (builder.Configuration.GetValue("Demo:SeedOnStart", true))
        {
            builder.Services.AddHostedService<SeedDemoOnStart>();
        }

        return builder;
    }

    /// <summary>Share links and private embedding of dashboards (visits go to the kernel's technical access store).</summary>
    private static void AddSharing(IHostApplicationBuilder builder)
    {
        builder.Services.AddOptions<Sharing.SharingOptions>().Bind(builder.Configuration.GetSection(Sharing.SharingOptions.Section)).ValidateDataAnnotations().ValidateOnStart();
        builder.Services.AddSingleton<Sharing.ShareLinkLimits>();
        builder.Services.AddSingleton<Sharing.ShareLinkViews>();
        builder.Services.AddHostedService(sp => sp.GetRequiredService<Sharing.ShareLinkViews>());
        builder.Services.AddScoped<Sharing.CreateShareLink>();
        builder.Services.AddScoped<Sharing.ListShareLinks>();
        builder.Services.AddScoped<Sharing.RevokeShareLink>();
        builder.Services.AddScoped<Sharing.RotateShareLink>();
        builder.Services.AddScoped<Sharing.OpenShareLink>();
        builder.Services.AddScoped<Sharing.ConfigureEmbedding>();
    }

    /// <summary>The module's Razor pages (compiled into this assembly), who may open them, and its links in the host's shell.</summary>
    private static void AddPagesAndAccess(IServiceCollection services)
    {
        services.AddRazorPages(options =>
        {
            options.Conventions.AuthorizeFolder("/Seller", AccessPolicies.Seller);
            options.Conventions.AddPageRoute("/Seller/Dashboards/Overview", "/seller/dashboards");
            options.Conventions.AllowAnonymousToPage("/Seller/Join");
            options.Conventions.AllowAnonymousToPage("/Seller/Deleted");
            options.Conventions.AllowAnonymousToPage("/Seller/DigestOff"); // the digest mail's one-click link: its token is the authority
            options.Conventions.AllowAnonymousToPage("/Marketplace/Index");
            options.Conventions.AllowAnonymousToPage("/Marketplace/ConfirmEmail");
            options.Conventions.AllowAnonymousToPage("/Account/SellerLink");
            options.Conventions.AllowAnonymousToPage("/Account/SellerLinkOpen");
            options.Conventions.AllowAnonymousToPage("/Account/Telegram");
            options.Conventions.AllowAnonymousToPage("/Share/View");
            options.Conventions.AllowAnonymousToPage("/Share/Embed");
            options.Conventions.AuthorizeFolder("/Operator/Support", AccessPolicies.Operator);
        }).AddApplicationPart(typeof(MarketplaceModule).Assembly);
        services.AddAuthorizationBuilder()
            .AddPolicy(AccessPolicies.Seller, p => p.RequireRole(Roles.SellerOwner, Roles.SellerMember))
            .AddPolicy(AccessPolicies.SellerOwner, p => p.RequireRole(Roles.SellerOwner));
        services.AddSingleton(new ShellLink(ShellPlace.MainNavigation, "/marketplace", "Marketplace analytics", typeof(MarketplaceText), Order: 10));
        services.AddSingleton(new ShellLink(ShellPlace.HomeCard, "/marketplace", "Marketplace analytics", typeof(MarketplaceText),
            "Sales, stocks, prices and reviews from Wildberries and Ozon in one dashboard for sellers. Data stays in Russia (152-FZ).", Order: 10));
        services.AddSingleton(new ShellLink(ShellPlace.SignIn, "/account/seller-link", "Send me a link", typeof(MarketplaceText),
            "Sellers sign in with Telegram or with a link sent to their confirmed e-mail.", Order: 10, Key: "seller-link"));
        services.AddSingleton(new ShellLink(ShellPlace.OperatorConsole, "/operator/support", "Sellers' support messages", typeof(MarketplaceText), Order: 30));
    }

    public static IEndpointRouteBuilder MapMarketplace(this IEndpointRouteBuilder endpoints) => TelegramUpdates.MapWebhook(endpoints);
}
