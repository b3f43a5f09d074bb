using Custodian.Modules.Marketplace.Collection;
using Custodian.Privacy.Abstractions.Audit;
using Custodian.Privacy.Abstractions.Protection;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Custodian.Modules.Marketplace.Accounts;

/// <summary>
/// Connects a seller's marketplace account: checks the key's shape, reads a Wildberries token's expiry and
/// categories, proves the key with one cheap real call (WB <c>GET /ping</c> on the statistics host), and only then
/// stores it encrypted under the account's own key scope. The key itself is never returned, logged or shown again.
/// </summary>
internal sealed class ConnectMarketplaceAccount(
    MarketplaceDb db, IPersonalDataVault vault, MarketplaceHttp http, IOptions<WildberriesOptions> wildberries, IOptions<OzonOptions> ozon, Subscriptions.ISellerSubscriptions subscriptions, IAuditLog audit, ICurrentActor actor, TimeProvider clock)
{
    public async Task<MarketplaceAccountRecord> ConnectWildberriesAsync(Guid sellerId, string token, CancellationToken cancellationToken)
    {
        var seller = await SellerAsync(sellerId, cancellationToken);
        token = (token ?? string.Empty).Trim();
        if (token.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase))
        {
            token = token[7..].Trim();
        }

        if (token.Length is < 20 or > 4096 || token.Any(char.IsWhiteSpace))
        {
            throw new MarketplaceInputException("wildberries-token", "This is not a Wildberries API token: copy the whole token from the seller portal (Settings → Access to API).");
        }

        var info = WildberriesTokenInfo.Read(token);
        var now = clock.GetUtcNow();
        if (info.ExpiresAt is { } expires && expires <= now)
        {
            throw new MarketplaceInputException("wildberries-token", $"This token expired on {expires:yyyy-MM-dd}. Create a new one in the seller portal.");
        }

        if (info.Categories is { } categories && !categories.Contains("statistics"))
        {
            throw new MarketplaceInputException("wildberries-token", "This token has no access to the Statistics category, which orders and sales need. Create a token with Statistics (and Content, Analytics, Prices, Feedbacks, Finance for the other reports).");
        }

        var statistics = wildberries.Value.HostOf("statistics");
        try
        {
            await http.FetchAsync(() => Collection.Wildberries.WildberriesRequest.Get(statistics, "ping", token),
                token, "common", wildberries.Value.RequestsPerMinuteOf("common"), (status, _) => status, cancellationToken);
        }
        catch (MarketplaceKeyRejectedException e)
        {
            throw new MarketplaceInputException("wildberries-token", "Wildberries refused this token (" + e.Message + "). Check that it was copied whole and is not revoked.");
        }
        catch (MarketplaceUnavailableException e)
        {
            throw new MarketplaceInputException("wildberries-token", "Wildberries could not be reached to check the token (" + e.Message + "). Nothing was saved; try again later.");
        }

        var account = NewAccount(seller, MarketplaceKind.Wildberries, token, info.ExpiresAt?.UtcDateTime, info.Categories is null ? null : string.Join(",", info.Categories));
        account.WildberriesToken = await vault.SealAsync(account.KeyScope, MarketplaceAccountRecord.Field(account.Id, "wildberries_token"), token, cancellationToken);
        return await SaveAsync(seller, account, cancellationToken);
    }

    /// <summary>
    /// Connects an Ozon account: a numeric <c>Client-Id</c> and an <c>Api-Key</c> (a UUID), proven with one product-list
    /// call of a single item before both are stored encrypted.
    /// </summary>
    public async Task<MarketplaceAccountRecord> ConnectOzonAsync(Guid sellerId, string clientId, string apiKey, CancellationToken cancellationToken)
    {
        var seller = await SellerAsync(sellerId, cancellationToken);
        clientId = (clientId ?? string.Empty).Trim();
        apiKey = (apiKey ?? string.Empty).Trim();
        if (clientId.Length is 0 or > 20 || !clientId.All(char.IsAsciiDigit))
        {
            throw new MarketplaceInputException("ozon-client-id", "The Client-Id is a number: copy it from the Ozon seller portal (Settings → Seller API).");
        }

        if (!Guid.TryParseExact(apiKey, "D", out _))
        {
            throw new MarketplaceInputException("ozon-api-key", "This is not an Ozon Api-Key: copy the whole key (36 characters, like 1a2b3c4d-…) from Settings → Seller API.");
        }

        try
        {
            await http.FetchAsync(() => Collection.Ozon.OzonRequest.Post(ozon.Value.Host, "v3/product/list", clientId, apiKey, new { filter = new { visibility = "ALL" }, last_id = "", limit = 1 }),
                apiKey, "ozon-seller", ozon.Value.RequestsPerMinuteOf("seller"), (status, _) => status, cancellationToken);
        }
        catch (MarketplaceKeyRejectedException e)
        {
            throw new MarketplaceInputException("ozon-api-key", "Ozon refused this Client-Id and Api-Key (" + e.Message + "). Check both were copied whole and the key is active.");
        }
        catch (MarketplaceUnavailableException e)
        {
            throw new MarketplaceInputException("ozon-api-key", "Ozon could not be reached to check the key (" + e.Message + "). Nothing was saved; try again later.");
        }

        var account = NewAccount(seller, MarketplaceKind.Ozon, apiKey, null, null);
        account.OzonClientId = await vault.SealAsync(account.KeyScope, MarketplaceAccountRecord.Field(account.Id, "ozon_client_id"), clientId, cancellationToken);
        account.OzonApiKey = await vault.SealAsync(account.KeyScope, MarketplaceAccountRecord.Field(account.Id, "ozon_api_key"), apiKey, cancellationToken);
        return await SaveAsync(seller, account, cancellationToken);
    }

    /// <summary>The seller, when their plan has room for one more collecting account (checked before the marketplace is called).</summary>
    private async Task<Sellers.SellerRecord> SellerAsync(Guid sellerId, CancellationToken cancellationToken)
    {
        var seller = await db.Sellers.FirstOrDefaultAsync(s => s.Id == sellerId, cancellationToken) ?? throw new MarketplaceInputException("seller", "No seller with this id.");
        var plan = await subscriptions.StateAsync(sellerId, cancellationToken);
        if (plan is { Active: false })
        {
            throw new MarketplaceInputException("plan", $"The subscription ended on {plan.EndsAtUtc:yyyy-MM-dd}: choose a plan to connect accounts and collect again.");
        }

        if (plan is { RoomForAnotherAccount: false })
        {
            throw new MarketplaceInputException("plan", $"The plan {plan.Plan.NameEn} collects {plan.Plan.MaxAccounts} marketplace account(s) at a time and {plan.AccountsInUse} are connected: revoke one or choose a larger plan.");
        }

        return seller;
    }

    private MarketplaceAccountRecord NewAccount(Sellers.SellerRecord seller, MarketplaceKind marketplace, string key, DateTime? expiresAtUtc, string? categories) => new()
    {
        Id = Guid.CreateVersion7(),
        SellerId = seller.Id,
        Marketplace = marketplace,
        KeyTail = MarketplaceAccountRecord.Tail(key),
        KeyExpiresAtUtc = expiresAtUtc,
        KeyCategories = categories,
        Status = AccountStatus.Active,
        AddedAtUtc = clock.GetUtcNow().UtcDateTime,
    };

    private async Task<MarketplaceAccountRecord> SaveAsync(Sellers.SellerRecord seller, MarketplaceAccountRecord account, CancellationToken cancellationToken)
    {
        db.Accounts.Add(account);
        await db.SaveChangesAsync(cancellationToken);
        await audit.AppendAsync(new AuditEvent(actor.Actor, "marketplace.account.connect", new SubjectId(seller.SubjectId), "marketplace-sellers", "marketplace-collection", account.Id.ToString("N")), cancellationToken);
        return account;
    }
}
