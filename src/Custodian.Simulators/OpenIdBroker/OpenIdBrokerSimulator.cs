using System.Collections.Concurrent;
using System.Net;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Primitives;

namespace Custodian.Simulators.OpenIdBroker;

/// <summary>
/// A stand-in for an identification broker (like Suomi.fi e-Identification behind an OpenID Connect gateway) on
/// loopback, after OpenID Connect Core 1.0 and Discovery 1.0, RFC 6749 (the code grant and its error answers),
/// RFC 7636 (PKCE) and RFC 7517/7518 (a JWK set with one RS256 key): <c>/.well-known/openid-configuration</c>,
/// <c>/jwks</c>, <c>/authorize</c> (a "test identification" page where the person types the identity code they
/// identify with, or cancels), <c>/token</c> (client_secret_basic or client_secret_post; the code is single-use and
/// lives 60 s; the PKCE verifier must match the challenge) and an id token signed RS256 with <c>iss</c>, <c>sub</c>
/// (pairwise, not the identity code), <c>aud</c>, <c>exp</c>, <c>iat</c>, <c>auth_time</c>, <c>nonce</c>,
/// <c>acr</c>, <c>amr</c>, names and the identity code in the claim <see cref="HetuClaim"/>.
/// No userinfo endpoint: everything the relying party needs is in the id token.
/// </summary>
public sealed class OpenIdBrokerSimulator : IAsyncDisposable
{
    /// <summary>The claim that carries the Finnish personal identity code (henkilötunnus).</summary>
    public const string HetuClaim = "hetu";

    /// <summary>Substantial level of assurance (eIDAS), as brokers of strong identification report it.</summary>
    public const string SubstantialAssurance = "http://eidas.europa.eu/LoA/substantial";

    private static readonly TimeSpan CodeLifetime = TimeSpan.FromSeconds(60);
    private static readonly TimeSpan TokenLifetime = TimeSpan.FromMinutes(5);

    private readonly SimulatorHost _host;
    private readonly string _clientId;
    private readonly string _clientSecret;
    private readonly RSA _key = RSA.Create(2048);
    private readonly string _keyId = Convert.ToHexString(RandomNumberGenerator.GetBytes(8)).ToLowerInvariant();
    private readonly byte[] _pairwiseSalt = RandomNumberGenerator.GetBytes(32);
    private readonly TimeProvider _clock;
    private readonly ConcurrentDictionary<string, AuthorizationRequest> _pending = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, IssuedCode> _codes = new(StringComparer.Ordinal);
    private readonly ConcurrentBag<string> _redirectUris = [];

    private sealed record AuthorizationRequest(string RedirectUri, string Scope, string? State, string? Nonce, string? CodeChallenge, string? CodeChallengeMethod);

    private sealed record IssuedCode(AuthorizationRequest Request, string Hetu, string GivenName, string FamilyName, DateTimeOffset AuthTime, DateTimeOffset ExpiresAt);

    private OpenIdBrokerSimulator(SimulatorHost host, string clientId, string clientSecret, TimeProvider clock)
    {
        (_host, _clientId, _clientSecret, _clock) = (host, clientId, clientSecret, clock);
    }

    public Uri BaseAddress => _host.BaseAddress;

    /// <summary>The issuer identifier: the base address without its trailing slash (Discovery 1.0 §4.3 compares it exactly).</summary>
    public string Issuer => BaseAddress.ToString().TrimEnd('/');

    /// <summary>Identity codes the page offers to pick from (the broker's test people), besides typing one.</summary>
    public IList<(string Hetu, string GivenName, string FamilyName)> TestPeople { get; } = [];

    public static async Task<OpenIdBrokerSimulator> StartAsync(string clientId, string clientSecret, string url = "http://127.0.0.1:0", TimeProvider? clock = null, CancellationToken cancellationToken = default)
    {
        OpenIdBrokerSimulator? broker = null;
        var host = await SimulatorHost.StartAsync(app =>
        {
            app.MapGet("/.well-known/openid-configuration", (HttpContext context) => broker!.DiscoveryAsync(context));
            app.MapGet("/jwks", (HttpContext context) => broker!.KeysAsync(context));
            app.MapGet("/authorize", (HttpContext context) => broker!.AuthorizeAsync(context));
            app.MapPost("/authorize/{id}", (HttpContext context, string id) => broker!.IdentifiedAsync(context, id));
            app.MapPost("/token", (HttpContext context) => broker!.TokenAsync(context));
        }, null, url, cancellationToken);
        broker = new OpenIdBrokerSimulator(host, clientId, clientSecret, clock ?? TimeProvider.System);
        return broker;
    }

    /// <summary>
    /// Registers a redirection URI of the client (OpenID Connect Core §3.1.2.1: an exact match is required). While none
    /// is registered, any loopback address is accepted: the stand-in serves a demo on this machine only.
    /// </summary>
    public void RegisterRedirectUri(Uri redirectUri)
    {
        ArgumentNullException.ThrowIfNull(redirectUri);
        _redirectUris.Add(redirectUri.ToString());
    }

    private Task DiscoveryAsync(HttpContext context)
    {
        var document = new JsonObject
        {
            ["issuer"] = Issuer,
            ["authorization_endpoint"] = Issuer + "/authorize",
            ["token_endpoint"] = Issuer + "/token",
            ["jwks_uri"] = Issuer + "/jwks",
            ["scopes_supported"] = new JsonArray("openid", "profile"),
            ["response_types_supported"] = new JsonArray("code"),
            ["response_modes_supported"] = new JsonArray("query"),
            ["grant_types_supported"] = new JsonArray("authorization_code"),
            ["subject_types_supported"] = new JsonArray("pairwise"),
            ["id_token_signing_alg_values_supported"] = new JsonArray("RS256"),
            ["token_endpoint_auth_methods_supported"] = new JsonArray("client_secret_basic", "client_secret_post"),
            ["code_challenge_methods_supported"] = new JsonArray("S256"),
            ["acr_values_supported"] = new JsonArray(SubstantialAssurance),
            ["claims_supported"] = new JsonArray("iss", "sub", "aud", "exp", "iat", "auth_time", "nonce", "acr", "amr", "given_name", "family_name", "name", HetuClaim),
        };
        return Json(context, HttpStatusCode.OK, document);
    }

    private Task KeysAsync(HttpContext context)
    {
        var parameters = _key.ExportParameters(includePrivateParameters: false);
        var keys = new JsonObject
        {
            ["keys"] = new JsonArray(new JsonObject
            {
                ["kty"] = "RSA",
                ["use"] = "sig",
                ["alg"] = "RS256",
                ["kid"] = _keyId,
                ["n"] = Base64Url(parameters.Modulus!),
                ["e"] = Base64Url(parameters.Exponent!),
            }),
        };
        return Json(context, HttpStatusCode.OK, keys);
    }

    private async Task AuthorizeAsync(HttpContext context)
    {
        var query = context.Request.Query;
        // Until the client and its redirection URI are known, errors are shown here, never sent anywhere (Core §3.1.2.6).
        if (query["client_id"] != _clientId)
        {
            await Page(context, HttpStatusCode.BadRequest, "<h1>Unknown client</h1>");
            return;
        }

        var redirectUri = query["redirect_uri"].ToString();
        if (!AllowedRedirect(redirectUri))
        {
            await Page(context, HttpStatusCode.BadRequest, "<h1>The redirection URI is not registered for this client</h1>");
            return;
        }

        string? state = Optional(query["state"]);
        var scope = query["scope"].ToString();
        if (query["response_type"] != "code")
        {
            Redirect(context, redirectUri, ("error", "unsupported_response_type"), ("state", state));
            return;
        }

        if (!scope.Split(' ', StringSplitOptions.RemoveEmptyEntries).Contains("openid", StringComparer.Ordinal))
        {
            Redirect(context, redirectUri, ("error", "invalid_scope"), ("error_description", "the openid scope is required"), ("state", state));
            return;
        }

        var method = Optional(query["code_challenge_method"]);
        var challenge = Optional(query["code_challenge"]);
        if (challenge is not null && (method ?? "plain") != "S256")
        {
            Redirect(context, redirectUri, ("error", "invalid_request"), ("error_description", "transform algorithm not supported"), ("state", state));
            return;
        }

        if (query["prompt"] == "none")
        {
            Redirect(context, redirectUri, ("error", "login_required"), ("state", state)); // the broker keeps no sessions of its own
            return;
        }

        var id = Token();
        _pending[id] = new AuthorizationRequest(redirectUri, scope, state, Optional(query["nonce"]), challenge, method);
        var people = string.Concat(TestPeople.Select((p, i) =>
            $"<li><button type=\"submit\" name=\"person\" value=\"{i}\" id=\"broker-person-{i}\">{WebUtility.HtmlEncode(p.GivenName + " " + p.FamilyName)}</button></li>"));
        await Page(context, HttpStatusCode.OK, $"""
            <h1>Test identification</h1>
            <p>A stand-in for strong electronic identification. Identify as a test person, or type a personal identity code.</p>
            <form method="post" action="/authorize/{id}">
              <ul id="broker-people">{people}</ul>
              <label>Personal identity code <input name="hetu" id="broker-hetu" autocomplete="off" /></label>
              <label>First name <input name="given_name" id="broker-given-name" /></label>
              <label>Last name <input name="family_name" id="broker-family-name" /></label>
              <button type="submit" id="broker-identify">Identify</button>
              <button type="submit" name="cancel" value="1" id="broker-cancel">Cancel</button>
            </form>
            """);
    }

    private async Task IdentifiedAsync(HttpContext context, string id)
    {
        if (!_pending.TryRemove(id, out var request))
        {
            await Page(context, HttpStatusCode.BadRequest, "<h1>This identification has expired; start again from the service.</h1>");
            return;
        }

        var form = await context.Request.ReadFormAsync(context.RequestAborted);
        if (form["cancel"] == "1")
        {
            Redirect(context, request.RedirectUri, ("error", "access_denied"), ("state", request.State));
            return;
        }

        var (hetu, given, family) = int.TryParse(form["person"], System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var index) && index < TestPeople.Count
            ? TestPeople[index]
            : (form["hetu"].ToString().Trim().ToUpperInvariant(), form["given_name"].ToString().Trim(), form["family_name"].ToString().Trim());
        if (hetu.Length != 11)
        {
            _pending[id] = request;
            await Page(context, HttpStatusCode.BadRequest, "<h1>Type a personal identity code of 11 characters.</h1>");
            return;
        }

        var code = Token();
        var now = _clock.GetUtcNow();
        _codes[code] = new IssuedCode(request, hetu, given, family, now, now + CodeLifetime);
        Redirect(context, request.RedirectUri, ("code", code), ("state", request.State));
    }

    private async Task TokenAsync(HttpContext context)
    {
        context.Response.Headers.CacheControl = "no-store";
        context.Response.Headers.Pragma = "no-cache";
        if (!context.Request.HasFormContentType)
        {
            await Error(context, HttpStatusCode.BadRequest, "invalid_request");
            return;
        }

        var form = await context.Request.ReadFormAsync(context.RequestAborted);
        if (!ClientAuthenticated(context.Request, form))
        {
            context.Response.Headers.WWWAuthenticate = "Basic realm=\"token\"";
            await Error(context, HttpStatusCode.Unauthorized, "invalid_client");
            return;
        }

        if (form["grant_type"] != "authorization_code")
        {
            await Error(context, HttpStatusCode.BadRequest, "unsupported_grant_type");
            return;
        }

        // A code is used once (RFC 6749 §4.1.2): removed before any other check.
        if (!_codes.TryRemove(form["code"].ToString(), out var issued) || _clock.GetUtcNow() >= issued.ExpiresAt || form["redirect_uri"] != issued.Request.RedirectUri)
        {
            await Error(context, HttpStatusCode.BadRequest, "invalid_grant");
            return;
        }

        if (issued.Request.CodeChallenge is { } challenge)
        {
            var verifier = form["code_verifier"].ToString();
            var computed = Base64Url(SHA256.HashData(Encoding.ASCII.GetBytes(verifier)));
            if (verifier.Length is < 43 or > 128 || !CryptographicOperations.FixedTimeEquals(Encoding.ASCII.GetBytes(computed), Encoding.ASCII.GetBytes(challenge)))
            {
                await Error(context, HttpStatusCode.BadRequest, "invalid_grant");
                return;
            }
        }

        var now = _clock.GetUtcNow();
        var claims = new JsonObject
        {
            ["iss"] = Issuer,
            ["sub"] = Base64Url(HMACSHA256.HashData(_pairwiseSalt, Encoding.UTF8.GetBytes(_clientId + "|" + issued.Hetu))),
            ["aud"] = _clientId,
            ["exp"] = (now + TokenLifetime).ToUnixTimeSeconds(),
            ["iat"] = now.ToUnixTimeSeconds(),
            ["auth_time"] = issued.AuthTime.ToUnixTimeSeconds(),
            ["acr"] = SubstantialAssurance,
            ["amr"] = new JsonArray("test-identification"),
            [HetuClaim] = issued.Hetu,
        };
        if (issued.Request.Nonce is { } nonce)
        {
            claims["nonce"] = nonce;
        }

        if (issued.Request.Scope.Split(' ').Contains("profile", StringComparer.Ordinal))
        {
            claims["given_name"] = issued.GivenName;
            claims["family_name"] = issued.FamilyName;
            claims["name"] = (issued.GivenName + " " + issued.FamilyName).Trim();
        }

        await Json(context, HttpStatusCode.OK, new JsonObject
        {
            ["access_token"] = Token(),
            ["token_type"] = "Bearer",
            ["expires_in"] = (int)TokenLifetime.TotalSeconds,
            ["id_token"] = Sign(claims),
        });
    }

    private bool ClientAuthenticated(HttpRequest request, IFormCollection form)
    {
        string? id = null, secret = null;
        if (request.Headers.Authorization.ToString() is { } header && header.StartsWith("Basic ", StringComparison.OrdinalIgnoreCase))
        {
            try
            {
                var pair = Encoding.UTF8.GetString(Convert.FromBase64String(header[6..].Trim()));
                var colon = pair.IndexOf(':', StringComparison.Ordinal);
                if (colon > 0)
                {
                    // RFC 6749 §2.3.1: both parts are form-url-encoded before they are joined.
                    (id, secret) = (WebUtility.UrlDecode(pair[..colon]), WebUtility.UrlDecode(pair[(colon + 1)..]));
                }
            }
            catch (FormatException)
            {
                return false;
            }
        }
        else if (form.ContainsKey("client_secret"))
        {
            (id, secret) = (form["client_id"].ToString(), form["client_secret"].ToString());
        }

        return id == _clientId && secret is not null
            && CryptographicOperations.FixedTimeEquals(Encoding.UTF8.GetBytes(secret), Encoding.UTF8.GetBytes(_clientSecret));
    }

    private bool AllowedRedirect(string redirectUri)
    {
        if (!Uri.TryCreate(redirectUri, UriKind.Absolute, out var uri) || uri.Fragment.Length > 0)
        {
            return false;
        }

        return _redirectUris.IsEmpty ? uri.IsLoopback : _redirectUris.Contains(redirectUri, StringComparer.Ordinal);
    }

    private string Sign(JsonObject claims)
    {
        var header = new JsonObject { ["alg"] = "RS256", ["typ"] = "JWT", ["kid"] = _keyId };
        var signingInput = Base64Url(Encoding.UTF8.GetBytes(header.ToJsonString())) + "." + Base64Url(Encoding.UTF8.GetBytes(claims.ToJsonString()));
        var signature = _key.SignData(Encoding.ASCII.GetBytes(signingInput), HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        return signingInput + "." + Base64Url(signature);
    }

    private static void Redirect(HttpContext context, string redirectUri, params (string Name, string? Value)[] parameters)
    {
        var query = string.Join('&', parameters.Where(p => p.Value is not null).Select(p => p.Name + "=" + Uri.EscapeDataString(p.Value!)));
        context.Response.Redirect(redirectUri + (redirectUri.Contains('?', StringComparison.Ordinal) ? "&" : "?") + query);
    }

    private static string? Optional(StringValues value) => StringValues.IsNullOrEmpty(value) ? null : value.ToString();

    private static string Token() => Base64Url(RandomNumberGenerator.GetBytes(32));

    private static string Base64Url(byte[] bytes) => Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');

    private static Task Json(HttpContext context, HttpStatusCode status, JsonNode body)
    {
        context.Response.StatusCode = (int)status;
        context.Response.ContentType = "application/json";
        return context.Response.WriteAsync(body.ToJsonString(), context.RequestAborted);
    }

    private static Task Error(HttpContext context, HttpStatusCode status, string error) =>
        Json(context, status, new JsonObject { ["error"] = error });

    private static Task Page(HttpContext context, HttpStatusCode status, string body)
    {
        context.Response.StatusCode = (int)status;
        context.Response.ContentType = "text/html; charset=utf-8";
        return context.Response.WriteAsync($"<!doctype html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>Test identification</title></head><body>{body}</body></html>", context.RequestAborted);
    }

    public async ValueTask DisposeAsync()
    {
        await _host.DisposeAsync();
        _key.Dispose();
    }
}
