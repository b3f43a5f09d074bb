namespace Custodian.Modules.Guidance.OwnRecord;

/// <summary>
/// <c>Guidance:ClientSignIn</c>: the deployment's identification broker for clients (strong identification, e.g.
/// Suomi.fi behind an OpenID Connect broker). Without an authority and client id clients cannot sign in and
/// <c>/guidance/me</c> says so.
/// </summary>
internal sealed class ClientSignInOptions
{
    public const string Section = "Guidance:ClientSignIn";

    public string? Authority { get; set; }

    public string? ClientId { get; set; }

    public string? ClientSecret { get; set; }

    /// <summary>The id token claim that carries the personal identity code (brokers name it differently).</summary>
    public string HetuClaim { get; set; } = "hetu";

    /// <summary>The broker's name on the sign-in button, e.g. "Suomi.fi".</summary>
    public string DisplayName { get; set; } = "Suomi.fi";

    /// <summary>How long a client's session lasts from the sign-in, however active: short, the record is sensitive.</summary>
    public TimeSpan SessionLifetime { get; set; } = TimeSpan.FromMinutes(15);

    public bool Enabled => Authority is { Length: > 0 } && ClientId is { Length: > 0 };

    /// <summary>Plain-http metadata only for a broker on this machine (tests, the demo's stand-in); else https.</summary>
    public bool IsLoopback => Uri.TryCreate(Authority, UriKind.Absolute, out var uri) && uri.IsLoopback;
}
