namespace Custodian.Web.Platform;

/// <summary>
/// Modules are switched on per deployment (<c>Modules:Marketplace:Enabled</c>, …): a Russian operator runs the
/// marketplace on Russian soil, a Finnish foundation runs training and guidance in the EU. The demo enables all.
/// A module that is off registers nothing: no pages, endpoints, background work or shell links.
/// </summary>
public static class Modules
{
    public static bool IsEnabled(IConfiguration configuration, string module) =>
        (configuration ?? throw new ArgumentNullException(nameof(configuration))).GetValue($"Modules:{module}:Enabled", true);

    public static WebApplicationBuilder AddModule(this WebApplicationBuilder builder, string module, Action<WebApplicationBuilder> add)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentNullException.ThrowIfNull(add);
        if (IsEnabled(builder.Configuration, module))
        {
            add(builder);
        }

        return builder;
    }

    public static WebApplication MapModule(this WebApplication app, string module, Action<WebApplication> map)
    {
        ArgumentNullException.ThrowIfNull(app);
        ArgumentNullException.ThrowIfNull(map);
        if (IsEnabled(app.Configuration, module))
        {
            map(app);
        }

        return app;
    }
}
