using Custodian.Privacy.Abstractions.Analytics;
using Custodian.Storage.Analytics.ClickHouse;
using Custodian.Storage.Analytics.DuckDb;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace Custodian.Storage.Analytics;

/// <summary>Registration of the analytics store chosen by <c>Analytics:Engine</c>.</summary>
public static class AnalyticsStorage
{
    public const string EngineSetting = "Analytics:Engine";

    public static IServiceCollection AddAnalyticsStore(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddSingleton(_ => ReadSettings(configuration));
        services.AddSingleton<IAnalyticsStore>(sp =>
        {
            var settings = sp.GetRequiredService<AnalyticsSettings>();
            return settings.Engine switch
            {
                AnalyticsEngine.ClickHouse => CreateClickHouseStore(settings.ClickHouse),
                _ => new DuckDbAnalyticsStore(sp.GetRequiredService<DataDirectory>().File(settings.DuckDbPath)),
            };
        });
        return services;
    }

    public static AnalyticsSettings ReadSettings(IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        var section = configuration.GetSection(AnalyticsSettings.Section);
        var engine = section["Engine"]?.Trim().ToUpperInvariant() switch
        {
            null or "" or "DUCKDB" => AnalyticsEngine.DuckDb,
            "CLICKHOUSE" => AnalyticsEngine.ClickHouse,
            var other => throw new SettingProblemException(EngineSetting, $"'{section["Engine"]}' is not a known engine; use DuckDb (embedded default) or ClickHouse."),
        };
        var clickHouse = new ClickHouseSettings();
        if (section["ClickHouse:Url"] is { Length: > 0 } url)
        {
            clickHouse.Url = HttpUrl("Analytics:ClickHouse:Url", url);
        }

        if (section["ClickHouse:Cluster"] is { Length: > 0 } cluster)
        {
            clickHouse.Cluster = Require("Analytics:ClickHouse:Cluster", cluster);
            clickHouse.ShardUrls = section.GetSection("ClickHouse:ShardUrls").GetChildren()
                .Select(child => HttpUrl($"Analytics:ClickHouse:ShardUrls:{child.Key}", child.Value ?? string.Empty))
                .ToList();
            if (clickHouse.ShardUrls.Count == 0)
            {
                throw new SettingProblemException("Analytics:ClickHouse:ShardUrls", "must list the HTTP URL of one server per shard when Analytics:ClickHouse:Cluster is set.");
            }
        }

        clickHouse.Database = section["ClickHouse:Database"] is { Length: > 0 } database
            ? Require("Analytics:ClickHouse:Database", database)
            : clickHouse.Database;
        clickHouse.User = section["ClickHouse:User"] ?? clickHouse.User;
        clickHouse.Password = section["ClickHouse:Password"] ?? clickHouse.Password;
        if (section["ClickHouse:TimeoutSeconds"] is { Length: > 0 } timeout)
        {
            clickHouse.TimeoutSeconds = int.TryParse(timeout, out var seconds) && seconds > 0
                ? seconds
                : throw new SettingProblemException("Analytics:ClickHouse:TimeoutSeconds", "must be a positive whole number of seconds.");
        }

        return new AnalyticsSettings
        {
            Engine = engine,
            DuckDbPath = section["DuckDbPath"] is { Length: > 0 } path ? path : "analytics.duckdb",
            ClickHouse = clickHouse,
        };
    }

    internal static ClickHouseAnalyticsStore CreateClickHouseStore(ClickHouseSettings settings) =>
        new(CreateClickHouseHttp(settings, settings.Url), settings.Cluster, settings.ShardUrls.Select(url => CreateClickHouseHttp(settings, url)).ToList());

    internal static ClickHouseHttp CreateClickHouseHttp(ClickHouseSettings settings, Uri url) =>
        new(new HttpClient(new SocketsHttpHandler { PooledConnectionLifetime = TimeSpan.FromMinutes(5) }), settings, url);

    private static Uri HttpUrl(string setting, string url) =>
        Uri.TryCreate(url.EndsWith('/') ? url : url + "/", UriKind.Absolute, out var parsed) && parsed.Scheme is "http" or "https"
            ? parsed
            : throw new SettingProblemException(setting, "must be an absolute http(s) URL of a ClickHouse HTTP interface, e.g. http://127.0.0.1:8123.");

    private static string Require(string setting, string identifier)
    {
        try
        {
            return AnalyticsIdentifier.Require(identifier);
        }
        catch (ArgumentException)
        {
            throw new SettingProblemException(setting, $"'{identifier}' is not a plain identifier (letters, digits, underscore).");
        }
    }
}
