namespace Custodian.Modules.Marketplace.Digest;

/// <summary>When the daily digest goes out (<c>Marketplace:Digest:*</c>).</summary>
internal sealed class DigestOptions
{
    public const string Section = "Marketplace:Digest";

    /// <summary>The Moscow hour from which yesterday's digest is sent (0–23); sellers read it with their morning coffee.</summary>
    public int SendHour { get; set; } = 9;

    /// <summary>How often the scheduler looks for digests due; zero or less turns the digest off in this deployment.</summary>
    public TimeSpan Every { get; set; } = TimeSpan.FromMinutes(10);
}
