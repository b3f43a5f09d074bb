using Custodian.Privacy.Abstractions.Consent;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;

namespace Custodian.Privacy.Consent;

/// <summary><c>POST /api/consents/withdraw</c> with <c>{ "token": "..." }</c> from a withdrawal link: 204, or 400 for a bad token.</summary>
public static class WithdrawConsent
{
    public sealed record Request(string? Token);

    public static RouteGroupBuilder MapWithdrawConsent(this RouteGroupBuilder group)
    {
        group.MapPost("/consents/withdraw", Handle).AllowAnonymous().DisableAntiforgery()
            .WithName("WithdrawConsent")
            .WithSummary("Withdraws the consent a withdrawal link names; takes effect at once.")
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status415UnsupportedMediaType);
        return group;
    }

    private static async Task<Results<NoContent, ProblemHttpResult>> Handle(Request request, ConsentLinks links, IConsentLedger ledger, CancellationToken cancellationToken)
    {
        if (!links.TryRead(request.Token, out var subject, out var purpose))
        {
            return TypedResults.Problem(title: "This withdrawal link is not valid.", detail: "Use the link from the latest message, or ask us to withdraw the consent.", statusCode: StatusCodes.Status400BadRequest);
        }

        await ledger.WithdrawAsync(subject, purpose, new ConsentEvidence(ConsentChannel.Api, "withdraw-link"), cancellationToken);
        return TypedResults.NoContent();
    }
}
