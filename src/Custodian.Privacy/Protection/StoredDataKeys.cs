using System.Data.Common;
using System.Security.Cryptography;
using Microsoft.EntityFrameworkCore;

namespace Custodian.Privacy.Protection;

/// <summary>
/// Whether keys open the data keys already stored. An instance whose keys do not (its own KEK in a fresh data folder
/// next to another instance's database) would answer every read with an error, so it must not start, and
/// <c>/healthz</c> reports it.
/// </summary>
internal static class StoredDataKeys
{
    /// <summary>A data key wrapped by the newest KEK version in use: the one every instance must open.</summary>
    public static DataKeyRecord? Newest(PrivacyDb db) => NewestFirst(db).FirstOrDefault();

    public static Task<DataKeyRecord?> NewestAsync(PrivacyDb db, CancellationToken cancellationToken) => NewestFirst(db).FirstOrDefaultAsync(cancellationToken);

    /// <summary>True when <paramref name="failure"/> is the records database failing (down, refusing, not migrated), not the keys.</summary>
    public static bool IsDatabaseFailure(Exception failure) => failure is DbException || failure.InnerException is DbException;

    private static IQueryable<DataKeyRecord> NewestFirst(PrivacyDb db) =>
        db.DataKeys.AsNoTracking().OrderByDescending(k => k.KekVersion).ThenByDescending(k => k.CreatedAtUtc);

    /// <summary>Null when <paramref name="keys"/> open <paramref name="stored"/> (or nothing is stored); else what is wrong.</summary>
    public static string? Problem(IKeyProvider keys, DataKeyRecord? stored)
    {
        if (stored is null)
        {
            return null;
        }

        if (!keys.KekVersions.Contains(stored.KekVersion))
        {
            return $"they have no key-encryption key v{stored.KekVersion}, which wrapped data keys stored in the records database";
        }

        try
        {
            CryptographicOperations.ZeroMemory(keys.Unwrap(stored.KekVersion, stored.Wrapped, AssociatedData(stored)));
            return null;
        }
        catch (CryptographicException)
        {
            return $"their key-encryption key v{stored.KekVersion} does not open the data keys stored in the records database";
        }
    }

    /// <summary>Whether raw KEKs (a key folder about to become the shared keys) open <paramref name="stored"/>.</summary>
    public static bool Opens(IReadOnlyDictionary<int, byte[]> keks, DataKeyRecord stored)
    {
        if (!keks.TryGetValue(stored.KekVersion, out var kek))
        {
            return false;
        }

        using var aes = new AesGcm(kek, 16);
        try
        {
            CryptographicOperations.ZeroMemory(KekWrap.Unwrap(aes, stored.Wrapped, AssociatedData(stored)));
            return true;
        }
        catch (CryptographicException)
        {
            return false;
        }
    }

    private static byte[] AssociatedData(DataKeyRecord stored) => DataKeyRecord.AssociatedData(stored.Id, stored.Scope, stored.Version);
}
