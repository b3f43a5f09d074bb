using System.Net;
using System.Text.RegularExpressions;

namespace Custodian.Testing;

/// <summary>
/// A client of a <see cref="CustodianHost"/> that keeps cookies like a browser (the session and antiforgery cookies)
/// and leaves redirects to the test. Forms are posted with the antiforgery token of a rendered page.
/// </summary>
public sealed partial class CustodianClient : HttpClient
{
    internal CustodianClient(HttpMessageHandler inner, CookieContainer cookies, string role)
        : base(new CookieJar(cookies) { InnerHandler = inner }, disposeHandler: true)
    {
        Cookies = cookies;
        Role = role;
    }

    /// <summary>The role the client signed in as, or <see cref="CustodianHost.Anonymous"/>.</summary>
    public string Role { get; internal set; }

    public CookieContainer Cookies { get; }

    /// <summary>The Cookie header the client sends now (to replay the same session from a client without a jar).</summary>
    public string CookieHeader => Cookies.GetCookieHeader(BaseAddress ?? throw new InvalidOperationException("No base address."));

    /// <summary>The antiforgery token of <paramref name="page"/> as rendered for this client (the token belongs to the signed-in person).</summary>
    public async Task<string> AntiforgeryTokenAsync(string page = "/", CancellationToken cancellationToken = default)
    {
        using var response = await GetAsync(new Uri(page, UriKind.Relative), cancellationToken);
        var html = await response.Content.ReadAsStringAsync(cancellationToken);
        var match = TokenInput().Match(html);
        return match.Success ? match.Groups[1].Value : throw new InvalidOperationException($"{page} answered {(int)response.StatusCode} without a form token.");
    }

    /// <summary>Posts <paramref name="fields"/> to <paramref name="path"/> with the antiforgery token of the page at <paramref name="tokenFrom"/> (default: the path itself).</summary>
    public async Task<HttpResponseMessage> PostFormAsync(string path, IEnumerable<KeyValuePair<string, string>> fields, string? tokenFrom = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(path);
        var token = await AntiforgeryTokenAsync(tokenFrom ?? path, cancellationToken);
        using var content = new FormUrlEncodedContent([.. fields ?? [], new("__RequestVerificationToken", token)]);
        return await PostAsync(new Uri(path, UriKind.Relative), content, cancellationToken);
    }

    [GeneratedRegex("name=\"__RequestVerificationToken\" type=\"hidden\" value=\"([^\"]+)\"")]
    private static partial Regex TokenInput();

    /// <summary>Sends the jar's cookies and keeps the ones the app sets, as a browser does (also for the in-memory server).</summary>
    private sealed class CookieJar(CookieContainer cookies) : DelegatingHandler
    {
        protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            var uri = request.RequestUri!;
            if (cookies.GetCookieHeader(uri) is { Length: > 0 } header)
            {
                request.Headers.Add("Cookie", header);
            }

            var response = await base.SendAsync(request, cancellationToken);
            if (response.Headers.TryGetValues("Set-Cookie", out var values))
            {
                foreach (var value in values)
                {
                    cookies.SetCookies(uri, value);
                }
            }

            return response;
        }
    }
}
