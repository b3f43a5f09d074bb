using System.Net;
using System.Net.Http.Headers;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Custodian.Simulators.OpenIdBroker;

namespace Custodian.Simulators.Tests;

/// <summary>
/// The identification broker's stand-in keeps the promises of OpenID Connect Core and Discovery, RFC 6749 and RFC 7636:
/// the discovery document, a JWK set that verifies the RS256 id token, single-use codes bound to the redirection URI,
/// PKCE, client authentication, and errors sent back only to a registered redirection URI.
/// </summary>
public sealed partial class OpenIdBrokerSimulatorTests
{
    private const string ClientId = "relying-party";
    private const string Secret = "s3cret/with+signs";
    private const string Redirect = "http://127.0.0.1:5999/signin-oidc";
    private const string Verifier = "dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk"; // RFC 7636 appendix B
    private const string Challenge = "E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM";

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task The_discovery_document_names_the_issuer_and_endpoints_of_the_code_flow_with_rs256()
    {
        await using var broker = await OpenIdBrokerSimulator.StartAsync(ClientId, Secret, cancellationToken: Ct);
        using var http = new HttpClient();

        var document = JsonNode.Parse(await http.GetStringAsync(new Uri(broker.BaseAddress, ".well-known/openid-configuration"), Ct))!;

        Assert.Equal(broker.Issuer, (string?)document["issuer"]);
        Assert.Equal(broker.Issuer + "/authorize", (string?)document["authorization_endpoint"]);
        Assert.Equal(broker.Issuer + "/token", (string?)document["token_endpoint"]);
        Assert.Equal(broker.Issuer + "/jwks", (string?)document["jwks_uri"]);
        Assert.Contains("code", document["response_types_supported"]!.AsArray().Select(n => (string?)n));
        Assert.Contains("RS256", document["id_token_signing_alg_values_supported"]!.AsArray().Select(n => (string?)n));
        Assert.Contains("S256", document["code_challenge_methods_supported"]!.AsArray().Select(n => (string?)n));
        Assert.NotEmpty(document["subject_types_supported"]!.AsArray());
    }

    [Fact]
    public async Task A_code_gives_an_id_token_signed_with_the_published_key_carrying_the_nonce_audience_and_identity_code()
    {
        await using var broker = await OpenIdBrokerSimulator.StartAsync(ClientId, Secret, cancellationToken: Ct);
        using var http = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false });
        var code = await CodeAsync(broker, http, "010190-901R");

        using var answer = await TokenAsync(broker, http, code, Verifier);
        var body = JsonNode.Parse(await answer.Content.ReadAsStringAsync(Ct))!;

        Assert.Equal(HttpStatusCode.OK, answer.StatusCode);
        Assert.Equal("no-store", answer.Headers.CacheControl?.ToString());
        Assert.Equal("Bearer", (string?)body["token_type"]);
        var parts = ((string)body["id_token"]!).Split('.');
        var header = JsonNode.Parse(Base64Url(parts[0]))!;
        var claims = JsonNode.Parse(Base64Url(parts[1]))!;
        var key = JsonNode.Parse(await http.GetStringAsync(new Uri(broker.BaseAddress, "jwks"), Ct))!["keys"]!.AsArray().Single(k => (string?)k!["kid"] == (string?)header["kid"])!;
        using var rsa = RSA.Create(new RSAParameters { Modulus = Base64Url(((string)key["n"]!)), Exponent = Base64Url((string)key["e"]!) });
        Assert.Equal("RS256", (string?)header["alg"]);
        Assert.True(rsa.VerifyData(Encoding.ASCII.GetBytes(parts[0] + "." + parts[1]), Base64Url(parts[2]), HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1));
        Assert.Equal(broker.Issuer, (string?)claims["iss"]);
        Assert.Equal(ClientId, (string?)claims["aud"]);
        Assert.Equal("n-0S6_WzA2Mj", (string?)claims["nonce"]);
        Assert.Equal("010190-901R", (string?)claims[OpenIdBrokerSimulator.HetuClaim]);
        Assert.NotEqual("010190-901R", (string?)claims["sub"]);
        Assert.True((long)claims["exp"]! > (long)claims["iat"]!);
    }

    [Fact]
    public async Task A_code_is_used_once()
    {
        await using var broker = await OpenIdBrokerSimulator.StartAsync(ClientId, Secret, cancellationToken: Ct);
        using var http = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false });
        var code = await CodeAsync(broker, http, "010190-901R");

        using var first = await TokenAsync(broker, http, code, Verifier);
        using var second = await TokenAsync(broker, http, code, Verifier);

        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, second.StatusCode);
        Assert.Equal("invalid_grant", (string?)JsonNode.Parse(await second.Content.ReadAsStringAsync(Ct))!["error"]);
    }

    [Fact]
    public async Task A_verifier_that_does_not_match_the_challenge_gets_no_token()
    {
        await using var broker = await OpenIdBrokerSimulator.StartAsync(ClientId, Secret, cancellationToken: Ct);
        using var http = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false });
        var code = await CodeAsync(broker, http, "010190-901R");

        using var answer = await TokenAsync(broker, http, code, Verifier.Replace('d', 'e'));

        Assert.Equal(HttpStatusCode.BadRequest, answer.StatusCode);
        Assert.Equal("invalid_grant", (string?)JsonNode.Parse(await answer.Content.ReadAsStringAsync(Ct))!["error"]);
    }

    [Fact]
    public async Task A_wrong_client_secret_is_invalid_client_with_401()
    {
        await using var broker = await OpenIdBrokerSimulator.StartAsync(ClientId, Secret, cancellationToken: Ct);
        using var http = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false });
        var code = await CodeAsync(broker, http, "010190-901R");

        using var answer = await TokenAsync(broker, http, code, Verifier, secret: "guess");

        Assert.Equal(HttpStatusCode.Unauthorized, answer.StatusCode);
        Assert.Equal("invalid_client", (string?)JsonNode.Parse(await answer.Content.ReadAsStringAsync(Ct))!["error"]);
    }

    [Fact]
    public async Task An_unregistered_redirection_uri_is_refused_on_the_page_and_never_redirected_to()
    {
        await using var broker = await OpenIdBrokerSimulator.StartAsync(ClientId, Secret, cancellationToken: Ct);
        broker.RegisterRedirectUri(new Uri(Redirect));
        using var http = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false });

        using var answer = await http.GetAsync(new Uri(broker.BaseAddress, "authorize?response_type=code&scope=openid&client_id=" + ClientId + "&redirect_uri=" + Uri.EscapeDataString("http://127.0.0.1:6000/elsewhere")), Ct);

        Assert.Equal(HttpStatusCode.BadRequest, answer.StatusCode);
        Assert.Null(answer.Headers.Location);
    }

    [Fact]
    public async Task A_request_without_the_openid_scope_is_sent_back_as_invalid_scope_with_its_state()
    {
        await using var broker = await OpenIdBrokerSimulator.StartAsync(ClientId, Secret, cancellationToken: Ct);
        using var http = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false });

        using var answer = await http.GetAsync(new Uri(broker.BaseAddress, "authorize?response_type=code&scope=profile&state=af0ifjsldkj&client_id=" + ClientId + "&redirect_uri=" + Uri.EscapeDataString(Redirect)), Ct);

        Assert.Equal(HttpStatusCode.Redirect, answer.StatusCode);
        Assert.Equal(Redirect + "?error=invalid_scope&error_description=the%20openid%20scope%20is%20required&state=af0ifjsldkj", answer.Headers.Location!.OriginalString);
    }

    private static async Task<string> CodeAsync(OpenIdBrokerSimulator broker, HttpClient http, string hetu)
    {
        var page = await http.GetStringAsync(new Uri(broker.BaseAddress,
            $"authorize?response_type=code&scope=openid&client_id={ClientId}&redirect_uri={Uri.EscapeDataString(Redirect)}&state=af0ifjsldkj&nonce=n-0S6_WzA2Mj&code_challenge={Challenge}&code_challenge_method=S256"), Ct);
        var action = FormAction().Match(page).Groups[1].Value;
        using var identified = await http.PostAsync(new Uri(broker.BaseAddress, action), new FormUrlEncodedContent([new("hetu", hetu)]), Ct);
        Assert.Equal(HttpStatusCode.Redirect, identified.StatusCode);
        var back = identified.Headers.Location!.OriginalString;
        Assert.StartsWith(Redirect + "?code=", back, StringComparison.Ordinal);
        Assert.EndsWith("&state=af0ifjsldkj", back, StringComparison.Ordinal);
        return Uri.UnescapeDataString(back[(Redirect.Length + 6)..back.IndexOf('&', StringComparison.Ordinal)]);
    }

    private static Task<HttpResponseMessage> TokenAsync(OpenIdBrokerSimulator broker, HttpClient http, string code, string verifier, string secret = Secret)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, new Uri(broker.BaseAddress, "token"))
        {
            Content = new FormUrlEncodedContent([new("grant_type", "authorization_code"), new("code", code), new("redirect_uri", Redirect), new("code_verifier", verifier)]),
        };
        request.Headers.Authorization = new AuthenticationHeaderValue("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes(Uri.EscapeDataString(ClientId) + ":" + Uri.EscapeDataString(secret))));
        return http.SendAsync(request, Ct);
    }

    private static byte[] Base64Url(string value)
    {
        var padded = value.Replace('-', '+').Replace('_', '/');
        return Convert.FromBase64String(padded + new string('=', (4 - (padded.Length % 4)) % 4));
    }

    [GeneratedRegex("action=\"(/authorize/[^\"]+)\"")]
    private static partial Regex FormAction();
}
