using System.CommandLine;
using Custodian.Privacy.Abstractions.Hosting;
using System.Globalization;
using Custodian.Modules.Marketplace;
using Custodian.Modules.Marketplace.Accounts;
using Custodian.Modules.Marketplace.Collection;
using Custodian.Modules.Marketplace.Sellers;
using Custodian.Modules.Marketplace.Stats;
using Custodian.Modules.Marketplace.Subscriptions;
using Microsoft.Extensions.DependencyInjection;
using Spectre.Console;

namespace Custodian.Modules.Marketplace.Cli;

/// <summary>
/// Operator verbs of the marketplace analytics service: <c>custodian sellers add</c>, <c>custodian sellers subscription</c>, <c>custodian marketplace accounts add</c>,
/// <c>custodian marketplace accounts revoke</c>,
/// <c>custodian marketplace sync</c> (a progress bar per dataset on stderr) and <c>custodian marketplace stats</c>.
/// Bad input is one line on stderr and exit code 2; nothing stored is touched.
/// </summary>
internal static class MarketplaceCommands
{
    private const string Module = MarketplaceModule.Name;

    public static Command Sellers(IVerbHost host)
    {
        var email = new Option<string>("--email") { Description = "The seller's e-mail address.", Required = true };
        var name = new Option<string?>("--name") { Description = "The seller's full name (optional)." };
        var add = new Command("add", "Create a seller onboarded outside Telegram; prints the seller id.") { email, name };
        add.TreatUnmatchedTokensAsErrors = false;
        add.SetAction((parseResult, ct) => host.RunAsync(Module, [.. parseResult.UnmatchedTokens], (verb, cancellationToken) => Guarded(verb, async () =>
        {
            await using var scope = verb.Services.CreateAsyncScope();
            var seller = await scope.ServiceProvider.GetRequiredService<AddSeller>().AddAsync(parseResult.GetValue(email)!, parseResult.GetValue(name), "operator", confirmed: true, cancellationToken);
            await verb.Out.WriteLineAsync(seller.Id.ToString("D"));
            return 0;
        }), VerbNeeds.ExternalServices, ct));
        return new Command("sellers", "Sellers of the marketplace analytics service.") { ListCommands.Sellers(host), add, Subscription(host) };
    }

    /// <summary><c>custodian sellers subscription --seller ID [--plan P --months N]</c>: show the plan, or record a paid period.</summary>
    private static Command Subscription(IVerbHost host)
    {
        var seller = new Option<string>("--seller") { Description = "Seller id.", Required = true };
        var plan = new Option<string?>("--plan") { Description = "Record a paid period of this plan: " + string.Join(", ", SellerPlan.Paid.Select(p => $"{p.Id} ({p.MaxAccounts} accounts)")) + " (prices are billing's: /billing/plans)." };
        var months = new Option<int?>("--months") { Description = "Length of the paid period in months (1-36), with --plan." };
        var command = new Command("subscription", "Show a seller's plan, or record a paid period (after the invoice is paid).") { seller, plan, months };
        command.TreatUnmatchedTokensAsErrors = false;
        command.SetAction((parseResult, ct) => host.RunAsync(Module, [.. parseResult.UnmatchedTokens], (verb, cancellationToken) => Guarded(verb, async () =>
        {
            var sellerId = ParseId(parseResult.GetValue(seller), "--seller");
            var (planId, length) = (parseResult.GetValue(plan), parseResult.GetValue(months));
            if ((planId is null) != (length is null))
            {
                throw new MarketplaceInputException("plan", "Give --plan and --months together to record a paid period, or neither to see the plan.");
            }

            await using var scope = verb.Services.CreateAsyncScope();
            var subscriptions = scope.ServiceProvider.GetRequiredService<ISellerSubscriptions>();
            var state = planId is null
                ? await subscriptions.StateAsync(sellerId, cancellationToken) ?? throw new MarketplaceInputException("seller", "No seller with this id.")
                : await subscriptions.RecordPaidPeriodAsync(sellerId, planId, length!.Value, cancellationToken);
            await verb.Out.WriteLineAsync(string.Create(CultureInfo.InvariantCulture,
                $"plan {state.Plan.Id} ({state.Plan.NameEn}), {(state.Active ? "in force until" : "ended")} {state.EndsAtUtc:yyyy-MM-dd HH:mm} UTC, accounts {state.AccountsInUse} of {state.Plan.MaxAccounts}") +
                (state.Next is { } next ? string.Create(CultureInfo.InvariantCulture, $"; then {next.Plan.Id} until {next.EndsAtUtc:yyyy-MM-dd HH:mm} UTC") : string.Empty));
            return 0;
        }), VerbNeeds.ExternalServices, ct));
        return command;
    }

    public static Command Marketplace(IVerbHost host)
    {
        var seller = new Option<string>("--seller") { Description = "Seller id (from 'custodian sellers add').", Required = true };
        var token = new Option<string?>("--wildberries-token") { Description = "A Wildberries API token (Settings → Access to API), with Statistics at least." };
        var ozonClient = new Option<string?>("--ozon-client-id") { Description = "An Ozon Client-Id (Settings → Seller API), with --ozon-api-key." };
        var ozonKey = new Option<string?>("--ozon-api-key") { Description = "The Ozon Api-Key that goes with --ozon-client-id." };
        var add = new Command("add", "Connect a marketplace account after checking its key with the marketplace; prints the account id.") { seller, token, ozonClient, ozonKey };
        add.TreatUnmatchedTokensAsErrors = false;
        add.SetAction((parseResult, ct) => host.RunAsync(Module, [.. parseResult.UnmatchedTokens], (verb, cancellationToken) => Guarded(verb, async () =>
        {
            var sellerId = ParseId(parseResult.GetValue(seller), "--seller");
            var (wildberries, clientId, apiKey) = (parseResult.GetValue(token), parseResult.GetValue(ozonClient), parseResult.GetValue(ozonKey));
            if ((wildberries is null) == (clientId is null && apiKey is null) || (wildberries is null && (clientId is null || apiKey is null)))
            {
                throw new MarketplaceInputException("key", "Give either --wildberries-token, or --ozon-client-id with --ozon-api-key.");
            }

            await using var scope = verb.Services.CreateAsyncScope();
            var connect = scope.ServiceProvider.GetRequiredService<ConnectMarketplaceAccount>();
            if (wildberries is null)
            {
                var ozonAccount = await connect.ConnectOzonAsync(sellerId, clientId!, apiKey!, cancellationToken);
                await verb.Out.WriteLineAsync(ozonAccount.Id.ToString("D"));
                await verb.Error.WriteLineAsync($"Ozon key {ozonAccount.KeyTail} connected.");
                return 0;
            }

            var account = await connect.ConnectWildberriesAsync(sellerId, wildberries, cancellationToken);
            await verb.Out.WriteLineAsync(account.Id.ToString("D"));
            await verb.Error.WriteLineAsync($"Wildberries key {account.KeyTail} connected" + (account.KeyExpiresAtUtc is { } expires ? $", valid until {expires:yyyy-MM-dd}" : string.Empty) +
                (WildberriesTokenInfo.Read(wildberries).Missing is { Count: > 0 } missing ? $"; without categories {string.Join(", ", missing)} (their reports are not collected)" : string.Empty) + ".");
            return 0;
        }), VerbNeeds.ExternalServices, ct));

        var revokedAccount = new Option<string>("--account") { Description = "Account id.", Required = true };
        var revoke = new Command("revoke", "Revoke an account's key now: the key is destroyed (crypto-shredded) and collection stops.") { revokedAccount };
        revoke.TreatUnmatchedTokensAsErrors = false;
        revoke.SetAction((parseResult, ct) => host.RunAsync(Module, [.. parseResult.UnmatchedTokens], (verb, cancellationToken) => Guarded(verb, async () =>
        {
            var accountId = ParseId(parseResult.GetValue(revokedAccount), "--account");
            await using var scope = verb.Services.CreateAsyncScope();
            await scope.ServiceProvider.GetRequiredService<RevokeMarketplaceAccount>().RevokeAsync(accountId, cancellationToken);
            await verb.Out.WriteLineAsync("Key revoked and destroyed; the account no longer collects.");
            return 0;
        }), VerbNeeds.ExternalServices, ct));

        var account = new Option<string?>("--account") { Description = "Only this account id." };
        var dataset = new Option<string?>("--dataset") { Description = "Only this dataset (wb-orders, wb-sales, wb-feedbacks, wb-finance, wb-cards, wb-stocks, wb-prices, wb-funnel, wb-returns, ozon-products, ozon-stocks, ozon-prices, ozon-fbo, ozon-fbs, ozon-analytics, ozon-finance, ozon-returns, ozon-rating, ozon-reviews)." };
        var since = new Option<string?>("--since") { Description = "Collect again from this day (YYYY-MM-DD) instead of the checkpoint." };
        var sync = new Command("sync", "Collect marketplace data now, from each dataset's checkpoint.") { account, dataset, since };
        sync.TreatUnmatchedTokensAsErrors = false;
        sync.SetAction((parseResult, ct) => host.RunAsync(Module, [.. parseResult.UnmatchedTokens], (verb, cancellationToken) => Guarded(verb, async () =>
        {
            Guid? accountId = parseResult.GetValue(account) is { } a ? ParseId(a, "--account") : null;
            DateOnly? from = parseResult.GetValue(since) is { } s
                ? DateOnly.TryParseExact(s, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var day) ? day : throw new MarketplaceInputException("since", $"--since: '{s}' is not a date YYYY-MM-DD.")
                : null;
            await using var scope = verb.Services.CreateAsyncScope();
            // Redrawn bars on a terminal (also through the service's channel); elsewhere plain lines without colour codes.
            var progressConsole = AnsiConsole.Create(new AnsiConsoleSettings
            {
                Out = new AnsiConsoleOutput(verb.Error),
                Ansi = verb.Interactive ? AnsiSupport.Yes : AnsiSupport.No,
                ColorSystem = verb.Interactive ? ColorSystemSupport.Detect : ColorSystemSupport.NoColors,
                Interactive = verb.Interactive ? InteractionSupport.Yes : InteractionSupport.No,
            });
            progressConsole.Profile.Width = verb.Width;
            IReadOnlyList<DatasetOutcome> outcomes = [];
            await progressConsole.Progress().Columns(new TaskDescriptionColumn(), new SpinnerColumn(), new ElapsedTimeColumn()).StartAsync(async context =>
            {
                var tasks = new List<ProgressTask>();
                outcomes = await scope.ServiceProvider.GetRequiredService<SyncMarketplace>().RunAsync(accountId, parseResult.GetValue(dataset), from, (id, d) =>
                {
                    tasks.ForEach(t => t.StopTask());
                    var task = context.AddTask($"{id.ToString("N")[..8]} {d.Name}: 0 rows").IsIndeterminate();
                    tasks.Add(task);
                    return new Progress<long>(rows => task.Description = $"{id.ToString("N")[..8]} {d.Name}: {rows:N0} rows");
                }, onlyDue: false, cancellationToken);
                tasks.ForEach(t => t.StopTask());
            });
            foreach (var outcome in outcomes)
            {
                await verb.Out.WriteLineAsync($"{outcome.AccountId:D}  {outcome.Dataset,-14} {outcome.Rows,10:N0} rows  " + (outcome.Problem is not null ? "FAILED: " + outcome.Problem : outcome.Notice is { } notice ? "ok · " + notice : "ok"));
            }

            return outcomes.Any(o => o.Problem is not null) ? 1 : 0;
        }), VerbNeeds.ExternalServices, ct));

        var statsAccount = new Option<string>("--account") { Description = "Account id.", Required = true };
        var json = new Option<bool>("--json") { Description = "Print JSON instead of a table." };
        var stats = new Command("stats", "Per dataset: rows, distinct natural keys, date range and money sums in the analytics store.") { statsAccount, json };
        stats.TreatUnmatchedTokensAsErrors = false;
        stats.SetAction((parseResult, ct) => host.RunAsync(Module, [.. parseResult.UnmatchedTokens], (verb, cancellationToken) => Guarded(verb, async () =>
        {
            var accountId = ParseId(parseResult.GetValue(statsAccount), "--account");
            await using var scope = verb.Services.CreateAsyncScope();
            var list = await scope.ServiceProvider.GetRequiredService<AccountStats>().ForAsync(accountId, cancellationToken);
            if (parseResult.GetValue(json))
            {
                await verb.WriteJsonAsync(list.Select(d => new
                {
                    dataset = d.Dataset, rows = d.Rows, distinctKeys = d.DistinctKeys, firstDay = d.FirstDay?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
                    lastDay = d.LastDay?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), sums = d.Sums, rejectedRows = d.Rejected, rejectedByReason = d.RejectedByReason, lastSuccessUtc = d.LastSuccessUtc?.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture), lastError = d.LastError,
                }));
                return 0;
            }

            var table = new VerbTable("dataset", "rows", "distinct keys", "first day", "last day", "sums", "rejected", "last success (UTC)", "problem").AlignRight("rows", "distinct keys");
            foreach (var d in list)
            {
                table.Add(d.Dataset, d.Rows.ToString("N0", CultureInfo.InvariantCulture), d.DistinctKeys.ToString("N0", CultureInfo.InvariantCulture),
                    d.FirstDay?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), d.LastDay?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
                    string.Join("; ", d.Sums.Select(s => $"{s.Key} {s.Value.ToString("N2", CultureInfo.InvariantCulture)} RUB")),
                    d.Rejected == 0 ? "0" : d.Rejected.ToString(CultureInfo.InvariantCulture) + " (" + string.Join(", ", d.RejectedByReason.Select(r => $"{r.Key}: {r.Value}")) + ")",
                    d.LastSuccessUtc?.ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture) ?? "never", d.LastError is { } error ? "FAILED: " + error : string.Empty);
            }

            await verb.WriteAsync(table);
            return 0;
        }), VerbNeeds.ExternalServices, ct));

        return new Command("marketplace", "Marketplace accounts and data collection.") { new Command("accounts", "Sellers' marketplace accounts.") { ListCommands.Accounts(host), add, revoke }, sync, stats, OverviewCommand.Create(host), ShareCommand.Create(host) };
    }

    internal static Guid ParseId(string? value, string option) =>
        Guid.TryParse(value, out var id) ? id : throw new MarketplaceInputException(option, $"{option}: '{value}' is not an id (a GUID as printed when it was created).");

    /// <summary>Input the operator can correct becomes one line on stderr and exit code 2.</summary>
    internal static async Task<int> Guarded(VerbContext context, Func<Task<int>> verb)
    {
        try
        {
            return await verb();
        }
        catch (MarketplaceInputException e)
        {
            await context.Error.WriteLineAsync(e.Message);
            return VerbExit.UsageError;
        }
    }
}
