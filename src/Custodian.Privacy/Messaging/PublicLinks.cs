using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Configuration;

namespace Custodian.Privacy.Messaging;

/// <summary>
/// Absolute links for messages: <c>Web:PublicBaseUrl</c> when set (behind a proxy it must be), else the address
/// of the current request, else the first of <c>Urls</c>.
/// </summary>
public sealed class PublicLinks(IConfiguration configuration, IHttpContextAccessor http)
{
    public string To(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        var root = configuration["Web:PublicBaseUrl"] is { Length: > 0 } configured ? configured
            : http.HttpContext?.Request is { } request ? $"{request.Scheme}://{request.Host}"
            : configuration["Urls"]?.Split(';')[0] ?? "http://localhost:5000";
        return root.TrimEnd('/') + "/" + path.TrimStart('/');
    }
}
