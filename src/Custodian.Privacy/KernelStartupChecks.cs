using Custodian.Privacy.Declarations;
using Custodian.Privacy.Protection;
using Custodian.Storage;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Custodian.Privacy;

/// <summary>
/// Loads the declarations and the keys before the server listens: an invalid declaration or unusable keys stop the
/// service. Data-protection keys an earlier version kept in clear are wrapped now, not at their first use.
/// </summary>
internal sealed partial class KernelStartupChecks(IServiceProvider services, ILogger<KernelStartupChecks> logger) : StartupCheck
{
    public override async Task StartingAsync(CancellationToken cancellationToken)
    {
        _ = services.GetRequiredService<RegisterCatalog>();
        _ = services.GetRequiredService<IKeyProvider>(); // refuses key files others can read, and keys that do not open the stored ones
        if (!await DataProtectionKeysTableExistsAsync(cancellationToken))
        {
            return;
        }

        var moved = services.GetRequiredService<DataProtectionKeyStore>().CarryOverPlainKeys();
        if (moved > 0)
        {
            LogCarriedOver(logger, moved);
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "{Count} data-protection keys kept in clear by an earlier version were wrapped with the key-encryption key and removed where they were")]
    private static partial void LogCarriedOver(ILogger logger, int count);

    /// <summary>
    /// False while migrations left to the operator have not run, or the database does not answer (the records check
    /// reports it): the first read of the key ring carries the keys over then.
    /// </summary>
    private async Task<bool> DataProtectionKeysTableExistsAsync(CancellationToken cancellationToken)
    {
        try
        {
            await using var scope = services.CreateAsyncScope();
            var applied = await scope.ServiceProvider.GetRequiredService<PrivacyDb>().Database.GetAppliedMigrationsAsync(cancellationToken);
            return applied.Any(m => m.EndsWith("_DataProtectionKeys", StringComparison.Ordinal));
        }
        catch (Exception e) when (StoredDataKeys.IsDatabaseFailure(e))
        {
            return false;
        }
    }
}
