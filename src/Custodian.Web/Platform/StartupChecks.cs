using Custodian.Storage;
using Custodian.Storage.Analytics;
using Custodian.Storage.Records;

namespace Custodian.Web.Platform;

/// <summary>
/// Runs before the server accepts requests: resolves every setting that can be wrong (so the process fails fast
/// with a clear message) and applies pending migrations unless <c>Database:MigrateOnStart</c> is false.
/// </summary>
internal sealed partial class StartupChecks(IServiceProvider services, IConfiguration configuration, ILogger<StartupChecks> logger)
    : StartupCheck
{
    public override async Task StartingAsync(CancellationToken cancellationToken)
    {
        var settings = services.GetRequiredService<DatabaseSettings>();
        var analytics = services.GetRequiredService<AnalyticsSettings>();
        _ = services.GetRequiredService<DataDirectory>();
        if (!configuration.GetValue("Database:MigrateOnStart", true))
        {
            return;
        }

        var reports = await services.GetRequiredService<DatabaseMigrator>().MigrateAsync(cancellationToken);
        var applied = reports.Sum(r => r.Applied.Count);
        LogReady(logger, settings.Provider, applied, analytics.Engine);
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Records database {Provider} ready ({Applied} migrations applied); analytics engine {Engine}")]
    private static partial void LogReady(ILogger logger, DatabaseProvider provider, int applied, AnalyticsEngine engine);
}
