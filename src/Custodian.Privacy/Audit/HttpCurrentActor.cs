using System.Security.Claims;
using Custodian.Privacy.Abstractions.Audit;
using Microsoft.AspNetCore.Http;

namespace Custodian.Privacy.Audit;

/// <summary>
/// The actor of the current request: <c>account:{id}</c> for a signed-in person (the account id, never a name or
/// e-mail), <c>anonymous</c> for a visitor, <c>system</c> outside a request (jobs, the CLI).
/// </summary>
internal sealed class HttpCurrentActor(IHttpContextAccessor accessor) : ICurrentActor
{
    public string Actor => accessor.HttpContext is not { } context
        ? "system"
        : context.User.FindFirstValue(ClaimTypes.NameIdentifier) is { Length: > 0 } id ? "account:" + id : "anonymous";

    public string? RequestId => accessor.HttpContext?.TraceIdentifier;
}
