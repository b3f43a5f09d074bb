using System.Security.Cryptography;
using System.Text;
using System.Xml.Linq;
using Microsoft.AspNetCore.DataProtection.Repositories;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Custodian.Privacy.Protection;

/// <summary>A data-protection key (or revocation) as stored; a key's secret only wrapped by a key-encryption key.</summary>
internal sealed class DataProtectionKeyRecord
{
    /// <summary>The key's own id; for a revocation, an id of its own.</summary>
    public Guid Id { get; set; }

    public string Xml { get; set; } = string.Empty;
}

/// <summary>
/// Where ASP.NET Core data protection keeps the keys of cookies, antiforgery tokens and consent-withdrawal links:
/// <c>privacy_data_protection_keys</c>, shared by every instance, each key's secret wrapped by a KEK
/// (<see cref="DataProtectionKeySecret"/>). Rotation re-wraps them with the data keys, so retiring a KEK never voids a
/// cookie or a link already mailed. Keys an earlier version kept in clear elsewhere are carried over whenever the key
/// ring is read.
/// </summary>
public sealed class DataProtectionKeyStore : IXmlRepository
{
    private static readonly XNamespace DataProtection = "http://schemas.asp.net/2015/03/dataProtection";
    private readonly IServiceScopeFactory _scopes;
    private readonly Func<IKeyProvider> _keys;
    private readonly IReadOnlyList<IPlainKeySource> _plainSources;

    internal DataProtectionKeyStore(IServiceScopeFactory scopes, Func<IKeyProvider> keys, IEnumerable<IPlainKeySource> plainSources)
    {
        (_scopes, _keys, _plainSources) = (scopes, keys, [.. plainSources]);
    }

    public IReadOnlyCollection<XElement> GetAllElements()
    {
        CarryOverPlainKeys();
        using var scope = _scopes.CreateScope();
        var stored = scope.ServiceProvider.GetRequiredService<PrivacyDb>().DataProtectionKeys.AsNoTracking().Select(k => k.Xml).ToList();
        return [.. stored.Select(xml => XElement.Parse(xml))];
    }

    public void StoreElement(XElement element, string friendlyName)
    {
        ArgumentNullException.ThrowIfNull(element);
        Add(element, IdOf(element) ?? Guid.CreateVersion7());
    }

    /// <summary>Re-wraps every key secret not wrapped by the current KEK with it. Returns how many keys changed.</summary>
    public async Task<int> RewrapAsync(CancellationToken cancellationToken)
    {
        await using var scope = _scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<PrivacyDb>();
        var keys = _keys();
        var current = keys.CurrentKekVersion;
        var changed = 0;
        foreach (var row in await db.DataProtectionKeys.ToListAsync(cancellationToken))
        {
            var xml = XElement.Parse(row.Xml);
            var stale = xml.Descendants(DataProtectionKeySecret.Name).Where(s => DataProtectionKeySecret.KekVersionOf(s) < current).ToList();
            foreach (var secret in stale)
            {
                secret.ReplaceWith(DataProtectionKeySecret.Seal(keys, DataProtectionKeySecret.Open(keys, secret)));
            }

            if (stale.Count > 0)
            {
                row.Xml = xml.ToString(SaveOptions.DisableFormatting);
                changed++;
            }
        }

        await db.SaveChangesAsync(cancellationToken);
        return changed;
    }

    /// <summary>
    /// Moves keys an earlier version stored in clear into this store, wrapped, then deletes them where they were. A key
    /// already here (carried over by another instance at the same moment, or before a crash) is not added twice.
    /// </summary>
    internal int CarryOverPlainKeys()
    {
        var moved = 0;
        foreach (var source in _plainSources)
        {
            using var scope = _scopes.CreateScope();
            var plain = source.Read(scope.ServiceProvider);
            if (plain.Count == 0)
            {
                continue;
            }

            var db = scope.ServiceProvider.GetRequiredService<PrivacyDb>();
            foreach (var xml in plain.Select(p => p.Xml).OfType<string>())
            {
                var element = XElement.Parse(xml);
                // Without an id of its own (a revocation), the same element always gets the same id.
                var id = IdOf(element) ?? new Guid(SHA256.HashData(Encoding.UTF8.GetBytes(xml)).AsSpan(0, 16));
                if (db.DataProtectionKeys.Any(k => k.Id == id))
                {
                    continue;
                }

                try
                {
                    Add(element, id);
                }
                catch (DbUpdateException) when (db.DataProtectionKeys.Any(k => k.Id == id))
                {
                    // Another instance carried it over at the same moment. Any other failure stops here, before the
                    // plain rows are removed: a key is never lost on the way.
                }
            }

            source.Remove(scope.ServiceProvider, [.. plain.Select(p => p.Id)]);
            moved += plain.Count;
        }

        return moved;
    }

    private void Add(XElement element, Guid id)
    {
        using var scope = _scopes.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<PrivacyDb>();
        db.DataProtectionKeys.Add(new DataProtectionKeyRecord { Id = id, Xml = WithSecretsWrapped(element).ToString(SaveOptions.DisableFormatting) });
        db.SaveChanges();
    }

    /// <summary>
    /// The element with every part data protection marks as secret replaced by its wrapped form: what the configured
    /// encryptor already did for new keys, and what keys carried over in clear still need.
    /// </summary>
    private XElement WithSecretsWrapped(XElement element)
    {
        var copy = new XElement(element);
        foreach (var secret in copy.Descendants().Where(e => (bool?)e.Attribute(DataProtection + "requiresEncryption") == true).ToList())
        {
            secret.ReplaceWith(new XElement(DataProtection + "encryptedSecret",
                new XAttribute("decryptorType", typeof(DataProtectionKeyDecryptor).AssemblyQualifiedName!),
                DataProtectionKeySecret.Seal(_keys(), new XElement(secret))));
        }

        return copy;
    }

    private static Guid? IdOf(XElement element) =>
        element.Name == "key" && Guid.TryParse((string?)element.Attribute("id"), out var id) ? id : null;
}
