using System.Data.Common;
using Custodian.Storage;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace Custodian.Privacy.Protection;

/// <summary>
/// Chooses the <see cref="IKeyProvider"/>: the shared keys when a master key is configured (several instances), the
/// local key folder otherwise (one instance). Either way an instance whose keys do not open the data keys already
/// stored does not start: it would answer every read of personal data with an error.
/// </summary>
internal static class KeyProviderChoice
{
    /// <summary>How often an instance looks for KEK versions another one added (default one minute).</summary>
    public const string RefreshSetting = "Privacy:SharedKeysRefresh";

    public static IKeyProvider Create(IServiceProvider services, IConfiguration configuration)
    {
        var folder = configuration[LocalKeyFiles.Setting] is { Length: > 0 } keys ? Path.GetFullPath(keys) : services.GetRequiredService<DataDirectory>().File("keys");
        var scopes = services.GetRequiredService<IServiceScopeFactory>();
        var master = MasterKey.Read(configuration);
        if (master is not null)
        {
            return OpenShared(scopes, master, services.GetService<TimeProvider>() ?? TimeProvider.System, Refresh(configuration), folder);
        }

        // One look at the database: are there shared keys, and which data key must this instance's keys open.
        var (shared, stored) = Query(scopes, db => (db.SharedKeys.Any(), StoredDataKeys.Newest(db)));
        if (shared)
        {
            throw new SettingProblemException(MasterKey.FileSetting,
                $"the records database holds shared keys (privacy_shared_keys), but this instance has no master key; give it the one the other instances have ({MasterKey.Settings}).");
        }

        var local = new LocalKeyFiles(folder);
        if (StoredDataKeys.Problem(local, stored) is { } problem)
        {
            local.Dispose();
            throw new SettingProblemException(LocalKeyFiles.Setting,
                $"the keys in '{folder}' do not open the data keys stored in the records database: {problem} (another instance or installation made them). Give every instance the same keys: a master key ({MasterKey.Settings}) or the key folder that made them.");
        }

        return local;
    }

    private static SharedKeys OpenShared(IServiceScopeFactory scopes, MasterKey master, TimeProvider clock, TimeSpan refresh, string folder)
    {
        SharedKeys shared;
        try
        {
            shared = SharedKeys.Open(scopes, master, clock, refresh, folder);
        }
        catch (Exception e) when (StoredDataKeys.IsDatabaseFailure(e))
        {
            throw new SettingProblemException(master.Setting,
                $"the shared keys cannot be read from the records database ({(e.InnerException as DbException ?? e).Message.TrimEnd('.')}); migrate it first (custodian db migrate).", e);
        }

        using var scope = scopes.CreateScope();
        if (StoredDataKeys.Problem(shared, StoredDataKeys.Newest(scope.ServiceProvider.GetRequiredService<PrivacyDb>())) is { } problem)
        {
            shared.Dispose();
            throw new SettingProblemException(master.Setting, $"the shared keys do not open the data keys stored in the records database: {problem}.");
        }

        return shared;
    }

    private static TimeSpan Refresh(IConfiguration configuration)
    {
        var text = configuration[RefreshSetting];
        if (string.IsNullOrWhiteSpace(text))
        {
            return TimeSpan.FromMinutes(1);
        }

        return TimeSpan.TryParse(text, System.Globalization.CultureInfo.InvariantCulture, out var refresh) && refresh >= TimeSpan.Zero
            ? refresh
            : throw new SettingProblemException(RefreshSetting, $"'{text}' is not a duration such as 00:01:00.");
    }

    /// <summary>The answer, or null when the records database cannot answer yet (not migrated): the check is then left to the next start.</summary>
    private static T? Query<T>(IServiceScopeFactory scopes, Func<PrivacyDb, T> query)
    {
        try
        {
            using var scope = scopes.CreateScope();
            var db = scope.ServiceProvider.GetRequiredService<PrivacyDb>();
            // Asked before the migrations have run on a fresh database: look only once the tables exist (a query on a
            // missing table would succeed in the end but log an error with a stack trace at every first start).
            return db.Database.GetAppliedMigrations().Any(m => m.EndsWith("_SharedKeys", StringComparison.Ordinal)) ? query(db) : default;
        }
        catch (Exception e) when (StoredDataKeys.IsDatabaseFailure(e))
        {
            return default;
        }
    }
}
