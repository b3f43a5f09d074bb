using Custodian.Storage;
using Custodian.Storage.Analytics;
using Custodian.Storage.Records;
using Custodian.Privacy.Protection;
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
        // The keys themselves are the kernel's (AddPrivacyKernel): stored wrapped by its key-encryption key. The ones an
        // earlier version kept here in clear (host_data_protection_keys) move there.
        builder.Services.AddDataProtection()
            .SetApplicationName("Custodian")
            .CarryOverPlainKeysFrom<HostDb>();
        builder.Services.AddHostedService<StartupChecks>();
        return builder;
    }
}
