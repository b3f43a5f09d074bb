namespace Custodian.Privacy.Abstractions.Messaging;

/// <summary>Absolute links to this service for messages (e-mail, Telegram), never built from a request's Host header.</summary>
public interface IPublicLinks
{
    /// <summary>The absolute address of <paramref name="path"/> (relative to the site root).</summary>
    string Link(string path);
}
