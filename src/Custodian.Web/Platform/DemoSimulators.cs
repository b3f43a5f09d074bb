using Custodian.Simulators.Smtp;
using Custodian.Simulators.Wildberries;
using Custodian.Storage;

namespace Custodian.Web.Platform;

/// <summary>
/// Embedded defaults: with <c>Simulators:Enabled</c> (the default for a demo), every external service that is not
/// configured gets a loopback stand-in the production clients talk to over the real protocol: an SMTP simulator
/// that keeps each message as an .eml file in <c>data/simulated-mail/</c>, and a Wildberries API simulator whose
/// tokens (issued with <see cref="DemoWildberriesKey"/>, e.g. by <c>custodian demo seed</c>) carry a demo seller.
/// In production set <c>Simulators:Enabled=false</c>, <c>Mail:Smtp:*</c> and leave the marketplace hosts unset.
/// </summary>
public static class DemoSimulators
{
    public const string Setting = "Simulators:Enabled";

    /// <summary>The signing key of the demo Wildberries simulator (a stand-in's secret, not a real one).</summary>
    public static readonly byte[] DemoWildberriesKey = "custodian-demo-wildberries"u8.ToArray();

    /// <summary>Requests per minute the demo simulator allows (and the collectors are told), so a demo sync takes seconds.</summary>
    public const int DemoRequestsPerMinute = 120;

    public static WebApplicationBuilder AddDemoSimulators(this WebApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        var configuration = builder.Configuration;
        // The EF tools take the first host built in the process as the application: not a simulator's.
        if (!string.Equals(configuration[Setting], "true", StringComparison.OrdinalIgnoreCase) || Microsoft.EntityFrameworkCore.EF.IsDesignTime)
        {
            return builder;
        }

        if (configuration["Marketplace:Wildberries:BaseUrl"] is not { Length: > 0 })
        {
            var wildberries = WildberriesSimulator.StartAsync(new WildberriesSimulatorOptions { RequestsPerWindow = DemoRequestsPerMinute }, signingKey: DemoWildberriesKey).GetAwaiter().GetResult();
            configuration["Marketplace:Wildberries:BaseUrl"] = wildberries.BaseAddress.ToString();
            foreach (var group in new[] { "common", "statistics" })
            {
                configuration[$"Marketplace:Wildberries:RequestsPerMinute:{group}"] = DemoRequestsPerMinute.ToString(System.Globalization.CultureInfo.InvariantCulture);
            }

            builder.Services.AddSingleton(_ => wildberries);
            if (configuration.GetValue("Demo:SeedOnStart", true))
            {
                builder.Services.AddHostedService<SeedDemoOnStart>();
            }
        }

        if (configuration["Mail:Smtp:Host"] is { Length: > 0 })
        {
            return builder;
        }

        var data = Path.GetFullPath(configuration[DataDirectory.Setting] is { Length: > 0 } folder ? folder : "data", builder.Environment.ContentRootPath);
        var smtp = SmtpSimulator.Start(Path.Combine(data, "simulated-mail"));
        configuration["Mail:Smtp:Host"] = "127.0.0.1";
        configuration["Mail:Smtp:Port"] = smtp.Port.ToString(System.Globalization.CultureInfo.InvariantCulture);
        configuration["Mail:Smtp:Security"] = "None";
        builder.Services.AddSingleton(_ => smtp); // the container disposes it when the app stops
        return builder;
    }
}

/// <summary>Seeds the demo sellers when the demo Wildberries simulator runs and no seller exists yet.</summary>
internal sealed class SeedDemoOnStart(MarketplaceDemoSeed seed) : IHostedService
{
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        if (!await seed.AnySellerAsync(cancellationToken))
        {
            await seed.SeedAsync(cancellationToken);
        }
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
