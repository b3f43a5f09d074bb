using System.Globalization;
using Custodian.Privacy.Abstractions.Access;

namespace Custodian.Identity.Sessions;

/// <summary>One session in a person's list: device, address, when, and whether it is this browser's.</summary>
internal sealed record SessionView(Guid Id, string Device, string? IpAddress, string Method, DateTime CreatedAtUtc, DateTime LastSeenAtUtc, DateTime? EndedAtUtc, string? EndReason, bool Current);

/// <summary>A person's sessions: the open ones and those ended in the last 30 days (their own access log).</summary>
internal sealed class ListSessions(ServerSessions sessions, TimeProvider clock)
{
    private static readonly TimeZoneInfo Helsinki = TimeZoneInfo.FindSystemTimeZoneById("Europe/Helsinki");

    public async Task<IReadOnlyList<SessionView>> ForAsync(string account, Guid? current, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        var since = now.AddDays(-30);
        return [.. (await sessions.ListAsync(account, cancellationToken))
            .Select(s => s.EndedAtUtc is null && s.ExpiresAtUtc <= now ? s with { EndedAtUtc = s.ExpiresAtUtc, EndReason = "expired" } : s)
            .Where(s => s.EndedAtUtc is null || s.EndedAtUtc > since)
            .Take(100)
            .Select(s => new SessionView(s.Id, s.Device ?? "—", s.IpAddress, s.Method, s.SignedInAtUtc, s.LastSeenAtUtc, s.EndedAtUtc, s.EndReason, s.Id == current))];
    }

    /// <summary>A moment as people read it: Moscow time for Russian pages, Helsinki time otherwise, in the page's culture.</summary>
    public static string Show(DateTime utc)
    {
        var culture = CultureInfo.CurrentCulture;
        var utcValue = DateTime.SpecifyKind(utc, DateTimeKind.Utc);
        return culture.TwoLetterISOLanguageName == "ru"
            ? (utcValue + Privacy.Abstractions.Time.LocalDays.MoscowOffset).ToString("g", culture) + " МСК"
            : TimeZoneInfo.ConvertTimeFromUtc(utcValue, Helsinki).ToString("g", culture);
    }
}
