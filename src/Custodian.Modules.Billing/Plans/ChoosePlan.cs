using System.Globalization;
using Custodian.Modules.Billing.Documents;
using Custodian.Privacy.Abstractions.Subscriptions;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Options;

namespace Custodian.Modules.Billing.Plans;

/// <summary>A plan on offer: its terms from the module that sells it and its price from billing (null: not for sale).</summary>
internal sealed record PlanOffer(PlanTerms Terms, PlanPrice? Price);

/// <summary>What choosing a plan costs now, shown before the invoice is issued.</summary>
/// <param name="Price">The plan's price for the period.</param>
/// <param name="Credit">The unused part of the paid plan, credited when the plan changes (in kopecks).</param>
/// <param name="Amount">What the invoice asks.</param>
/// <param name="CreditedPlan">The plan whose unused part is credited, as the reader names it.</param>
internal sealed record PlanQuote(PlanTerms Plan, BillingCycle Cycle, int Months, decimal Price, decimal Credit, decimal Amount, string Currency, bool ChangesPlan, string? CreditedPlan);

/// <summary>A choice that cannot be invoiced: the field (<c>plan</c>, <c>cycle</c>, <c>payer</c>) and why, in English (the text key).</summary>
internal sealed record PlanProblem(string Field, string Message, string? Argument = null);

/// <summary>
/// A seller chooses a plan and a billing period and gets an invoice for it (ADR 0026). A plan of the same kind follows on
/// from the paid time; another plan replaces it from the payment, with the unused part of the paid periods credited
/// (in proportion to the time left, rounded to kopecks). The order is stored in the invoice's transaction, so a payment
/// of the invoice always knows what it bought.
/// </summary>
internal sealed class ChoosePlan(IEnumerable<ISubscriptionPlans> catalogues, IssueDocuments documents, IOptions<PlanPriceOptions> prices, TimeProvider clock)
{
    public IReadOnlyList<PlanOffer> Offers(CultureInfo culture) =>
        [.. catalogues.SelectMany(c => c.Plans(culture)).Select(t => new PlanOffer(t, t.Id == PlanTerms.TrialId ? null : prices.Value.Prices.GetValueOrDefault(t.Id)))];

    public async Task<PlanStanding?> StandingAsync(string account, CancellationToken cancellationToken)
    {
        foreach (var catalogue in catalogues)
        {
            if (await catalogue.StandingAsync(account, cancellationToken) is { } standing)
            {
                return standing;
            }
        }

        return null;
    }

    public async Task<(PlanQuote? Quote, PlanProblem? Problem)> QuoteAsync(string account, string? planId, string? cycle, CultureInfo culture, CancellationToken cancellationToken)
    {
        var catalogue = catalogues.FirstOrDefault(c => c.Plans(culture).Any(p => p.Id == planId && p.Id != PlanTerms.TrialId));
        if (catalogue is null || planId is null)
        {
            return (null, new PlanProblem("plan", "Choose one of the plans offered."));
        }

        var terms = catalogue.Plans(culture).Single(p => p.Id == planId);
        BillingCycle? chosen = cycle?.ToUpperInvariant() switch { "MONTHLY" => BillingCycle.Monthly, "ANNUAL" => BillingCycle.Annual, _ => null };
        if (chosen is not { } period)
        {
            return (null, new PlanProblem("cycle", "Choose to pay monthly or for a year."));
        }

        if (prices.Value.Prices.GetValueOrDefault(planId) is not { } price)
        {
            return (null, new PlanProblem("plan", "This plan has no price yet."));
        }

        if (await catalogue.StandingAsync(account, cancellationToken) is not { } standing)
        {
            return (null, new PlanProblem("plan", "This account cannot subscribe to this plan."));
        }

        var amount = period == BillingCycle.Monthly ? price.Monthly : price.Annual;
        var months = period == BillingCycle.Monthly ? 1 : 12;
        var currency = prices.Value.Currency;
        var changes = standing.PaidAhead.Any(p => p.PlanId != planId);
        var credit = changes ? Credit(standing.PaidAhead, currency, clock.GetUtcNow()) : 0m;
        var credited = changes ? catalogue.Plans(culture).FirstOrDefault(p => p.Id == standing.PaidAhead[0].PlanId)?.Name : null;
        if (amount - credit <= 0)
        {
            return (null, new PlanProblem("plan", "The unused part of your current plan ({0}) covers this one: choose a longer period or a larger plan, or change when your plan ends.", Money(credit, culture)));
        }

        return (new PlanQuote(terms, period, months, amount, credit, amount - credit, currency, changes, credited), null);
    }

    /// <summary>Issues the invoice for the plan chosen, with its order; nothing is stored when the choice has a problem.</summary>
    public async Task<(DocumentRecord? Invoice, PlanQuote? Quote, PlanProblem? Problem)> OrderAsync(string account, string? planId, string? cycle, CancellationToken cancellationToken)
    {
        var russian = CultureInfo.GetCultureInfo("ru-RU");
        var (quote, problem) = await QuoteAsync(account, planId, cycle, russian, cancellationToken);
        if (quote is null)
        {
            return (null, null, problem);
        }

        // The invoice is a Russian accounting document: its description is Russian whatever the page's language.
        var description = $"Подписка на тариф «{quote.Plan.Name}» на {(quote.Months == 12 ? "12 месяцев" : "1 месяц")}"
            + (quote.Credit > 0 ? $" с зачётом неиспользованной части тарифа «{quote.CreditedPlan}» ({quote.Credit.ToString("N2", russian)} руб.)" : string.Empty);
        var now = clock.GetUtcNow();
        var (invoice, refused) = await documents.InvoiceAsync(account, description, quote.Amount, cancellationToken, issued => new PlanOrderRecord
        {
            Id = Guid.CreateVersion7(now),
            InvoiceId = issued.Id,
            Account = account,
            PlanId = quote.Plan.Id,
            Cycle = quote.Cycle,
            Months = quote.Months,
            Price = quote.Price,
            Credit = quote.Credit,
            Amount = quote.Amount,
            Currency = quote.Currency,
            ChangesPlan = quote.ChangesPlan,
            OrderedAtUtc = now.UtcDateTime,
        });
        return invoice is null ? (null, null, new PlanProblem("payer", refused ?? "No invoice was issued.")) : (invoice, quote, null);
    }

    /// <summary>The unused value of the paid periods at <paramref name="now"/>: each period's price times the share of it left, to kopecks.</summary>
    internal static decimal Credit(IEnumerable<PaidPeriod> ahead, string currency, DateTimeOffset now)
    {
        var credit = 0m;
        foreach (var period in ahead.Where(p => p.Currency == currency && p.EndsAt > now && p.EndsAt > p.StartsAt))
        {
            var from = period.StartsAt > now ? period.StartsAt : now;
            credit += period.Price * (period.EndsAt - from).Ticks / (period.EndsAt - period.StartsAt).Ticks;
        }

        return decimal.Round(credit, 2, MidpointRounding.AwayFromZero);
    }

    public static string Money(decimal amount, CultureInfo culture) => amount.ToString("N2", culture) + "\u00a0₽";

    public sealed record OrderRequest(string? Plan, string? Cycle);

    public sealed record OfferView(string Id, string Name, string Limits, decimal? Monthly, decimal? Annual, string Currency);

    public sealed record QuoteView(string Plan, string Cycle, int Months, decimal Price, decimal Credit, decimal Amount, string Currency, bool ChangesPlan);

    public sealed record OrderView(Guid InvoiceId, int Number, int Year, decimal Amount, string Currency, string Description);

    /// <summary>The JSON side for the signed-in payer: the offers, a quote, an order (invoice).</summary>
    public static IEndpointRouteBuilder MapChoosePlan(IEndpointRouteBuilder endpoints)
    {
        var group = endpoints.MapGroup("/api/billing/plans").RequireAuthorization(BillingModule.PayerPolicy).WithTags("Billing");
        // Mapped on its own: a group's empty pattern would end the path in a slash.
        endpoints.MapGet("/api/billing/plans", (ChoosePlan plans) =>
            TypedResults.Ok(plans.Offers(CultureInfo.CurrentUICulture).Select(o => new OfferView(o.Terms.Id, o.Terms.Name, o.Terms.Limits, o.Price?.Monthly, o.Price?.Annual, plans.Currency))))
            .RequireAuthorization(BillingModule.PayerPolicy).WithTags("Billing")
            .WithName("BillingPlans").WithSummary("The plans with their limits and prices.").ProducesProblem(StatusCodes.Status401Unauthorized);
        group.MapGet("/quote", async Task<Results<Ok<QuoteView>, ValidationProblem>> (string? plan, string? cycle, HttpContext context, ChoosePlan plans) =>
        {
            var (quote, problem) = await plans.QuoteAsync(BillingModule.PayerAccount(context.User), plan, cycle, CultureInfo.CurrentUICulture, context.RequestAborted);
            return quote is null ? Invalid(problem!) : TypedResults.Ok(View(quote));
        }).WithName("BillingPlanQuote").WithSummary("What choosing a plan costs now, with the credit for the unused part of the current plan.");
        group.MapPost("/orders", async Task<Results<Created<OrderView>, ValidationProblem>> (OrderRequest request, HttpContext context, ChoosePlan plans) =>
        {
            var (invoice, _, problem) = await plans.OrderAsync(BillingModule.PayerAccount(context.User), request.Plan, request.Cycle, context.RequestAborted);
            return invoice is null
                ? Invalid(problem!)
                : TypedResults.Created($"/billing/documents?handler=Pdf&id={invoice.Id}", new OrderView(invoice.Id, invoice.Number, invoice.Year, invoice.Amount, plans.Currency, invoice.Description));
        }).WithName("BillingPlanOrder").WithSummary("Chooses a plan: issues the invoice for it (pay it online from /billing/plans).");
        return endpoints;
    }

    private string Currency => prices.Value.Currency;

    private static QuoteView View(PlanQuote q) => new(q.Plan.Id, q.Cycle == BillingCycle.Monthly ? "monthly" : "annual", q.Months, q.Price, q.Credit, q.Amount, q.Currency, q.ChangesPlan);

    private static ValidationProblem Invalid(PlanProblem problem) =>
        TypedResults.ValidationProblem(new Dictionary<string, string[]> { [problem.Field] = [problem.Argument is null ? problem.Message : string.Format(CultureInfo.InvariantCulture, problem.Message, problem.Argument)] });
}
