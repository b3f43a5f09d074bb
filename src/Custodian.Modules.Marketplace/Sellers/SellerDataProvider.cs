using System.Globalization;
using Custodian.Modules.Marketplace.Accounts;
using Custodian.Modules.Marketplace.Support;
using Custodian.Privacy.Abstractions.Access;
using Custodian.Privacy.Abstractions.Identifiers;
using Custodian.Privacy.Abstractions.Protection;
using Custodian.Privacy.Abstractions.Requests;
using Microsoft.EntityFrameworkCore;

namespace Custodian.Modules.Marketplace.Sellers;

/// <summary>
/// The sellers' personal data for rights requests (register marketplace-sellers): the seller record, the marketplace
/// accounts (keys are not disclosed — they are secrets; revoking is offered instead), the paid plan periods, the
/// support correspondence, the daily digest's channels and sent-log, and the seller's settings such as the stock thresholds of their accounts' SKUs (not personal
/// data, so no category of the register declares them; they are the seller's, so they are exported and erased too).
/// Erasure revokes and crypto-shreds every marketplace key (the accounts' own key scopes), deletes the accounts' rows
/// from the analytics store and deletes the records. The seller's subject key is the kernel's to destroy once every
/// register is clear (IPersonalDataProvider remarks): invoices of the same person in the billing register may still
/// need it. No legal holds arise in this register yet (invoices and accounting records will hold, with billing).
/// </summary>
internal sealed class SellerDataProvider(MarketplaceDb db, IPersonalDataVault vault, RemoveMarketplaceAccounts removeAccounts, ISessions sessions) : IPersonalDataProvider
{
    public const string Register = "marketplace-sellers";

    public string Name => "marketplace-sellers";

    public IReadOnlyCollection<string> Registers => [Register];

    public async Task<IReadOnlyList<SubjectId>> FindSubjectsAsync(IReadOnlyList<SubjectIdentifier> identifiers, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(identifiers);
        var indexes = identifiers.Where(i => i.Type == IdentifierType.Email).Select(i => i.BlindIndex).ToList();
        var found = new List<SubjectId>();
        foreach (var index in indexes)
        {
            found.AddRange(await db.Sellers.AsNoTracking().Where(s => s.EmailIndex == index).Select(s => new SubjectId(s.SubjectId)).ToListAsync(cancellationToken));
        }

        return [.. found.Distinct()];
    }

    public async Task<IReadOnlyList<ExportedRecord>> ExportAsync(SubjectId subject, string registerId, CancellationToken cancellationToken)
    {
        if (registerId != Register || await db.Sellers.AsNoTracking().FirstOrDefaultAsync(s => s.SubjectId == subject.Value, cancellationToken) is not { } seller)
        {
            return [];
        }

        var records = new List<ExportedRecord>
        {
            new(new RecordRef(Register, "seller", seller.Id.ToString("N")),
            [
                new("email", (await vault.OpenAsync(seller.Email, SellerRecord.EmailField(seller.Id), cancellationToken)).Value),
                new("full_name", seller.FullName is null ? null : (await vault.OpenAsync(seller.FullName, SellerRecord.FullNameField(seller.Id), cancellationToken)).Value),
                new("telegram_user_id", seller.TelegramUserId is null ? null : (await vault.OpenAsync(seller.TelegramUserId, SellerRecord.Field(seller.Id, "telegram_user_id"), cancellationToken)).Value),
                new("telegram_username", seller.TelegramUsername is null ? null : (await vault.OpenAsync(seller.TelegramUsername, SellerRecord.Field(seller.Id, "telegram_username"), cancellationToken)).Value),
                new("signed_up_through", seller.Source), new("language", seller.Language), new("status", seller.Status.ToString()), new("created_at", Utc(seller.CreatedAtUtc)),
            ], seller.Restricted),
        };
        foreach (var account in await db.Accounts.AsNoTracking().Where(a => a.SellerId == seller.Id).OrderBy(a => a.AddedAtUtc).ToListAsync(cancellationToken))
        {
            records.Add(new ExportedRecord(new RecordRef(Register, "marketplace-account", account.Id.ToString("N")),
            [
                new("marketplace", account.Marketplace.ToString()), new("key", account.KeyTail + " (the key itself is a secret and is not disclosed; revoke or replace it on the seller page)"),
                new("key_expires_at", account.KeyExpiresAtUtc is { } e ? Utc(e) : null), new("status", account.Status.ToString()), new("added_at", Utc(account.AddedAtUtc)),
            ], seller.Restricted));
        }

        foreach (var message in await db.SupportMessages.AsNoTracking().Where(m => m.SellerId == seller.Id).OrderBy(m => m.AtUtc).ToListAsync(cancellationToken))
        {
            records.Add(new ExportedRecord(new RecordRef(Register, "support-message", message.Id.ToString("N")),
            [
                new("support_message", (await vault.OpenAsync(message.Text, SupportMessageRecord.Field(message.Id), cancellationToken)).Value),
                new("from", message.FromSeller ? "seller" : "support"), new("channel", message.Channel), new("at", Utc(message.AtUtc)),
            ], seller.Restricted));
        }

        foreach (var membership in await db.TeamMembers.AsNoTracking().Where(m => m.MemberSellerId == seller.Id || m.TeamSellerId == seller.Id).OrderBy(m => m.AddedAtUtc).ToListAsync(cancellationToken))
        {
            records.Add(new ExportedRecord(new RecordRef(Register, "team-membership", membership.TeamSellerId.ToString("N") + "/" + membership.MemberSellerId.ToString("N")),
            [
                new("team", membership.TeamSellerId == seller.Id ? "your own team" : "the team of seller " + membership.TeamSellerId.ToString("N")),
                new("member", membership.MemberSellerId == seller.Id ? "you" : "seller " + membership.MemberSellerId.ToString("N")), new("role", membership.Role.ToString()), new("added_at", Utc(membership.AddedAtUtc)),
            ], seller.Restricted));
        }

        foreach (var period in await db.Subscriptions.AsNoTracking().Where(p => p.SellerId == seller.Id).OrderBy(p => p.StartsAtUtc).ToListAsync(cancellationToken))
        {
            records.Add(new ExportedRecord(new RecordRef(Register, "subscription", period.Id.ToString("N")),
            [
                new("subscription_plan", period.PlanId), new("subscription_period", Utc(period.StartsAtUtc) + " – " + Utc(period.EndsAtUtc)),
                new("subscription_price", new Subscriptions.Price(period.PriceAmount, period.PriceCurrency).ToString()), new("recorded_at", Utc(period.RecordedAtUtc)),
            ], seller.Restricted));
        }

        foreach (var invitation in await db.TeamInvitations.AsNoTracking().Where(i => i.TeamSellerId == seller.Id).OrderBy(i => i.InvitedAtUtc).ToListAsync(cancellationToken))
        {
            records.Add(new ExportedRecord(new RecordRef(Register, "team-invitation", invitation.Id.ToString("N")),
            [
                new("invited", (await vault.OpenAsync(invitation.Email, Teams.TeamInvitationRecord.EmailField(invitation.Id), cancellationToken)).Value),
                new("role", invitation.Role.ToString()), new("invited_at", Utc(invitation.InvitedAtUtc)), new("expires_at", Utc(invitation.ExpiresAtUtc)),
            ], seller.Restricted));
        }

        foreach (var threshold in await db.StockThresholds.AsNoTracking().Where(x => x.SellerId == seller.Id).OrderBy(x => x.AccountId).ThenBy(x => x.Sku).ToListAsync(cancellationToken))
        {
            records.Add(new ExportedRecord(new RecordRef(Register, "stock-threshold", threshold.Id.ToString("N")),
            [
                new("marketplace_account", threshold.AccountId.ToString("N")), new("sku", threshold.Sku.ToString(CultureInfo.InvariantCulture)),
                new("stock_threshold", threshold.Threshold.ToString(CultureInfo.InvariantCulture)), new("updated_at", Utc(threshold.UpdatedAtUtc)),
            ], seller.Restricted));
        }

        foreach (var link in await db.ShareLinks.AsNoTracking().Where(l => l.SellerId == seller.Id).OrderBy(l => l.CreatedAtUtc).ToListAsync(cancellationToken))
        {
            records.Add(new ExportedRecord(new RecordRef(Register, "share-link", link.Id.ToString("N")),
            [
                new("dashboard", link.Dashboard), new("marketplace_accounts", link.AccountIds), new("created_at", Utc(link.CreatedAtUtc)),
                new("expires_at", link.ExpiresAtUtc is { } expires ? Utc(expires) : null), new("revoked_at", link.RevokedAtUtc is { } revoked ? Utc(revoked) : null),
                new("last_used_at", link.LastUsedAtUtc is { } used ? Utc(used) : null), new("views", link.Views.ToString(CultureInfo.InvariantCulture)),
            ], seller.Restricted));
        }

        if (await db.EmbedSettings.AsNoTracking().FirstOrDefaultAsync(e => e.SellerId == seller.Id, cancellationToken) is { } embedding)
        {
            records.Add(new ExportedRecord(new RecordRef(Register, "embedding", seller.Id.ToString("N")),
                [new("embedding_sites", embedding.AllowedOrigins), new("embedding_secret_set", embedding.Secret is null ? "no" : "yes"), new("updated_at", Utc(embedding.UpdatedAtUtc))], seller.Restricted));
        }

        if (await db.DigestPreferences.AsNoTracking().FirstOrDefaultAsync(p => p.SellerId == seller.Id, cancellationToken) is { } digest)
        {
            records.Add(new ExportedRecord(new RecordRef(Register, "digest-preference", seller.Id.ToString("N")),
            [
                new("digest_in_telegram", digest.Telegram ? "yes" : "no"), new("digest_by_email", digest.Email ? "yes" : "no"), new("updated_at", Utc(digest.UpdatedAtUtc)),
            ], seller.Restricted));
        }

        foreach (var sent in await db.DigestsSent.AsNoTracking().Where(d => d.SellerId == seller.Id).OrderBy(d => d.Day).ToListAsync(cancellationToken))
        {
            records.Add(new ExportedRecord(new RecordRef(Register, "digest-sent", sent.Id.ToString("N")),
            [
                new("digest_day", sent.Day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)), new("digest_channels", sent.Channels), new("sent_at", sent.SentAtUtc is { } at ? Utc(at) : null),
            ], seller.Restricted));
        }

        foreach (var cost in await db.CostPrices.AsNoTracking().Where(x => x.SellerId == seller.Id).OrderBy(x => x.AccountId).ThenBy(x => x.Sku).ThenBy(x => x.ValidFrom).ToListAsync(cancellationToken))
        {
            records.Add(new ExportedRecord(new RecordRef(Register, "cost-price", cost.Id.ToString("N")),
            [
                new("marketplace_account", cost.AccountId.ToString("N")), new("sku", cost.Sku.ToString(CultureInfo.InvariantCulture)),
                new("cost", cost.Cost.ToString(CultureInfo.InvariantCulture)), new("valid_from", cost.ValidFrom.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)), new("updated_at", Utc(cost.UpdatedAtUtc)),
            ], seller.Restricted));
        }

        if (await db.TaxSettings.AsNoTracking().FirstOrDefaultAsync(x => x.SellerId == seller.Id, cancellationToken) is { } tax)
        {
            records.Add(new ExportedRecord(new RecordRef(Register, "tax-regime", seller.Id.ToString("N")),
                [new("regime", tax.Regime), new("usn_rate", tax.UsnRate?.ToString(CultureInfo.InvariantCulture) ?? string.Empty), new("updated_at", Utc(tax.UpdatedAtUtc))], seller.Restricted));
        }

        foreach (var session in await sessions.ListAsync(SellerSession.AccountId(seller.Id), cancellationToken))
        {
            records.Add(new ExportedRecord(new RecordRef(Register, "sign-in", session.Id.ToString("N")),
            [
                new("signed_in_at", Utc(session.SignedInAtUtc)), new("method", session.Method), new("last_seen_at", Utc(session.LastSeenAtUtc)),
                new("ended_at", session.EndedAtUtc is { } ended ? Utc(ended) : null), new("ip_address", session.IpAddress), new("device", session.Device),
            ], seller.Restricted));
        }

        return records;
    }

    public async Task<RectificationResult> RectifyAsync(SubjectId subject, RecordRef record, string field, string value, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(record);
        var seller = await db.Sellers.FirstOrDefaultAsync(s => s.SubjectId == subject.Value, cancellationToken);
        if (seller is null || record.Register != Register || record.RecordType != "seller" || record.RecordId != seller.Id.ToString("N"))
        {
            return new RectificationResult(RectificationOutcome.NoSuchRecord, "Not a seller record of this person.");
        }

        var scope = KeyScope.Subject(subject);
        switch (field)
        {
            case "full_name":
                seller.FullName = await vault.SealAsync(scope, SellerRecord.FullNameField(seller.Id), value.Trim(), cancellationToken);
                break;
            case "email":
                var check = Email.Check(value);
                if (!check.IsValid)
                {
                    return new RectificationResult(RectificationOutcome.InvalidValue, $"Not a valid e-mail address: {check.Reason}.");
                }

                var index = vault.BlindIndexOf(IdentifierType.Email, check.Normalised!);
                if (await db.Sellers.AnyAsync(s => s.EmailIndex == index && s.Id != seller.Id, cancellationToken))
                {
                    return new RectificationResult(RectificationOutcome.InvalidValue, "Another seller account uses this address.");
                }

                seller.Email = await vault.SealAsync(scope, SellerRecord.EmailField(seller.Id), check.Normalised!, cancellationToken);
                seller.EmailIndex = index;
                break;
            default:
                return new RectificationResult(RectificationOutcome.NoSuchField, "Only the e-mail address and the name can be corrected; keys are replaced on the seller page.");
        }

        await db.SaveChangesAsync(cancellationToken);
        return new RectificationResult(RectificationOutcome.Rectified);
    }

    public Task<IReadOnlyList<LegalHold>> HoldsAsync(SubjectId subject, string registerId, CancellationToken cancellationToken) =>
        Task.FromResult<IReadOnlyList<LegalHold>>([]);

    public async Task<ErasureResult> EraseAsync(SubjectId subject, string registerId, CancellationToken cancellationToken)
    {
        if (registerId != Register || await db.Sellers.FirstOrDefaultAsync(s => s.SubjectId == subject.Value, cancellationToken) is not { } seller)
        {
            return new ErasureResult(0, 0, []);
        }

        // The seller's collected marketplace data goes with the accounts: keys, and every fact row of each account.
        var accounts = await db.Accounts.Where(a => a.SellerId == seller.Id).Select(a => a.Id).ToListAsync(cancellationToken);
        var erased = await db.StockThresholds.Where(x => x.SellerId == seller.Id).ExecuteDeleteAsync(cancellationToken);
        erased += await db.CostPrices.Where(x => x.SellerId == seller.Id).ExecuteDeleteAsync(cancellationToken);
        erased += await db.TaxSettings.Where(x => x.SellerId == seller.Id).ExecuteDeleteAsync(cancellationToken);
        erased += await removeAccounts.RemoveAsync(accounts, cancellationToken);
        erased += await db.ShareLinks.Where(l => l.SellerId == seller.Id).ExecuteDeleteAsync(cancellationToken);
        erased += await db.EmbedSettings.Where(e => e.SellerId == seller.Id).ExecuteDeleteAsync(cancellationToken);
        erased += await db.SupportMessages.Where(m => m.SellerId == seller.Id).ExecuteDeleteAsync(cancellationToken);
        erased += await db.DigestPreferences.Where(p => p.SellerId == seller.Id).ExecuteDeleteAsync(cancellationToken);
        erased += await db.DigestsSent.Where(d => d.SellerId == seller.Id).ExecuteDeleteAsync(cancellationToken);
        erased += await db.Subscriptions.Where(p => p.SellerId == seller.Id).ExecuteDeleteAsync(cancellationToken);
        erased += await db.TeamMembers.Where(m => m.TeamSellerId == seller.Id || m.MemberSellerId == seller.Id).ExecuteDeleteAsync(cancellationToken);
        erased += await db.TeamInvitations.Where(i => i.TeamSellerId == seller.Id || i.EmailIndex == seller.EmailIndex).ExecuteDeleteAsync(cancellationToken);
        await db.SignInLinks.Where(l => l.SellerId == seller.Id).ExecuteDeleteAsync(cancellationToken);
        erased += await db.Sellers.Where(s => s.Id == seller.Id).ExecuteDeleteAsync(cancellationToken);
        erased += await sessions.ForgetAsync(SellerSession.AccountId(seller.Id), cancellationToken); // the access log, and the cookies stop working
        return new ErasureResult(erased, 0, []);
    }

    public async Task<int> RestrictAsync(SubjectId subject, string registerId, bool restricted, CancellationToken cancellationToken)
    {
        if (registerId != Register)
        {
            return 0;
        }

        var sellers = await db.Sellers.Where(s => s.SubjectId == subject.Value).ExecuteUpdateAsync(u => u.SetProperty(s => s.Restricted, restricted), cancellationToken);
        return sellers == 0 ? 0 : (await ExportAsync(subject, registerId, cancellationToken)).Count;
    }

    private static string Utc(DateTime value) => DateTime.SpecifyKind(value, DateTimeKind.Utc).ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);
}
