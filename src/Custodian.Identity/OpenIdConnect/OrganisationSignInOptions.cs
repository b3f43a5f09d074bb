namespace Custodian.Identity.OpenIdConnect;

/// <summary>
/// <c>Identity:OpenIdConnect:Staff</c>: the organisation's OpenID Connect provider for staff (the provider does the
/// second factor). Absent or without an authority: staff use password + TOTP only. The same shape, in another section,
/// serves other sign-ins later (e.g. the guidance clients' identification broker).
/// </summary>
internal sealed class OrganisationSignInOptions
{
    public const string StaffSection = "Identity:OpenIdConnect:Staff";

    public string? Authority { get; set; }

    public string? ClientId { get; set; }

    public string? ClientSecret { get; set; }

    /// <summary>The provider's name on the sign-in button, e.g. "Säätiö ID"; without it the page says "your organisation's account".</summary>
    public string? DisplayName { get; set; }

    /// <summary>An <c>amr</c> value the provider must report (e.g. <c>mfa</c>); empty: trust the provider's policy.</summary>
    public string? RequiredAmr { get; set; }

    public bool Enabled => Authority is { Length: > 0 } && ClientId is { Length: > 0 };

    /// <summary>Plain-http metadata only for a provider on this machine (tests, a local broker); else https.</summary>
    public bool IsLoopback => Uri.TryCreate(Authority, UriKind.Absolute, out var uri) && uri.IsLoopback;
}
