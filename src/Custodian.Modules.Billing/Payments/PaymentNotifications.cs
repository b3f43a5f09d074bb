using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Logging;

namespace Custodian.Modules.Billing.Payments;

/// <summary>
/// The provider's HTTP notifications (<c>payment.succeeded</c>, <c>payment.canceled</c>, <c>refund.succeeded</c>). The
/// body is only a hint: the payment is fetched from the provider before anything changes, so a forged, replayed,
/// duplicated or out-of-order notification cannot grant anything.
/// </summary>
internal static partial class PaymentNotifications
{
    public const string Path = "/api/billing/yookassa/notifications";

    public static IEndpointRouteBuilder MapPaymentNotifications(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapPost(Path, async Task<Results<Ok, ProblemHttpResult>> (HttpContext context, PayInvoice pay, ILogger<PayInvoice> log) =>
        {
            string? paymentId = null;
            string? eventName = null;
            try
            {
                using var body = await JsonDocument.ParseAsync(context.Request.Body, cancellationToken: context.RequestAborted);
                var root = body.RootElement;
                if (root.ValueKind == JsonValueKind.Object && root.TryGetProperty("event", out var e) && root.TryGetProperty("object", out var o) && o.ValueKind == JsonValueKind.Object)
                {
                    eventName = e.GetString();
                    // A refund names its payment in payment_id; a payment notification carries the payment itself.
                    var idProperty = eventName?.StartsWith("refund.", StringComparison.Ordinal) == true ? "payment_id" : "id";
                    paymentId = o.TryGetProperty(idProperty, out var id) && id.ValueKind == JsonValueKind.String ? id.GetString() : null;
                }
            }
            catch (JsonException)
            {
                // not JSON: answered below
            }

            if (paymentId is not { Length: > 0 and <= 64 } || eventName is null)
            {
                return TypedResults.Problem(title: "Not a payment notification.", statusCode: StatusCodes.Status400BadRequest);
            }

            var outcome = await pay.ConfirmAsync(paymentId, context.RequestAborted);
            LogNotification(log, eventName, outcome);
            return outcome == "unknown at the provider"
                ? TypedResults.Problem(title: "The provider knows no such payment.", statusCode: StatusCodes.Status400BadRequest)
                : TypedResults.Ok();
        }).AllowAnonymous().DisableAntiforgery()
            .WithTags("Billing")
            .WithName("PaymentProviderNotification")
            .WithSummary("Receives the payment provider's notifications (YooKassa HTTP notifications).")
            .WithDescription("The body is a YooKassa notification; the payment it names is fetched from the provider before anything changes.")
            .ProducesProblem(StatusCodes.Status400BadRequest);
        return endpoints;
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Payment notification {Event}: {Outcome}")]
    private static partial void LogNotification(ILogger logger, string @event, string outcome);
}
