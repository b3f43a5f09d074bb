using System.CommandLine;
using System.Globalization;
using Custodian.Modules.Marketplace.Dashboards;
using Custodian.Modules.Marketplace.Sharing;
using Custodian.Privacy.Abstractions.Hosting;
using Custodian.Privacy.Abstractions.Messaging;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Custodian.Modules.Marketplace.Cli;

/// <summary>
/// <c>custodian marketplace share create|list|revoke</c>: share links of an account's dashboards, made on the account
/// owner's behalf (the owner sees them on their share-links page). The URL is printed once; only its hash is kept.
/// </summary>
internal static class ShareCommand
{
    public static Command Create(IVerbHost host) => new("share", "Read-only share links of an account's dashboards.") { CreateVerb(host), ListVerb(host), RevokeVerb(host) };

    private static Command CreateVerb(IVerbHost host)
    {
        var account = new Option<string>("--account") { Description = "Account id.", Required = true };
        var dashboard = new Option<string>("--dashboard") { Description = "overview, products, stocks, funnel, geography or reviews.", Required = true };
        var from = new Option<string?>("--from") { Description = "First Moscow day, yyyy-MM-dd (with --to); without a period the link shows the rolling last 30 days." };
        var to = new Option<string?>("--to") { Description = "Last Moscow day, yyyy-MM-dd (with --from)." };
        var expires = new Option<string?>("--expires") { Description = "Lifetime such as 7d or 12h (at most 366d); without it the link lives until revoked." };
        var command = new Command("create", "Create a share link; prints its URL (shown only this once).") { account, dashboard, from, to, expires };
        command.TreatUnmatchedTokensAsErrors = false;
        command.SetAction((parseResult, ct) => host.RunAsync(MarketplaceModule.Name, [.. parseResult.UnmatchedTokens], (verb, cancellationToken) => MarketplaceCommands.Guarded(verb, async () =>
        {
            var accountId = MarketplaceCommands.ParseId(parseResult.GetValue(account), "--account");
            await using var scope = verb.Services.CreateAsyncScope();
            var services = scope.ServiceProvider;
            var owner = await services.GetRequiredService<MarketplaceDb>().Accounts.AsNoTracking().Where(a => a.Id == accountId).Select(a => (Guid?)a.SellerId).FirstOrDefaultAsync(cancellationToken)
                ?? throw new MarketplaceInputException("account", "No marketplace account with this id.");
            var (first, last) = (parseResult.GetValue(from), parseResult.GetValue(to));
            if ((first is null) != (last is null))
            {
                throw new MarketplaceInputException("from", "Give both the start and the end of the period, or neither for the rolling last 30 days.");
            }

            var today = Privacy.Abstractions.Time.LocalDays.Moscow(services.GetRequiredService<TimeProvider>().GetUtcNow());
            var filter = first is null ? null : DashboardFilter.Parse(name => name switch { "period" => "custom", "from" => first, "to" => last, _ => null }, today);
            var spec = new ShareLinkSpec(parseResult.GetValue(dashboard)!.Trim(), [accountId], filter?.From, filter?.To, null, null, null, null, ShareLinkSpec.ParseExpiry(parseResult.GetValue(expires)));
            var (link, token) = await services.GetRequiredService<CreateShareLink>().CreateAsync(owner, spec, cancellationToken);
            await verb.Out.WriteLineAsync(services.GetRequiredService<IPublicLinks>().Link("/share/" + token));
            await verb.Error.WriteLineAsync($"Link {link.Id:D} created" + (link.ExpiresAtUtc is { } e ? string.Create(CultureInfo.InvariantCulture, $", expires {e:yyyy-MM-dd HH:mm} UTC") : ", no expiry") + "; revoke it with 'custodian marketplace share revoke --link " + link.Id.ToString("D") + "'.");
            return 0;
        }), VerbNeeds.ExternalServices, ct));
        return command;
    }

    private static Command ListVerb(IVerbHost host)
    {
        var account = new Option<string>("--account") { Description = "Account id.", Required = true };
        var json = new Option<bool>("--json") { Description = "Print JSON instead of a table." };
        var command = new Command("list", "The share links that show an account: created, expiry, last used, views, state.") { account, json };
        command.TreatUnmatchedTokensAsErrors = false;
        command.SetAction((parseResult, ct) => host.RunAsync(MarketplaceModule.Name, [.. parseResult.UnmatchedTokens], (verb, cancellationToken) => MarketplaceCommands.Guarded(verb, async () =>
        {
            var accountId = MarketplaceCommands.ParseId(parseResult.GetValue(account), "--account");
            await using var scope = verb.Services.CreateAsyncScope();
            var now = scope.ServiceProvider.GetRequiredService<TimeProvider>().GetUtcNow().UtcDateTime;
            var links = await scope.ServiceProvider.GetRequiredService<ListShareLinks>().OfAccountAsync(accountId, cancellationToken);
            string State(ShareLinkRecord l) => l.RevokedAtUtc is not null ? "revoked" : l.ExpiresAtUtc <= now ? "expired" : "active";
            string Period(ShareLinkRecord l) => l.FromDay is { } f && l.ToDay is { } t ? DashboardFilter.Iso(f) + ".." + DashboardFilter.Iso(t) : "last 30 days";
            if (parseResult.GetValue(json))
            {
                await verb.WriteJsonAsync(links.Select(l => new
                {
                    id = l.Id, dashboard = l.Dashboard, period = Period(l), createdAt = l.CreatedAtUtc, expiresAt = l.ExpiresAtUtc, lastUsedAt = l.LastUsedAtUtc, views = l.Views, state = State(l),
                }));
                return 0;
            }

            var table = new VerbTable("id", "dashboard", "period", "created (UTC)", "expires (UTC)", "last used (UTC)", "views", "state").AlignRight("views");
            foreach (var l in links)
            {
                table.Add(l.Id.ToString("D"), l.Dashboard, Period(l), Moment(l.CreatedAtUtc), l.ExpiresAtUtc is null ? "never" : Moment(l.ExpiresAtUtc), Moment(l.LastUsedAtUtc), l.Views.ToString(CultureInfo.InvariantCulture), State(l));
            }

            await verb.WriteAsync(table);
            return 0;
        }), VerbNeeds.ExternalServices, ct));
        return command;
    }

    private static Command RevokeVerb(IVerbHost host)
    {
        var link = new Option<string>("--link") { Description = "Link id (from 'share list').", Required = true };
        var command = new Command("revoke", "Revoke a share link at once: its URL answers 410 from now on.") { link };
        command.TreatUnmatchedTokensAsErrors = false;
        command.SetAction((parseResult, ct) => host.RunAsync(MarketplaceModule.Name, [.. parseResult.UnmatchedTokens], (verb, cancellationToken) => MarketplaceCommands.Guarded(verb, async () =>
        {
            var linkId = MarketplaceCommands.ParseId(parseResult.GetValue(link), "--link");
            await using var scope = verb.Services.CreateAsyncScope();
            await scope.ServiceProvider.GetRequiredService<RevokeShareLink>().RevokeAsync(linkId, sellerId: null, cancellationToken);
            await verb.Out.WriteLineAsync("Link revoked: it no longer opens.");
            return 0;
        }), VerbNeeds.ExternalServices, ct));
        return command;
    }

    private static string Moment(DateTime? utc) => utc?.ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture) ?? "-";
}
