using Custodian.Modules.Marketplace.Accounts;
using Custodian.Modules.Marketplace.Sellers;
using Custodian.Privacy.Abstractions.Protection;
using Custodian.Privacy.Abstractions.Requests;
using Custodian.Privacy.Abstractions.Retention;
using Microsoft.EntityFrameworkCore;

namespace Custodian.Modules.Marketplace.Retention;

/// <summary>
/// The marketplace's retention target for register marketplace-sellers: the kernel's sweep asks it which records of a
/// category are past their trigger (a support message's time for <c>collected</c>, the seller's closing for
/// <c>account-closed</c>) and has it delete them; the sweep checks holds and writes the destruction act. Only records
/// that still hold data of the category are due, so a finished rule finds nothing the next day.
/// The seller record's e-mail address is a required column: the record goes with the contact rule once nothing of the
/// other categories is left of the seller (name, Telegram, plan periods, keys), so no data goes without its own act;
/// contact is declared after them, so one sweep takes them all when their periods have ended.
/// These records keep nothing worth having without the person, so a rule that anonymises deletes them too.
/// Sign-in records (category access-log) are not stored by the module, so it has no rule to execute for them.
/// </summary>
internal sealed class SellerRetention(MarketplaceDb db, RevokeMarketplaceAccount revoke, RemoveMarketplaceAccounts removeAccounts) : IRetentionTarget
{
    public const string Correspondence = "correspondence";
    public const string Identity = "identity";
    public const string Telegram = "telegram";
    public const string Contact = "contact";
    public const string Subscription = "subscription";
    public const string MarketplaceKeys = "marketplace-keys";

    private const string Register = SellerDataProvider.Register;

    public string Name => "marketplace-sellers";

    public IReadOnlyCollection<string> Registers => [Register];

    public IReadOnlyCollection<string> Categories(string registerId) =>
        registerId == Register ? [Identity, Telegram, Contact, Correspondence, Subscription, MarketplaceKeys] : [];

    public async Task<IReadOnlyList<DueRecord>> FindDueAsync(string registerId, string category, DateTimeOffset cutoff, string? after, int batchSize, CancellationToken cancellationToken)
    {
        if (registerId != Register)
        {
            return [];
        }

        var before = cutoff.UtcDateTime;
        var start = after is null ? Guid.Empty : Guid.ParseExact(after, "N");
        var closed = db.Sellers.AsNoTracking().Where(s => s.Status == SellerStatus.Closed && s.ClosedAtUtc != null && s.ClosedAtUtc <= before);
        var due = category switch
        {
            Correspondence => await (
                from m in db.SupportMessages.AsNoTracking()
                where m.AtUtc <= before && m.Id.CompareTo(start) > 0
                join s in db.Sellers.AsNoTracking() on m.SellerId equals s.Id into sellers
                from s in sellers.DefaultIfEmpty()
                orderby m.Id
                select new Due("support-message", m.Id, s == null ? null : s.SubjectId, m.AtUtc)).Take(batchSize).ToListAsync(cancellationToken),
            Identity => await Sellers(closed.Where(s => s.FullName != null)),
            Telegram => await Sellers(closed.Where(s => s.TelegramUserId != null || s.TelegramIndex != null || s.TelegramChatId != null || s.TelegramUsername != null)),
            Contact => await Sellers(closed.Where(s => s.FullName == null && s.TelegramUserId == null && s.TelegramIndex == null && s.TelegramChatId == null && s.TelegramUsername == null
                && !db.Subscriptions.Any(p => p.SellerId == s.Id)
                && !db.Accounts.Any(a => a.SellerId == s.Id && (a.WildberriesToken != null || a.OzonClientId != null || a.OzonApiKey != null)))),
            Subscription => await (
                from p in db.Subscriptions.AsNoTracking()
                join s in closed on p.SellerId equals s.Id
                where p.Id.CompareTo(start) > 0
                orderby p.Id
                select new Due("subscription", p.Id, s.SubjectId, s.ClosedAtUtc!.Value)).Take(batchSize).ToListAsync(cancellationToken),
            MarketplaceKeys => await (
                from a in db.Accounts.AsNoTracking()
                join s in closed on a.SellerId equals s.Id
                where (a.WildberriesToken != null || a.OzonClientId != null || a.OzonApiKey != null) && a.Id.CompareTo(start) > 0
                orderby a.Id
                select new Due("marketplace-account", a.Id, s.SubjectId, s.ClosedAtUtc!.Value)).Take(batchSize).ToListAsync(cancellationToken),
            _ => [],
        };
        return [.. due.Select(d => new DueRecord(new RecordRef(Register, d.Type, d.Id.ToString("N")), d.Subject is { } subject ? new SubjectId(subject) : null, new DateTimeOffset(DateTime.SpecifyKind(d.At, DateTimeKind.Utc))))];

        Task<List<Due>> Sellers(IQueryable<SellerRecord> sellers) => sellers
            .Where(s => s.Id.CompareTo(start) > 0)
            .OrderBy(s => s.Id)
            .Take(batchSize)
            .Select(s => new Due("seller", s.Id, s.SubjectId, s.ClosedAtUtc!.Value))
            .ToListAsync(cancellationToken);
    }

    public async Task<int> ApplyAsync(string registerId, string category, RetentionTreatment treatment, IReadOnlyList<DueRecord> records, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(records);
        if (registerId != Register || records.Count == 0)
        {
            return 0;
        }

        // One JSON parameter per list (EF.Parameter): a sweep batch can exceed SQLite's limit of SQL variables.
        var ids = records.Select(r => Guid.ParseExact(r.Record.RecordId, "N")).ToList();
        switch (category)
        {
            case Correspondence:
                return await db.SupportMessages.Where(m => EF.Parameter(ids).Contains(m.Id)).ExecuteDeleteAsync(cancellationToken);
            case Identity:
                return await db.Sellers.Where(s => EF.Parameter(ids).Contains(s.Id) && s.FullName != null)
                    .ExecuteUpdateAsync(u => u.SetProperty(s => s.FullName, (Encrypted<string>?)null), cancellationToken);
            case Telegram:
                return await db.Sellers.Where(s => EF.Parameter(ids).Contains(s.Id))
                    .ExecuteUpdateAsync(u => u.SetProperty(s => s.TelegramUserId, (Encrypted<string>?)null).SetProperty(s => s.TelegramIndex, (byte[]?)null)
                        .SetProperty(s => s.TelegramChatId, (Encrypted<string>?)null).SetProperty(s => s.TelegramUsername, (Encrypted<string>?)null), cancellationToken);
            case Contact:
                return await DeleteSellersAsync(ids, cancellationToken);
            case Subscription:
                return await db.Subscriptions.Where(p => EF.Parameter(ids).Contains(p.Id)).ExecuteDeleteAsync(cancellationToken);
            case MarketplaceKeys:
                foreach (var account in ids)
                {
                    await revoke.RevokeAsync(account, cancellationToken); // destroys the account's key scope and the ciphertext
                }

                return ids.Count;
            default:
                return 0;
        }
    }

    /// <summary>The seller records with what only makes sense with them: team links, invitations they sent, their closed accounts and collected facts.</summary>
    private async Task<int> DeleteSellersAsync(List<Guid> sellers, CancellationToken cancellationToken)
    {
        await removeAccounts.RemoveAsync(await db.Accounts.Where(a => EF.Parameter(sellers).Contains(a.SellerId)).Select(a => a.Id).ToListAsync(cancellationToken), cancellationToken);
        await db.TeamMembers.Where(m => EF.Parameter(sellers).Contains(m.TeamSellerId) || EF.Parameter(sellers).Contains(m.MemberSellerId)).ExecuteDeleteAsync(cancellationToken);
        await db.TeamInvitations.Where(i => EF.Parameter(sellers).Contains(i.TeamSellerId)).ExecuteDeleteAsync(cancellationToken);
        await db.SignInLinks.Where(l => EF.Parameter(sellers).Contains(l.SellerId)).ExecuteDeleteAsync(cancellationToken);
        await db.ShareLinks.Where(l => EF.Parameter(sellers).Contains(l.SellerId)).ExecuteDeleteAsync(cancellationToken);
        await db.EmbedSettings.Where(e => EF.Parameter(sellers).Contains(e.SellerId)).ExecuteDeleteAsync(cancellationToken);
        await db.DigestPreferences.Where(p => EF.Parameter(sellers).Contains(p.SellerId)).ExecuteDeleteAsync(cancellationToken);
        await db.DigestsSent.Where(d => EF.Parameter(sellers).Contains(d.SellerId)).ExecuteDeleteAsync(cancellationToken);
        return await db.Sellers.Where(s => EF.Parameter(sellers).Contains(s.Id)).ExecuteDeleteAsync(cancellationToken);
    }

    private sealed record Due(string Type, Guid Id, Guid? Subject, DateTime At);
}
