using Custodian.Storage;
using Custodian.Storage.Analytics;
using Custodian.Storage.Records;
using Microsoft.AspNetCore.DataProtection;

namespace Custodian.Web.Platform;

public static class StorageSetup
{
    public static WebApplicationBuilder AddStorage(this WebApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        var configuration = builder.Configuration;
        var contentRoot = builder.Environment.ContentRootPath;
        builder.Services.AddSingleton(_ => DataDirectory.Prepare(configuration[DataDirectory.Setting], contentRoot));
        builder.Services.AddRecordsDatabase(configuration);
        builder.Services.AddAnalyticsStore(configuration);
        builder.Services.AddDbContext<HostDb>();
        builder.Services.AddDataProtection()
            .SetApplicationName("Custodian")
            .PersistKeysToDbContext<HostDb>();
        builder.Services.AddHostedService<StartupChecks>();
        return builder;
    }
}
