using System.Net;
using System.Net.Http.Headers;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using Custodian.Testing;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace Custodian.Web.Tests;

/// <summary>The test identity provider itself, spoken to as the application will: plain HTTP, redirects not followed.</summary>
public sealed partial class LoopbackOpenIdProviderTests : IAsyncLifetime
{
    private static readonly Uri AppBase = new("http://127.0.0.1:5010/");
    private static readonly Uri Callback = new(AppBase, LoopbackOpenIdProvider.SignInCallbackPath);

    private readonly HttpClient _http = new(new HttpClientHandler { AllowAutoRedirect = false, UseCookies = false });
    private LoopbackOpenIdProvider _provider = null!;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public async ValueTask InitializeAsync()
    {
        _provider = await LoopbackOpenIdProvider.StartAsync(AppBase, cancellationToken: Ct);
        _provider.AddUser("staff-1", "anna", "Anna Virtanen", "anna@example.org", "correct horse");
    }

    public async ValueTask DisposeAsync()
    {
        _http.Dispose();
        await _provider.DisposeAsync();
    }

    [Fact]
    public async Task Discovery_offers_only_the_code_flow_with_S256_and_names_every_endpoint()
    {
        using var document = JsonDocument.Parse(await _http.GetStringAsync(_provider.MetadataAddress, Ct));
        var metadata = document.RootElement;

        Assert.Equal(_provider.Authority.AbsoluteUri, metadata.GetProperty("issuer").GetString());
        Assert.Equal(["code"], Strings(metadata, "response_types_supported"));
        Assert.Equal(["S256"], Strings(metadata, "code_challenge_methods_supported"));
        Assert.Equal(["authorization_code"], Strings(metadata, "grant_types_supported"));
        Assert.Superset(new HashSet<string> { "query", "form_post" }, Strings(metadata, "response_modes_supported").ToHashSet());
        Assert.Equal(_provider.AuthorizationEndpoint.AbsoluteUri, metadata.GetProperty("authorization_endpoint").GetString());
        Assert.Equal(_provider.TokenEndpoint.AbsoluteUri, metadata.GetProperty("token_endpoint").GetString());
        Assert.Equal(_provider.JwksUri.AbsoluteUri, metadata.GetProperty("jwks_uri").GetString());
        Assert.Equal(_provider.UserInfoEndpoint.AbsoluteUri, metadata.GetProperty("userinfo_endpoint").GetString());
        Assert.Equal(_provider.EndSessionEndpoint.AbsoluteUri, metadata.GetProperty("end_session_endpoint").GetString());
    }

    [Fact]
    public async Task Signing_in_on_the_form_yields_an_id_token_the_JWKS_verifies_with_the_nonce_and_the_persons_claims()
    {
        var flow = new Flow();

        using var form = await _http.GetAsync(flow.AuthorizationUri(_provider), Ct);
        var page = await form.Content.ReadAsStringAsync(Ct);
        Assert.Equal(HttpStatusCode.OK, form.StatusCode);
        Assert.Contains("id=\"oidc-username\"", page, StringComparison.Ordinal);
        Assert.Contains("id=\"oidc-password\"", page, StringComparison.Ordinal);
        Assert.Contains("id=\"oidc-sign-in\"", page, StringComparison.Ordinal);

        using var signedIn = await SubmitSignInAsync(page, "anna", "correct horse");
        var query = CallbackQuery(signedIn);
        Assert.Equal(flow.State, query["state"]);
        using var tokens = await RedeemAsync(query["code"], flow.Verifier);
        Assert.Equal(HttpStatusCode.OK, tokens.Status);

        var idToken = tokens.Body.GetProperty("id_token").GetString()!;
        var validation = await ValidateAsync(idToken);
        Assert.True(validation.IsValid, validation.Exception?.Message);
        var token = (JsonWebToken)validation.SecurityToken;
        Assert.Equal(flow.Nonce, token.GetClaim("nonce").Value);
        Assert.Equal("staff-1", token.Subject);
        Assert.Equal("anna", token.GetClaim("preferred_username").Value);
        Assert.Equal("Anna Virtanen", token.GetClaim("name").Value);
        Assert.Equal("anna@example.org", token.GetClaim("email").Value);
        Assert.Equal(["pwd", "mfa"], token.GetPayloadValue<string[]>("amr"));

        using var userInfoRequest = new HttpRequestMessage(HttpMethod.Get, _provider.UserInfoEndpoint);
        userInfoRequest.Headers.Authorization = new AuthenticationHeaderValue("Bearer", tokens.Body.GetProperty("access_token").GetString());
        using var userInfo = await _http.SendAsync(userInfoRequest, Ct);
        using var claims = JsonDocument.Parse(await userInfo.Content.ReadAsStringAsync(Ct));
        Assert.Equal("staff-1", claims.RootElement.GetProperty("sub").GetString());
        Assert.Equal("anna@example.org", claims.RootElement.GetProperty("email").GetString());
    }

    [Fact]
    public async Task A_single_authentication_method_reaches_the_id_token_as_an_array_beside_the_acr()
    {
        _provider.AddUser("staff-2", "olli", "Olli Nieminen", "olli@example.org", "battery staple", amr: ["pwd"], acr: "urn:custodian:loa:1");
        _provider.AutoApproveAs("staff-2");
        var flow = new Flow();
        using var redirect = await _http.GetAsync(flow.AuthorizationUri(_provider), Ct);

        using var tokens = await RedeemAsync(CallbackQuery(redirect)["code"], flow.Verifier);

        var token = new JsonWebToken(tokens.Body.GetProperty("id_token").GetString());
        Assert.Equal(["pwd"], token.GetPayloadValue<string[]>("amr"));
        Assert.Equal("urn:custodian:loa:1", token.GetPayloadValue<string>("acr"));
    }

    [Fact]
    public async Task Tokens_are_dated_by_the_clock_the_test_gives_the_provider()
    {
        var clock = new SettableClock(new DateTimeOffset(2026, 11, 16, 9, 0, 0, TimeSpan.Zero));
        await using var provider = await LoopbackOpenIdProvider.StartAsync(AppBase, clock, Ct);
        provider.AddUser("staff-3", "sari", "Sari Laine", "sari@example.org", "pass");
        provider.AutoApproveAs("staff-3");
        var flow = new Flow();
        using var redirect = await _http.GetAsync(flow.AuthorizationUri(provider), Ct);

        using var tokens = await RedeemAsync(CallbackQuery(redirect)["code"], flow.Verifier, provider);

        var token = new JsonWebToken(tokens.Body.GetProperty("id_token").GetString());
        Assert.Equal(clock.GetUtcNow().UtcDateTime, token.IssuedAt);
        Assert.True(token.ValidTo > token.IssuedAt);
    }

    [Fact]
    public async Task A_wrong_password_shows_the_form_again_and_sends_no_code()
    {
        using var form = await _http.GetAsync(new Flow().AuthorizationUri(_provider), Ct);

        using var refused = await SubmitSignInAsync(await form.Content.ReadAsStringAsync(Ct), "anna", "wrong horse");

        Assert.Equal(HttpStatusCode.OK, refused.StatusCode);
        var page = await refused.Content.ReadAsStringAsync(Ct);
        Assert.Contains("id=\"oidc-error\"", page, StringComparison.Ordinal);
        Assert.Contains("id=\"oidc-sign-in\"", page, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_auto_approved_person_gets_the_code_posted_to_the_callback_in_form_post_mode()
    {
        _provider.AutoApproveAs("staff-1");
        var flow = new Flow();

        using var response = await _http.GetAsync(flow.AuthorizationUri(_provider, responseMode: "form_post"), Ct);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var html = await response.Content.ReadAsStringAsync(Ct);
        Assert.Equal(Callback.AbsoluteUri, WebUtility.HtmlDecode(FormAction().Match(html).Groups[1].Value));
        var fields = HiddenFields(html);
        Assert.Equal(flow.State, fields["state"]);
        using var tokens = await RedeemAsync(fields["code"], flow.Verifier);
        Assert.Equal(HttpStatusCode.OK, tokens.Status);
    }

    [Fact]
    public async Task A_token_request_without_the_right_code_verifier_is_refused()
    {
        _provider.AutoApproveAs("staff-1");
        var flow = new Flow();
        using var redirect = await _http.GetAsync(flow.AuthorizationUri(_provider), Ct);
        var code = CallbackQuery(redirect)["code"];

        using var wrongVerifier = await RedeemAsync(code, new Flow().Verifier);
        using var noVerifier = await RedeemAsync(code, verifier: null);

        Assert.Equal(HttpStatusCode.BadRequest, wrongVerifier.Status);
        Assert.Equal("invalid_grant", wrongVerifier.Body.GetProperty("error").GetString());
        Assert.Equal(HttpStatusCode.BadRequest, noVerifier.Status);
        Assert.False(noVerifier.Body.TryGetProperty("id_token", out _));
    }

    [Theory]
    [InlineData(null)]
    [InlineData("plain")]
    public async Task An_authorization_request_without_an_S256_code_challenge_is_refused(string? method)
    {
        _provider.AutoApproveAs("staff-1");
        var flow = new Flow();

        using var response = await _http.GetAsync(flow.AuthorizationUri(_provider, challengeMethod: method), Ct);

        // OpenIddict answers itself rather than redirecting: the browser never reaches the callback with a code.
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Null(response.Headers.Location);
        Assert.Contains("invalid_request", await response.Content.ReadAsStringAsync(Ct), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_redirect_uri_is_refused_until_the_test_allows_it()
    {
        _provider.AutoApproveAs("staff-1");
        var elsewhere = new Uri("http://127.0.0.1:5011/signin-oidc-staff");
        var flow = new Flow();

        using (var refused = await _http.GetAsync(flow.AuthorizationUri(_provider, redirectUri: elsewhere), Ct))
        {
            Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
            Assert.Null(refused.Headers.Location);
        }

        await _provider.AllowRedirectUriAsync(elsewhere, Ct);
        using var allowed = await _http.GetAsync(flow.AuthorizationUri(_provider, redirectUri: elsewhere), Ct);
        Assert.Equal(HttpStatusCode.Redirect, allowed.StatusCode);
        Assert.StartsWith(elsewhere.AbsoluteUri + "?code=", allowed.Headers.Location!.AbsoluteUri, StringComparison.Ordinal);
    }

    // Each spoiled token fails the full validation for the named reason and passes once that one check is relaxed.
    [Theory]
    [InlineData(TokenTamper.None)]
    [InlineData(TokenTamper.ForeignSignature)]
    [InlineData(TokenTamper.WrongNonce)]
    [InlineData(TokenTamper.WrongAudience)]
    [InlineData(TokenTamper.Expired)]
    [InlineData(TokenTamper.WrongIssuer)]
    public async Task A_tampered_id_token_fails_exactly_the_check_its_mode_names(TokenTamper tamper)
    {
        _provider.AutoApproveAs("staff-1");
        _provider.Tamper = tamper;
        var flow = new Flow();
        using var redirect = await _http.GetAsync(flow.AuthorizationUri(_provider), Ct);
        using var tokens = await RedeemAsync(CallbackQuery(redirect)["code"], flow.Verifier);
        var idToken = tokens.Body.GetProperty("id_token").GetString()!;

        var strict = await ValidateAsync(idToken);
        var relaxed = await ValidateAsync(idToken, parameters =>
        {
            switch (tamper)
            {
                case TokenTamper.ForeignSignature: parameters.SignatureValidator = (token, _) => new JsonWebToken(token); break;
                case TokenTamper.WrongAudience: parameters.ValidateAudience = false; break;
                case TokenTamper.Expired: parameters.ValidateLifetime = false; break;
                case TokenTamper.WrongIssuer: parameters.ValidateIssuer = false; break;
            }
        });

        Assert.True(relaxed.IsValid, relaxed.Exception?.Message);
        Assert.Equal(tamper == TokenTamper.WrongNonce ? "not-the-nonce-the-client-sent" : flow.Nonce, ((JsonWebToken)relaxed.SecurityToken).GetClaim("nonce").Value);
        var expected = tamper switch
        {
            TokenTamper.ForeignSignature => typeof(SecurityTokenInvalidSignatureException),
            TokenTamper.WrongAudience => typeof(SecurityTokenInvalidAudienceException),
            TokenTamper.Expired => typeof(SecurityTokenExpiredException),
            TokenTamper.WrongIssuer => typeof(SecurityTokenInvalidIssuerException),
            _ => null,
        };
        Assert.Equal(expected is null, strict.IsValid);
        Assert.Equal(expected, strict.Exception?.GetType());
    }

    [Fact]
    public async Task Ending_the_session_returns_to_the_applications_sign_out_callback_with_its_state()
    {
        _provider.AutoApproveAs("staff-1");
        var flow = new Flow();
        using var redirect = await _http.GetAsync(flow.AuthorizationUri(_provider), Ct);
        using var tokens = await RedeemAsync(CallbackQuery(redirect)["code"], flow.Verifier);
        var signOutCallback = new Uri(AppBase, LoopbackOpenIdProvider.SignOutCallbackPath);

        using var response = await _http.GetAsync(
            QueryHelpers.AddQueryString(_provider.EndSessionEndpoint.AbsoluteUri, new Dictionary<string, string?>
            {
                ["id_token_hint"] = tokens.Body.GetProperty("id_token").GetString(),
                ["post_logout_redirect_uri"] = signOutCallback.AbsoluteUri,
                ["state"] = "signed-out-state",
            }),
            Ct);

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal(signOutCallback.AbsoluteUri + "?state=signed-out-state", response.Headers.Location!.AbsoluteUri);
    }

    private static string[] Strings(JsonElement metadata, string name) =>
        metadata.GetProperty(name).EnumerateArray().Select(e => e.GetString()!).ToArray();

    private static Dictionary<string, string> CallbackQuery(HttpResponseMessage response)
    {
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var location = response.Headers.Location!;
        Assert.Equal(Callback.GetLeftPart(UriPartial.Path), location.GetLeftPart(UriPartial.Path));
        return QueryHelpers.ParseQuery(location.Query).ToDictionary(p => p.Key, p => p.Value.ToString(), StringComparer.Ordinal);
    }

    private static Dictionary<string, string> HiddenFields(string html) =>
        HiddenField().Matches(html).ToDictionary(m => WebUtility.HtmlDecode(m.Groups[1].Value), m => WebUtility.HtmlDecode(m.Groups[2].Value), StringComparer.Ordinal);

    private async Task<HttpResponseMessage> SubmitSignInAsync(string page, string username, string password)
    {
        var fields = HiddenFields(page);
        fields["oidc_username"] = username;
        fields["oidc_password"] = password;
        using var content = new FormUrlEncodedContent(fields);
        return await _http.PostAsync(new Uri(_provider.Authority, WebUtility.HtmlDecode(FormAction().Match(page).Groups[1].Value)), content, Ct);
    }

    private async Task<TokenResponse> RedeemAsync(string code, string? verifier, LoopbackOpenIdProvider? provider = null)
    {
        provider ??= _provider;
        var fields = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["grant_type"] = "authorization_code",
            ["code"] = code,
            ["redirect_uri"] = Callback.AbsoluteUri,
            ["client_id"] = provider.ClientId,
            ["client_secret"] = provider.ClientSecret,
        };
        if (verifier is not null)
        {
            fields["code_verifier"] = verifier;
        }

        using var content = new FormUrlEncodedContent(fields);
        using var response = await _http.PostAsync(provider.TokenEndpoint, content, Ct);
        return new TokenResponse(response.StatusCode, JsonDocument.Parse(await response.Content.ReadAsStringAsync(Ct)));
    }

    private async Task<TokenValidationResult> ValidateAsync(string idToken, Action<TokenValidationParameters>? relax = null)
    {
        var keys = new JsonWebKeySet(await _http.GetStringAsync(_provider.JwksUri, Ct));
        var parameters = new TokenValidationParameters
        {
            ValidIssuer = _provider.Authority.AbsoluteUri,
            ValidAudience = _provider.ClientId,
            IssuerSigningKeys = keys.GetSigningKeys(),
        };
        relax?.Invoke(parameters);
        return await new JsonWebTokenHandler().ValidateTokenAsync(idToken, parameters);
    }

    [GeneratedRegex("<input type=\"hidden\" name=\"([^\"]*)\" value=\"([^\"]*)\"")]
    private static partial Regex HiddenField();

    [GeneratedRegex("<form[^>]* action=\"([^\"]*)\"")]
    private static partial Regex FormAction();

    private sealed record TokenResponse(HttpStatusCode Status, JsonDocument Document) : IDisposable
    {
        public JsonElement Body => Document.RootElement;

        public void Dispose() => Document.Dispose();
    }

    /// <summary>What the application keeps between its authorization request and the callback.</summary>
    private sealed class Flow
    {
        public string Verifier { get; } = Base64UrlEncoder.Encode(RandomNumberGenerator.GetBytes(32));

        public string Nonce { get; } = Base64UrlEncoder.Encode(RandomNumberGenerator.GetBytes(16));

        public string State { get; } = Base64UrlEncoder.Encode(RandomNumberGenerator.GetBytes(16));

        public Uri AuthorizationUri(LoopbackOpenIdProvider provider, string responseMode = "query", string? challengeMethod = "S256", Uri? redirectUri = null)
        {
            var parameters = new Dictionary<string, string?>(StringComparer.Ordinal)
            {
                ["client_id"] = provider.ClientId,
                ["redirect_uri"] = (redirectUri ?? Callback).AbsoluteUri,
                ["response_type"] = "code",
                ["response_mode"] = responseMode,
                ["scope"] = "openid profile email",
                ["nonce"] = Nonce,
                ["state"] = State,
            };
            if (challengeMethod is not null)
            {
                parameters["code_challenge"] = challengeMethod == "S256" ? Base64UrlEncoder.Encode(SHA256.HashData(Encoding.ASCII.GetBytes(Verifier))) : Verifier;
                parameters["code_challenge_method"] = challengeMethod;
            }

            return new Uri(QueryHelpers.AddQueryString(provider.AuthorizationEndpoint.AbsoluteUri, parameters));
        }
    }
}
