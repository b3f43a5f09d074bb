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
                AnalyticsEngine.ClickHouse => new ClickHouseAnalyticsStore(CreateClickHouseHttp(settings.ClickHouse)),
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
        var url = section["ClickHouse:Url"];
        if (!string.IsNullOrWhiteSpace(url))
        {
            clickHouse.Url = Uri.TryCreate(url.EndsWith('/') ? url : url + "/", UriKind.Absolute, out var parsed) && parsed.Scheme is "http" or "https"
                ? parsed
                : throw new SettingProblemException("Analytics:ClickHouse:Url", "must be an absolute http(s) URL of the ClickHouse HTTP interface, e.g. http://127.0.0.1:8123.");
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

    internal static ClickHouseHttp CreateClickHouseHttp(ClickHouseSettings settings) =>
        new(new HttpClient(new SocketsHttpHandler { PooledConnectionLifetime = TimeSpan.FromMinutes(5) }), settings);

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
