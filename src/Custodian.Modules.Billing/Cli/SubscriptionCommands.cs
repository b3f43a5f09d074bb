using System.CommandLine;
using System.Globalization;
using Custodian.Modules.Billing.Renewals;
using Custodian.Privacy.Abstractions.Hosting;
using Microsoft.Extensions.DependencyInjection;

namespace Custodian.Modules.Billing.Cli;

/// <summary>
/// <c>custodian billing subscription show|cancel|resume --seller ID</c>: a seller's paid plan and its renewal, and the
/// plans page's cancel and undo for support staff.
/// </summary>
internal static class SubscriptionCommands
{
    public static Command Subscription(IVerbHost host)
    {
        var command = new Command("subscription", "A seller's paid plan and whether it is renewed.");
        command.Subcommands.Add(Verb(host, "show", "Show the paid plan, when its paid time ends and whether the renewal is cancelled.", (_, _, _, _) => Task.FromResult<(RenewalState?, string?)>((null, null))));
        command.Subcommands.Add(Verb(host, "cancel", "Cancel the renewal: the plan runs to the end of its paid time, no payment reminders are sent (undo with resume until then).", (renewals, account, actor, ct) => renewals.CancelAsync(account, actor, ct)));
        command.Subcommands.Add(Verb(host, "resume", "Undo a cancelled renewal while the paid time runs.", (renewals, account, actor, ct) => renewals.ResumeAsync(account, actor, ct)));
        return command;
    }

    private static Command Verb(IVerbHost host, string name, string description, Func<CancelRenewal, string, string, CancellationToken, Task<(RenewalState? State, string? Problem)>> change)
    {
        var seller = new Option<string>("--seller") { Description = "The seller's id (as `custodian sellers list` shows it).", Required = true };
        var json = new Option<bool>("--json") { Description = "Print the state as JSON." };
        var verb = new Command(name, description) { seller, json };
        verb.TreatUnmatchedTokensAsErrors = false;
        verb.SetAction(async (parseResult, ct) =>
        {
            if (!Guid.TryParse(parseResult.GetValue(seller), out var sellerId))
            {
                await Console.Error.WriteLineAsync("--seller: not a seller id (a GUID).");
                return VerbExit.UsageError;
            }

            var account = "seller-" + sellerId.ToString("N");
            return await host.RunAsync(BillingModule.Name, [.. parseResult.UnmatchedTokens], async (context, cancellationToken) =>
            {
                await using var scope = context.Services.CreateAsyncScope();
                var renewals = scope.ServiceProvider.GetRequiredService<CancelRenewal>();
                var (changed, problem) = await change(renewals, account, context.Actor, cancellationToken);
                if (problem is not null)
                {
                    await context.Error.WriteLineAsync(problem);
                    return VerbExit.UsageError;
                }

                var state = changed ?? await renewals.StateAsync(account, cancellationToken);
                var unapplied = await Plans.SupersededChanges.UnappliedAsync(scope.ServiceProvider.GetRequiredService<BillingDb>(), account, cancellationToken);
                if (parseResult.GetValue(json))
                {
                    await context.WriteJsonAsync(new
                    {
                        plan = state?.PlanId,
                        paidUntil = state?.PaidUntil,
                        renewal = state is null ? "none" : state.Cancelled ? "cancelled" : "on",
                        unapplied = unapplied.Select(u => new { invoice = Number(u), amount = u.Amount, currency = u.Currency, plan = u.PlanId, paidAt = u.PaidAtUtc }),
                    });
                }
                else
                {
                    var table = new VerbTable("plan", "paid until (Moscow)", "renewal");
                    table.Add(
                        state?.PlanId ?? "-",
                        state is null ? "-" : Privacy.Abstractions.Time.LocalDays.Moscow(state.PaidUntil).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
                        state is null ? "no paid time running" : state.Cancelled ? "cancelled: runs out, not renewed" : "on: reminders before the end");
                    await context.WriteAsync(table);
                    if (unapplied.Count > 0)
                    {
                        await context.Out.WriteLineAsync("Paid but not applied (another change of plan was paid first and used the credit): refund it or record the period by hand.");
                        var payments = new VerbTable("invoice", "amount", "plan", "paid (UTC)");
                        foreach (var u in unapplied)
                        {
                            payments.Add(Number(u), u.Amount.ToString("0.00", CultureInfo.InvariantCulture) + " " + u.Currency, u.PlanId, u.PaidAtUtc.ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture));
                        }

                        await context.WriteAsync(payments);
                    }
                }

                return VerbExit.Ok;
            }, VerbNeeds.None, ct);
        });
        return verb;
    }

    private static string Number(Plans.UnappliedChange change) => string.Create(CultureInfo.InvariantCulture, $"{change.Year}-{change.Number}");
}
