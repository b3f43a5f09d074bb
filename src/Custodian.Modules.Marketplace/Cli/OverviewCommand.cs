using System.CommandLine;
using System.Globalization;
using Custodian.Modules.Marketplace.Dashboards;
using Custodian.Privacy.Abstractions.Hosting;
using Microsoft.Extensions.DependencyInjection;

namespace Custodian.Modules.Marketplace.Cli;

/// <summary>
/// <c>custodian marketplace overview --account ID --from YYYY-MM-DD --to YYYY-MM-DD [--json]</c>: the Overview totals of
/// one account, from the same query as the seller's Overview page.
/// </summary>
internal static class OverviewCommand
{
    public static Command Create(IVerbHost host)
    {
        var account = new Option<string>("--account") { Description = "Account id.", Required = true };
        var from = new Option<string>("--from") { Description = "First Moscow day, yyyy-MM-dd.", Required = true };
        var to = new Option<string>("--to") { Description = "Last Moscow day, yyyy-MM-dd.", Required = true };
        var json = new Option<bool>("--json") { Description = "Print one JSON object instead of a table." };
        var command = new Command("overview", "Orders, cancellations, units, sales, returns, revenue, payout and buyout % of an account over a period (the seller's Overview).") { account, from, to, json };
        command.TreatUnmatchedTokensAsErrors = false;
        command.SetAction((parseResult, ct) => host.RunAsync(MarketplaceModule.Name, [.. parseResult.UnmatchedTokens], (verb, cancellationToken) => MarketplaceCommands.Guarded(verb, async () =>
        {
            var accountId = MarketplaceCommands.ParseId(parseResult.GetValue(account), "--account");
            await using var scope = verb.Services.CreateAsyncScope();
            var today = Custodian.Privacy.Abstractions.Time.LocalDays.Moscow(scope.ServiceProvider.GetRequiredService<TimeProvider>().GetUtcNow());
            var filter = DashboardFilter.Parse(name => name switch { "period" => "custom", "from" => parseResult.GetValue(from), "to" => parseResult.GetValue(to), _ => null }, today);
            var target = await scope.ServiceProvider.GetRequiredService<DashboardScope>().OperatorViewAsync(accountId, cancellationToken);
            var totals = (await scope.ServiceProvider.GetRequiredService<OverviewQuery>().RunAsync([target], filter, cancellationToken)).Totals;
            if (parseResult.GetValue(json))
            {
                await verb.WriteJsonAsync(new
                {
                    orders = totals.Orders, cancelled = totals.Cancelled, units = totals.Units, sales = totals.Sales, returns = totals.Returns,
                    revenue = totals.Revenue, payout = totals.Payout, buyoutPercent = totals.BuyoutPercent,
                });
                return 0;
            }

            var table = new VerbTable("orders", "cancelled", "units", "sales", "returns", "revenue (RUB)", "payout (RUB)", "buyout %")
                .AlignRight("orders", "cancelled", "units", "sales", "returns", "revenue (RUB)", "payout (RUB)", "buyout %");
            table.Add(N(totals.Orders), N(totals.Cancelled), N(totals.Units), N(totals.Sales), N(totals.Returns),
                totals.Revenue.ToString("N2", CultureInfo.InvariantCulture), totals.Payout.ToString("N2", CultureInfo.InvariantCulture), totals.BuyoutPercent?.ToString("0.##", CultureInfo.InvariantCulture) ?? "-");
            await verb.WriteAsync(table);
            return 0;
        }), VerbNeeds.ExternalServices, ct));
        return command;
    }

    private static string N(long value) => value.ToString("N0", CultureInfo.InvariantCulture);
}
