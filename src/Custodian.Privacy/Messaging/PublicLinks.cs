using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.Configuration;

namespace Custodian.Privacy.Messaging;

/// <summary>
/// Absolute links for messages: <c>Web:PublicBaseUrl</c> when set (behind a proxy it must be), else the address the
/// server listens on. Never the Host header of the current request: a forged one would send people links to
/// someone else's site (link poisoning).
/// </summary>
public sealed class PublicLinks(IConfiguration configuration, IServer? server = null) : Abstractions.Messaging.IPublicLinks
{
    public const string Setting = "Web:PublicBaseUrl";

    public string To(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        var root = configuration[Setting] is { Length: > 0 } configured ? configured
            : server?.Features.Get<IServerAddressesFeature>()?.Addresses.FirstOrDefault(a => !a.EndsWith(":0", StringComparison.Ordinal))
            ?? configuration["Urls"]?.Split(';')[0] ?? "http://localhost:5000";
        return root.TrimEnd('/') + "/" + path.TrimStart('/');
    }

    string Abstractions.Messaging.IPublicLinks.Link(string path) => To(path);
}
