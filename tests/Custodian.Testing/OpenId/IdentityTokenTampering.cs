using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;
using OpenIddict.Server;
using static OpenIddict.Server.OpenIddictServerEvents;

namespace Custodian.Testing.OpenId;

/// <summary>
/// Replaces the id_token OpenIddict generated for a token response with a spoiled copy (<see cref="TokenTamper"/>),
/// after generation and before the response is written, so everything else in the response stays genuine.
/// </summary>
internal static class IdentityTokenTampering
{
    public const string WrongNonce = "not-the-nonce-the-client-sent";
    public const string WrongAudience = "some-other-client";
    public const string WrongIssuer = "http://issuer.invalid/";

    public static void Register(OpenIddictServerBuilder server, ProviderPeople people) =>
        server.AddEventHandler<ProcessSignInContext>(handler => handler
            .UseInlineHandler(context =>
            {
                if (context.EndpointType == OpenIddictServerEndpointType.Token && context.IdentityToken is { } token && people.Tamper is not TokenTamper.None and var tamper)
                {
                    context.IdentityToken = Spoil(token, tamper, context.Options);
                }

                return default;
            })
            .SetOrder(OpenIddictServerHandlers.AttachSignInParameters.Descriptor.Order - 1)
            .SetType(OpenIddictServerHandlerType.Custom));

    private static string Spoil(string token, TokenTamper tamper, OpenIddictServerOptions options)
    {
        var original = new JsonWebToken(token);
        var payload = JsonNode.Parse(Base64UrlEncoder.Decode(original.EncodedPayload))!.AsObject();
        var signing = options.SigningCredentials.First(credentials => credentials.Kid == original.Kid);
        switch (tamper)
        {
            case TokenTamper.ForeignSignature:
                // The real kid, so a validator that looks the key up by kid finds the real one and the signature must fail on its own.
                signing = new SigningCredentials(new RsaSecurityKey(ProcessKeys.Foreign) { KeyId = original.Kid }, signing.Algorithm);
                break;
            case TokenTamper.WrongNonce:
                payload["nonce"] = WrongNonce;
                break;
            case TokenTamper.WrongAudience:
                payload["aud"] = WrongAudience;
                break;
            case TokenTamper.Expired:
                var now = options.TimeProvider!.GetUtcNow();
                payload["iat"] = now.AddHours(-1).ToUnixTimeSeconds();
                payload["nbf"] = now.AddHours(-1).ToUnixTimeSeconds();
                payload["exp"] = now.AddMinutes(-30).ToUnixTimeSeconds();
                break;
            case TokenTamper.WrongIssuer:
                payload["iss"] = WrongIssuer;
                break;
            default:
                throw new ArgumentOutOfRangeException(nameof(tamper), tamper, null);
        }

        var header = new Dictionary<string, object>(StringComparer.Ordinal) { [JwtHeaderParameterNames.Typ] = original.Typ };
        return new JsonWebTokenHandler { SetDefaultTimesOnTokenCreation = false }.CreateToken(payload.ToJsonString(), signing, header);
    }
}
