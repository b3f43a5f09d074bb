using Custodian.Privacy.Abstractions.Audit;

namespace Custodian.Privacy.Protection;

/// <summary>
/// <c>custodian keys rotate</c>: a new key-encryption key, a new data-key version per scope for new writes, every
/// data key and data-protection key re-wrapped under the new KEK (data, cookies and links untouched), and optionally
/// the old KEKs destroyed, which also makes key rows in older backups unreadable (crypto-shredding then reaches those
/// backups). With shared keys, retiring first waits <see cref="IKeyProvider.KekPropagation"/> so every instance has
/// moved to the new KEK.
/// </summary>
public sealed class KeyRotation(IKeyProvider keys, KeyRing ring, DataProtectionKeyStore dataProtectionKeys, IAuditLog audit, ICurrentActor actor, TimeProvider clock)
{
    public sealed record Report(int KekVersion, int ScopesRotated, int KeysRewrapped, int DataProtectionKeysRewrapped, IReadOnlyList<int> RetiredKekVersions);

    public async Task<Report> RotateAsync(bool retirePrevious, IProgress<int>? rewrapped, CancellationToken cancellationToken)
    {
        var kek = keys.AddKekVersion();
        var scopes = await ring.RotateDataKeysAsync(cancellationToken);
        var count = await ring.RewrapAsync(500, rewrapped, cancellationToken);
        var dataProtection = await dataProtectionKeys.RewrapAsync(cancellationToken);
        if (retirePrevious && keys.KekPropagation > TimeSpan.Zero)
        {
            // Other instances go on wrapping new keys with the previous KEK until they look for a newer one: wait
            // until they have, and re-wrap what they made meanwhile, before that KEK is destroyed.
            await Task.Delay(keys.KekPropagation, clock, cancellationToken);
            count += await ring.RewrapAsync(500, rewrapped, cancellationToken);
            dataProtection += await dataProtectionKeys.RewrapAsync(cancellationToken);
        }

        var retired = retirePrevious ? keys.KekVersions.Where(v => v < kek).ToList() : [];
        if (retirePrevious)
        {
            keys.RetireKekVersionsBefore(kek);
        }

        await audit.AppendAsync(new AuditEvent(actor.Actor, retirePrevious ? "keys.rotate+retire" : "keys.rotate", RequestId: actor.RequestId), cancellationToken);
        return new Report(kek, scopes, count, dataProtection, retired);
    }
}
