using System.Net.Http.Headers;
using System.Text.RegularExpressions;

namespace Custodian.Web.Tests;

/// <summary>The antiforgery token of a rendered page plus its cookie, as a browser would send them back.</summary>
internal sealed partial record FormToken(string Token, string Cookie)
{
    public static async Task<FormToken> FetchAsync(HttpClient client, CancellationToken ct, string page = "/")
    {
        using var response = await client.GetAsync(new Uri(page, UriKind.Relative), ct);
        var html = await response.Content.ReadAsStringAsync(ct);
        var token = TokenInput().Match(html).Groups[1].Value;
        var cookie = response.Headers.GetValues("Set-Cookie").Single(c => c.StartsWith("custodian.af=", StringComparison.Ordinal)).Split(';')[0];
        return new FormToken(token, cookie);
    }

    public FormUrlEncodedContent Form(Dictionary<string, string> fields)
    {
        fields["__RequestVerificationToken"] = Token;
        var content = new FormUrlEncodedContent(fields);
        content.Headers.Add("Cookie", Cookie);
        return content;
    }

    [GeneratedRegex("name=\"__RequestVerificationToken\" type=\"hidden\" value=\"([^\"]+)\"")]
    private static partial Regex TokenInput();
}
