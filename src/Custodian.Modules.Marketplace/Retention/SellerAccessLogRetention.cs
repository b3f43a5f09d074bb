using Custodian.Modules.Marketplace.Sellers;
using Custodian.Privacy.Abstractions.Access;
using Custodian.Privacy.Abstractions.Protection;
using Custodian.Privacy.Abstractions.Requests;
using Custodian.Privacy.Abstractions.Retention;
using Microsoft.EntityFrameworkCore;

namespace Custodian.Modules.Marketplace.Retention;

/// <summary>
/// The retention target for register marketplace-sellers, category access-log (sign-in times, addresses, devices;
/// deleted a year after they were collected): the sellers' sessions, which the session machinery keeps and the module
/// reaches through <see cref="ISessions"/>. A session is collected when it begins.
/// </summary>
internal sealed class SellerAccessLogRetention(ISessions sessions, MarketplaceDb db) : IRetentionTarget
{
    private const string AccessLog = "access-log";
    private const string Prefix = "seller-";

    public string Name => "marketplace-sellers-access-log";

    public IReadOnlyCollection<string> Registers => [SellerDataProvider.Register];

    public IReadOnlyCollection<string> Categories(string registerId) => registerId == SellerDataProvider.Register ? [AccessLog] : [];

    public async Task<IReadOnlyList<DueRecord>> FindDueAsync(string registerId, string category, DateTimeOffset cutoff, string? after, int batchSize, CancellationToken cancellationToken)
    {
        if (registerId != SellerDataProvider.Register || category != AccessLog)
        {
            return [];
        }

        var due = await sessions.BeganBeforeAsync(Prefix, cutoff.UtcDateTime, after is null ? null : Guid.ParseExact(after, "N"), batchSize, cancellationToken);
        var sellerIds = due.Select(s => Guid.TryParseExact(s.Account[Prefix.Length..], "N", out var id) ? id : Guid.Empty).Distinct().ToList();
        var subjects = await db.Sellers.AsNoTracking().Where(s => sellerIds.Contains(s.Id)).ToDictionaryAsync(s => SellerSession.AccountId(s.Id), s => s.SubjectId, cancellationToken);
        return [.. due.Select(s => new DueRecord(new RecordRef(registerId, "sign-in", s.Id.ToString("N")),
            subjects.TryGetValue(s.Account, out var subject) ? new SubjectId(subject) : null,
            new DateTimeOffset(DateTime.SpecifyKind(s.SignedInAtUtc, DateTimeKind.Utc))))];
    }

    public async Task<int> ApplyAsync(string registerId, string category, RetentionTreatment treatment, IReadOnlyList<DueRecord> records, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(records);
        // An access log without its address and device says nothing: anonymising deletes it too.
        return registerId != SellerDataProvider.Register || category != AccessLog || records.Count == 0
            ? 0
            : await sessions.DeleteAsync([.. records.Select(r => Guid.ParseExact(r.Record.RecordId, "N"))], cancellationToken);
    }
}
