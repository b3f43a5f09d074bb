using Custodian.Simulators.Smtp;
using Custodian.Storage;

namespace Custodian.Web.Platform;

/// <summary>
/// Embedded defaults: with <c>Simulators:Enabled</c> (the default for a demo) and no mail server configured, a
/// loopback SMTP simulator takes the mail and keeps each message as an .eml file in <c>data/simulated-mail/</c>. The
/// production mail client talks real SMTP to it. In production set <c>Simulators:Enabled=false</c> and <c>Mail:Smtp:*</c>.
/// </summary>
public static class DemoSimulators
{
    public const string Setting = "Simulators:Enabled";

    public static WebApplicationBuilder AddDemoSimulators(this WebApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        var configuration = builder.Configuration;
        if (!string.Equals(configuration[Setting], "true", StringComparison.OrdinalIgnoreCase) || configuration["Mail:Smtp:Host"] is { Length: > 0 })
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
