namespace Custodian.Testing;

/// <summary>
/// How <see cref="LoopbackOpenIdProvider"/> spoils the id_token of its next token responses, for the application's
/// negative tests. Every mode changes one thing only: the rest of the token stays valid.
/// </summary>
public enum TokenTamper
{
    /// <summary>The id_token as OpenIddict issued it.</summary>
    None,

    /// <summary>Signed with an RSA key that is not in the JWKS (the header keeps the real key's kid).</summary>
    ForeignSignature,

    /// <summary>A nonce other than the one the authorization request sent, signed with the real key.</summary>
    WrongNonce,

    /// <summary>An audience other than the client id, signed with the real key.</summary>
    WrongAudience,

    /// <summary>Issued an hour ago and expired half an hour ago (well past any clock skew), signed with the real key.</summary>
    Expired,

    /// <summary>An issuer other than the provider's authority, signed with the real key.</summary>
    WrongIssuer,
}
