namespace Custodian.Privacy.Abstractions.TechnicalAccess;

/// <summary>
/// One request's technical data: when, from which address and browser, what was answered and how many bytes. It names
/// the resource (e.g. <c>share-link:{id}</c>), never a person: it is kept apart from identity data and never joined with it.
/// </summary>
/// <param name="Register">The register that declares the <see cref="ITechnicalAccessLog.Category"/> category these visits fall under (and so their retention).</param>
public sealed record TechnicalVisit(string Register, string Resource, DateTimeOffset At, string? Address, string? Browser, int Status, long Bytes);

/// <summary>
/// The kernel's technical access store: visit data of pages that anyone may open (share links, embeds; later every
/// page), in a store of its own with its own short declared retention. Security work reads it from here.
/// </summary>
public interface ITechnicalAccessLog
{
    /// <summary>The category a register declares (with its retention) for the visits it records here.</summary>
    public const string Category = "technical-access";

    /// <summary>Records one visit (written in batches moments later; <see cref="ReadAsync"/> sees every visit recorded before it).</summary>
    /// <exception cref="InvalidOperationException">The register does not declare the <see cref="Category"/> category.</exception>
    Task RecordAsync(TechnicalVisit visit, CancellationToken cancellationToken);

    /// <summary>The visits of one resource since a moment, newest first.</summary>
    Task<IReadOnlyList<TechnicalVisit>> ReadAsync(string resource, DateTimeOffset since, int limit, CancellationToken cancellationToken);
}
