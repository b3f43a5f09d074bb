using Custodian.Privacy.Abstractions.Audit;
using Custodian.Privacy.Abstractions.Protection;
using Microsoft.EntityFrameworkCore;

namespace Custodian.Modules.Marketplace.Sharing;

/// <summary>
/// A seller's embedding settings: the origins that may frame their dashboards (<c>frame-ancestors</c>) and the secret
/// their site signs embed tokens with. A new secret is shown once and replaces the old one at once.
/// </summary>
internal sealed class ConfigureEmbedding(MarketplaceDb db, IPersonalDataVault vault, IAuditLog audit, ICurrentActor actor, TimeProvider clock)
{
    public const int MostOrigins = 10;

    public async Task<EmbedSettingsRecord?> SettingsAsync(Guid sellerId, CancellationToken cancellationToken) =>
        await db.EmbedSettings.AsNoTracking().FirstOrDefaultAsync(e => e.SellerId == sellerId, cancellationToken);

    /// <exception cref="MarketplaceInputException">An origin that is not https://host[:port] (http only for localhost), or too many.</exception>
    public async Task<IReadOnlyList<string>> SetOriginsAsync(Guid sellerId, string? text, CancellationToken cancellationToken)
    {
        var origins = (text ?? string.Empty).Split([' ', '\n', '\r', ',', '\t'], StringSplitOptions.RemoveEmptyEntries).Select(Origin).Distinct(StringComparer.Ordinal).ToList();
        if (origins.Count > MostOrigins)
        {
            throw new MarketplaceInputException("origins", "At most 10 sites may embed your dashboards.");
        }

        var settings = await SettingsForUpdateAsync(sellerId, cancellationToken);
        settings.AllowedOrigins = string.Join(" ", origins);
        settings.UpdatedAtUtc = clock.GetUtcNow().UtcDateTime;
        await db.SaveChangesAsync(cancellationToken);
        await AuditAsync(sellerId, "marketplace.embed.origins", cancellationToken);
        return origins;
    }

    /// <summary>A new secret (256 random bits, base64url), stored encrypted; the old one stops signing at once.</summary>
    public async Task<string> NewSecretAsync(Guid sellerId, CancellationToken cancellationToken)
    {
        var secret = OneTimeTokens.New().Token; // 256 random bits, base64url, as every token of the service
        var settings = await SettingsForUpdateAsync(sellerId, cancellationToken);
        settings.Secret = await vault.SealAsync(KeyScope.Subject(new SubjectId(await SubjectAsync(sellerId, cancellationToken))), SecretField(sellerId), secret, cancellationToken);
        settings.UpdatedAtUtc = clock.GetUtcNow().UtcDateTime;
        await db.SaveChangesAsync(cancellationToken);
        await AuditAsync(sellerId, "marketplace.embed.secret", cancellationToken);
        return secret;
    }

    /// <summary>The seller's current secret, or null when none was made (or it was shredded with the seller).</summary>
    public async Task<string?> SecretAsync(Guid sellerId, CancellationToken cancellationToken)
    {
        if (await SettingsAsync(sellerId, cancellationToken) is not { Secret: { } sealedSecret })
        {
            return null;
        }

        var opened = await vault.OpenAsync(sealedSecret, SecretField(sellerId), cancellationToken);
        return opened.IsErased ? null : opened.Value;
    }

    public static FieldAddress SecretField(Guid sellerId) => new("marketplace_embed_settings", "secret", sellerId.ToString("N"));

    /// <summary>An origin as CSP writes it: scheme, host and port only.</summary>
    private static string Origin(string text)
    {
        if (!Uri.TryCreate(text.Trim().TrimEnd('/'), UriKind.Absolute, out var uri)
            || !(uri.Scheme == Uri.UriSchemeHttps || (uri.Scheme == Uri.UriSchemeHttp && uri.IsLoopback))
            || uri.AbsolutePath != "/" || !string.IsNullOrEmpty(uri.Query) || !string.IsNullOrEmpty(uri.Fragment) || !string.IsNullOrEmpty(uri.UserInfo) || uri.Host.Contains('*', StringComparison.Ordinal))
        {
            throw new MarketplaceInputException("origins", "Each site is an address such as https://shop.example.ru, without a path.");
        }

        return uri.GetLeftPart(UriPartial.Authority).ToLowerInvariant();
    }

    private async Task<EmbedSettingsRecord> SettingsForUpdateAsync(Guid sellerId, CancellationToken cancellationToken)
    {
        if (await db.EmbedSettings.FirstOrDefaultAsync(e => e.SellerId == sellerId, cancellationToken) is { } existing)
        {
            return existing;
        }

        var created = new EmbedSettingsRecord { SellerId = sellerId };
        db.EmbedSettings.Add(created);
        return created;
    }

    private async Task<Guid> SubjectAsync(Guid sellerId, CancellationToken cancellationToken) =>
        await db.Sellers.AsNoTracking().Where(s => s.Id == sellerId).Select(s => (Guid?)s.SubjectId).FirstOrDefaultAsync(cancellationToken)
            ?? throw new MarketplaceInputException("seller", "No seller with this id.");

    private async Task AuditAsync(Guid sellerId, string action, CancellationToken cancellationToken) =>
        await audit.AppendAsync(new AuditEvent(actor.Actor, action, new SubjectId(await SubjectAsync(sellerId, cancellationToken)), "marketplace-sellers", "service-account", sellerId.ToString("N")), cancellationToken);
}
