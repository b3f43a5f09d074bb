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
internal sealed class ConnectMarketplaceAccount(MarketplaceDb db, IPersonalDataVault vault, MarketplaceHttp http, IOptions<WildberriesOptions> wildberries, IAuditLog audit, ICurrentActor actor, TimeProvider clock)
{
    public async Task<MarketplaceAccountRecord> ConnectWildberriesAsync(Guid sellerId, string token, CancellationToken cancellationToken)
    {
        var seller = await db.Sellers.FirstOrDefaultAsync(s => s.Id == sellerId, cancellationToken)
            ?? throw new MarketplaceInputException("seller", "No seller with this id.");
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

        var account = new MarketplaceAccountRecord
        {
            Id = Guid.CreateVersion7(),
            SellerId = seller.Id,
            Marketplace = MarketplaceKind.Wildberries,
            KeyTail = MarketplaceAccountRecord.Tail(token),
            KeyExpiresAtUtc = info.ExpiresAt?.UtcDateTime,
            KeyCategories = info.Categories is null ? null : string.Join(",", info.Categories),
            Status = AccountStatus.Active,
            AddedAtUtc = now.UtcDateTime,
        };
        account.WildberriesToken = await vault.SealAsync(account.KeyScope, MarketplaceAccountRecord.Field(account.Id, "wildberries_token"), token, cancellationToken);
        db.Accounts.Add(account);
        await db.SaveChangesAsync(cancellationToken);
        await audit.AppendAsync(new AuditEvent(actor.Actor, "marketplace.account.connect", new SubjectId(seller.SubjectId), "marketplace-sellers", "marketplace-collection", account.Id.ToString("N")), cancellationToken);
        return account;
    }
}
