using System.Security.Claims;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.IdentityModel.JsonWebTokens;
using OpenIddict.Server;
using static OpenIddict.Abstractions.OpenIddictConstants;
using static OpenIddict.Server.OpenIddictServerEvents;

namespace Custodian.Testing.OpenId;

/// <summary>
/// Keeps amr a JSON array in the id_token (OpenID Connect Core 1.0, section 2): OpenIddict writes a claim type that
/// occurs once as a plain string, so a person signed in with one method only would otherwise get <c>"amr":"pwd"</c>.
/// </summary>
internal static class AuthenticationMethods
{
    public static void Register(OpenIddictServerBuilder server) =>
        server.AddEventHandler<ProcessSignInContext>(handler => handler
            .UseInlineHandler(context =>
            {
                if (context.IdentityTokenPrincipal?.Identity is ClaimsIdentity identity
                    && identity.FindAll(Claims.AuthenticationMethodReference).ToList() is { Count: > 0 } methods)
                {
                    methods.ForEach(identity.RemoveClaim);
                    var values = JsonSerializer.Serialize(methods.Select(method => method.Value).ToArray());
                    identity.AddClaim(new Claim(Claims.AuthenticationMethodReference, values, JsonClaimValueTypes.JsonArray));
                }

                return default;
            })
            .SetOrder(OpenIddictServerHandlers.GenerateIdentityToken.Descriptor.Order - 1)
            .SetType(OpenIddictServerHandlerType.Custom));
}
