using System.Threading.RateLimiting;
using Microsoft.Extensions.Options;

namespace Custodian.Modules.Marketplace.Sharing;

/// <summary>Settings of shared dashboards (<c>Marketplace:Sharing</c>).</summary>
internal sealed class SharingOptions
{
    public const string Section = "Marketplace:Sharing";

    /// <summary>Requests one link (or embed token's link) answers per minute before 429; a flood on one link cannot load the service.</summary>
    [System.ComponentModel.DataAnnotations.Range(1, 1_000_000)]
    public int RequestsPerMinute { get; set; } = 120;
}

/// <summary>A fixed window per link token (keyed before any database read), shared by the process.</summary>
internal sealed class ShareLinkLimits(IOptions<SharingOptions> options) : IDisposable
{
    private readonly PartitionedRateLimiter<string> _limiter = PartitionedRateLimiter.Create<string, string>(key => RateLimitPartition.GetFixedWindowLimiter(key, _ => new FixedWindowRateLimiterOptions
    {
        PermitLimit = options.Value.RequestsPerMinute,
        Window = TimeSpan.FromMinutes(1),
        QueueLimit = 0,
    }));

    /// <summary>Whether one more request on this link is allowed now.</summary>
    public bool Allow(string token)
    {
        using var lease = _limiter.AttemptAcquire(Convert.ToHexString(Privacy.Abstractions.Protection.OneTimeTokens.Hash(token)));
        return lease.IsAcquired;
    }

    public void Dispose() => _limiter.Dispose();
}
