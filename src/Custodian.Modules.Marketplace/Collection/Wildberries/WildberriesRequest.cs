using System.Text;

namespace Custodian.Modules.Marketplace.Collection.Wildberries;

/// <summary>Requests as every Wildberries host expects them: the raw token in <c>Authorization</c>, JSON bodies in UTF-8.</summary>
internal static class WildberriesRequest
{
    public static HttpRequestMessage Get(Uri host, string path, string token) =>
        new(HttpMethod.Get, new Uri(host, path)) { Headers = { { "Authorization", token } } };

    public static HttpRequestMessage Post(Uri host, string path, string token, string json) =>
        new(HttpMethod.Post, new Uri(host, path)) { Headers = { { "Authorization", token } }, Content = new StringContent(json, Encoding.UTF8, "application/json") };
}
