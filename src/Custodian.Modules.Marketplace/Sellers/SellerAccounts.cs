using Custodian.Modules.Marketplace.Accounts;
using Custodian.Privacy.Abstractions.Consent;
using Custodian.Privacy.Abstractions.Protection;
using Microsoft.EntityFrameworkCore;

namespace Custodian.Modules.Marketplace.Sellers;

/// <summary>One marketplace account as the seller sees it (never the key, only its tail).</summary>
/// <param name="Notices">What the last runs could not collect and why (a plan or key role without a report), when that is not an error.</param>
/// <param name="Failing">Datasets whose last run failed (their names), retried on the schedule.</param>
internal sealed record AccountView(Guid Id, MarketplaceKind Marketplace, string KeyTail, string Status, string? StatusDetail, DateTime? KeyExpiresAtUtc, IReadOnlyList<string> MissingCategories, DateTime? LastSyncUtc, IReadOnlyList<string>? Notices = null, IReadOnlyList<string>? Failing = null);

/// <summary>What the seller's account page shows.</summary>
internal sealed record SellerView(Guid SellerId, string? Email, string? FullName, bool Active, IReadOnlyList<AccountView> Accounts);

/// <summary>The seller-facing operations of the web pages, always scoped to the signed-in seller.</summary>
internal interface ISellerAccounts
{
    /// <summary>The seller who signed up with this Telegram user, if any (pending or active).</summary>
    Task<(Guid SellerId, bool Active)?> FindByTelegramAsync(long telegramUserId, CancellationToken cancellationToken);

    Task<SellerView?> ViewAsync(Guid sellerId, CancellationToken cancellationToken);

    /// <exception cref="MarketplaceInputException">The token is not accepted (with the reason).</exception>
    Task<AccountView> ConnectWildberriesAsync(Guid sellerId, string token, CancellationToken cancellationToken);

    Task<AccountView> ConnectOzonAsync(Guid sellerId, string clientId, string apiKey, CancellationToken cancellationToken);

    /// <summary>Revokes one of the seller's own accounts or of a team they own with others; false when it is neither.</summary>
    Task<bool> RevokeAsync(Guid sellerId, Guid accountId, CancellationToken cancellationToken);

    /// <summary>
    /// Mails a single-use sign-in link (15 minutes) at once when an active seller has this address and it is under its
    /// limit (<see cref="SignInLinkOptions"/>); says nothing either way. The sign-in form goes through
    /// <see cref="SignInLinkQueue"/> instead, so its answer never waits for this.
    /// </summary>
    Task SendSignInLinkAsync(string email, string language, CancellationToken cancellationToken);

    /// <summary>The seller a sign-in link belongs to, using it up; null when it is unknown, used or expired.</summary>
    Task<Guid?> RedeemSignInLinkAsync(string token, bool peekOnly, CancellationToken cancellationToken);

    /// <summary>Whether the seller agreed to news and offers (purpose <c>marketing</c> of register marketplace-sellers).</summary>
    Task<bool> MarketingConsentAsync(Guid sellerId, CancellationToken cancellationToken);

    /// <summary>Records the seller's agreement (with the text they were shown) or its withdrawal in the consent ledger.</summary>
    Task SetMarketingConsentAsync(Guid sellerId, bool given, string noticeText, CancellationToken cancellationToken);
}

internal sealed class SellerAccounts(
    MarketplaceDb db, IPersonalDataVault vault, ConnectMarketplaceAccount connect, RevokeMarketplaceAccount revoke, SellerSignInLinks signInLinks, IConsentLedger consents) : ISellerAccounts
{
    public static readonly ConsentPurpose Marketing = new("marketplace-sellers", "marketing");

    public async Task<bool> MarketingConsentAsync(Guid sellerId, CancellationToken cancellationToken) =>
        await SubjectOfAsync(sellerId, cancellationToken) is { } subject && await consents.HasConsentAsync(subject, Marketing, cancellationToken);

    public async Task SetMarketingConsentAsync(Guid sellerId, bool given, string noticeText, CancellationToken cancellationToken)
    {
        if (await SubjectOfAsync(sellerId, cancellationToken) is not { } subject)
        {
            throw new MarketplaceInputException("seller", "No seller with this id.");
        }

        var evidence = new ConsentEvidence(ConsentChannel.WebForm, "seller page");
        if (given)
        {
            await consents.GiveAsync(subject, Marketing, noticeText, evidence, cancellationToken);
        }
        else if (await consents.HasConsentAsync(subject, Marketing, cancellationToken))
        {
            await consents.WithdrawAsync(subject, Marketing, evidence, cancellationToken);
        }
    }

    private async Task<SubjectId?> SubjectOfAsync(Guid sellerId, CancellationToken cancellationToken) =>
        await db.Sellers.AsNoTracking().Where(s => s.Id == sellerId).Select(s => (Guid?)s.SubjectId).FirstOrDefaultAsync(cancellationToken) is { } id ? new SubjectId(id) : null;

    public Task SendSignInLinkAsync(string email, string language, CancellationToken cancellationToken) => signInLinks.SendAsync(email, language, cancellationToken);

    public Task<Guid?> RedeemSignInLinkAsync(string token, bool peekOnly, CancellationToken cancellationToken) => signInLinks.RedeemAsync(token, peekOnly, cancellationToken);

    public async Task<(Guid SellerId, bool Active)?> FindByTelegramAsync(long telegramUserId, CancellationToken cancellationToken)
    {
        var index = SellerRecord.TelegramIndexOf(vault, telegramUserId);
        var seller = await db.Sellers.AsNoTracking().FirstOrDefaultAsync(s => s.TelegramIndex == index, cancellationToken);
        return seller is null ? null : (seller.Id, seller.Status == SellerStatus.Active);
    }

    public async Task<SellerView?> ViewAsync(Guid sellerId, CancellationToken cancellationToken)
    {
        var seller = await db.Sellers.AsNoTracking().FirstOrDefaultAsync(s => s.Id == sellerId, cancellationToken);
        if (seller is null)
        {
            return null;
        }

        var email = await vault.OpenAsync(seller.Email, SellerRecord.EmailField(seller.Id), cancellationToken);
        var name = seller.FullName is null ? null : (await vault.OpenAsync(seller.FullName, SellerRecord.FullNameField(seller.Id), cancellationToken)).Value;
        return new SellerView(seller.Id, email.Value, name, seller.Status == SellerStatus.Active, await AccountsAsync(sellerId, cancellationToken));
    }

    /// <summary>The seller's accounts that are not revoked, oldest first, with their last successful sync.</summary>
    public async Task<IReadOnlyList<AccountView>> AccountsAsync(Guid sellerId, CancellationToken cancellationToken)
    {
        var accounts = await db.Accounts.AsNoTracking().Where(a => a.SellerId == sellerId && a.Status != AccountStatus.Revoked).OrderBy(a => a.AddedAtUtc).ToListAsync(cancellationToken);
        var ids = accounts.Select(a => a.Id).ToList();
        var checkpoints = await db.Checkpoints.AsNoTracking().Where(c => ids.Contains(c.AccountId)).Select(c => new { c.AccountId, c.Dataset, c.LastSuccessUtc, c.Notice, Failed = c.LastError != null }).ToListAsync(cancellationToken);
        return [.. accounts.Select(a => View(a, checkpoints.Where(c => c.AccountId == a.Id).Max(c => c.LastSuccessUtc),
            [.. checkpoints.Where(c => c.AccountId == a.Id && c.Notice is not null).Select(c => c.Notice!).Distinct(StringComparer.Ordinal)]) with
            {
                Failing = [.. checkpoints.Where(c => c.AccountId == a.Id && c.Failed).Select(c => c.Dataset).Order(StringComparer.Ordinal)],
            })];
    }

    public async Task<AccountView> ConnectWildberriesAsync(Guid sellerId, string token, CancellationToken cancellationToken)
    {
        var account = await connect.ConnectWildberriesAsync(sellerId, token, cancellationToken);
        return View(account, null);
    }

    public async Task<AccountView> ConnectOzonAsync(Guid sellerId, string clientId, string apiKey, CancellationToken cancellationToken)
    {
        var account = await connect.ConnectOzonAsync(sellerId, clientId, apiKey, cancellationToken);
        return View(account, null);
    }

    public async Task<bool> RevokeAsync(Guid sellerId, Guid accountId, CancellationToken cancellationToken)
    {
        var owners = db.TeamMembers.Where(m => m.MemberSellerId == sellerId && m.Role == Teams.TeamRole.Owner).Select(m => m.TeamSellerId);
        if (!await db.Accounts.AnyAsync(a => a.Id == accountId && (a.SellerId == sellerId || owners.Contains(a.SellerId)), cancellationToken))
        {
            return false;
        }

        await revoke.RevokeAsync(accountId, cancellationToken);
        return true;
    }

    private static AccountView View(MarketplaceAccountRecord a, DateTime? lastSync, IReadOnlyList<string>? notices = null)
    {
        var categories = a.KeyCategories?.Split(',', StringSplitOptions.RemoveEmptyEntries);
        var missing = categories is null ? [] : WildberriesTokenInfo.MissingOf(categories);
        return new AccountView(a.Id, a.Marketplace, a.KeyTail, a.Status.ToString(), a.StatusDetail, a.KeyExpiresAtUtc, missing, lastSync, notices ?? []);
    }
}
