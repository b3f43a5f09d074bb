using System.CommandLine;
using System.Globalization;
using Custodian.Modules.Marketplace.Accounts;
using Custodian.Modules.Marketplace.Sellers;
using Custodian.Privacy.Abstractions.Hosting;
using Microsoft.Extensions.DependencyInjection;

namespace Custodian.Modules.Marketplace.Cli;

/// <summary>
/// <c>custodian sellers list [--email E] [--json]</c> and <c>custodian marketplace accounts list [--seller ID] [--json]</c>:
/// what operators need to find a seller or an account, without decrypting anyone's personal values.
/// </summary>
internal static class ListCommands
{
    private const string Module = MarketplaceModule.Name;

    public static Command Sellers(IVerbHost host)
    {
        var email = new Option<string?>("--email") { Description = "Only the seller with this e-mail address (matched by its blind index; addresses are never listed)." };
        var json = new Option<bool>("--json") { Description = "Print JSON instead of a table." };
        var list = new Command("list", "List sellers: id, state, plan, connected accounts, when they signed up.") { email, json };
        list.TreatUnmatchedTokensAsErrors = false;
        list.SetAction((parseResult, ct) => host.RunAsync(Module, [.. parseResult.UnmatchedTokens], (verb, cancellationToken) => MarketplaceCommands.Guarded(verb, async () =>
        {
            await using var scope = verb.Services.CreateAsyncScope();
            var sellers = await scope.ServiceProvider.GetRequiredService<ListSellers>().ListAsync(parseResult.GetValue(email), cancellationToken);
            if (parseResult.GetValue(json))
            {
                await verb.WriteJsonAsync(sellers.Select(s => new
                {
                    id = s.Id, status = s.Status, restricted = s.Restricted, source = s.Source,
                    plan = new { id = s.Plan.Plan.Id, active = s.Plan.Active, endsAtUtc = Utc(s.Plan.EndsAtUtc), next = s.Plan.Next is { } next ? new { id = next.Plan.Id, endsAtUtc = Utc(next.EndsAtUtc) } : null },
                    accounts = s.Accounts, createdAtUtc = Utc(s.CreatedAtUtc),
                }));
                return 0;
            }

            var table = new VerbTable("id", "state", "plan", "until", "accounts", "created").AlignRight("accounts");
            foreach (var s in sellers)
            {
                table.Add(
                    s.Id.ToString("D"),
                    s.Restricted ? "restricted" : s.Status,
                    s.Plan.Active ? s.Plan.Plan.Id : s.Plan.Plan.Id + ", ended",
                    Day(s.Plan.Next?.EndsAtUtc ?? s.Plan.EndsAtUtc),
                    s.Accounts.ToString(CultureInfo.InvariantCulture),
                    Day(s.CreatedAtUtc));
            }

            await verb.WriteAsync(table);
            return 0;
        }), VerbNeeds.None, ct));
        return list;
    }

    public static Command Accounts(IVerbHost host)
    {
        var seller = new Option<string?>("--seller") { Description = "Only this seller's accounts (seller id)." };
        var json = new Option<bool>("--json") { Description = "Print JSON instead of a table." };
        var list = new Command("list", "List marketplace accounts: id, seller, marketplace, key tail, state, last successful collection, datasets whose last run failed.") { seller, json };
        list.TreatUnmatchedTokensAsErrors = false;
        list.SetAction((parseResult, ct) => host.RunAsync(Module, [.. parseResult.UnmatchedTokens], (verb, cancellationToken) => MarketplaceCommands.Guarded(verb, async () =>
        {
            Guid? sellerId = parseResult.GetValue(seller) is { } s ? MarketplaceCommands.ParseId(s, "--seller") : null;
            await using var scope = verb.Services.CreateAsyncScope();
            var accounts = await scope.ServiceProvider.GetRequiredService<ListMarketplaceAccounts>().ListAsync(sellerId, cancellationToken);
            if (parseResult.GetValue(json))
            {
                await verb.WriteJsonAsync(accounts.Select(a => new
                {
                    id = a.Id, sellerId = a.SellerId, marketplace = a.Marketplace.ToString().ToLowerInvariant(), keyTail = a.KeyTail, status = a.Status, statusDetail = a.StatusDetail,
                    keyExpiresAtUtc = a.KeyExpiresAtUtc is { } expires ? Utc(expires) : null, addedAtUtc = Utc(a.AddedAtUtc), lastSyncUtc = a.LastSyncUtc is { } last ? Utc(last) : null, failingDatasets = a.Failing,
                }));
                return 0;
            }

            var table = new VerbTable("id", "seller", "marketplace", "key", "state", "last sync (UTC)", "failing datasets");
            foreach (var a in accounts)
            {
                table.Add(a.Id.ToString("D"), a.SellerId.ToString("D"), a.Marketplace.ToString().ToLowerInvariant(), a.KeyTail, a.Status,
                    a.LastSyncUtc?.ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture) ?? "never", string.Join(", ", a.Failing));
            }

            await verb.WriteAsync(table);
            return 0;
        }), VerbNeeds.None, ct));
        return list;
    }

    private static string Day(DateTime utc) => utc.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    private static string Utc(DateTime utc) => utc.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);
}
