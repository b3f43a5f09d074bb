using System.Globalization;
using Microsoft.EntityFrameworkCore;

namespace Custodian.Identity.Sessions;

/// <summary>One session in a person's list: device, address, when, and whether it is this browser's.</summary>
internal sealed record SessionView(Guid Id, string Device, string? IpAddress, string Method, DateTime CreatedAtUtc, DateTime LastSeenAtUtc, DateTime? EndedAtUtc, string? EndReason, bool Current);

/// <summary>A person's sessions: the open ones and those ended in the last 30 days (their own access log).</summary>
internal sealed class ListSessions(IdentityDb db, ServerSessions sessions, TimeProvider clock)
{
    public async Task<IReadOnlyList<SessionView>> ForAsync(string account, Guid? current, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        var since = now.AddDays(-30);
        var rows = await db.Sessions.AsNoTracking()
            .Where(s => s.Account == account && (s.EndedAtUtc == null || s.EndedAtUtc > since))
            .OrderByDescending(s => s.LastSeenAtUtc)
            .Take(100)
            .ToListAsync(cancellationToken);
        var views = new List<SessionView>(rows.Count);
        foreach (var s in rows)
        {
            views.Add(new SessionView(s.Id, s.Device ?? "—", await sessions.OpenAddressAsync(s, cancellationToken), s.Method, s.CreatedAtUtc, s.LastSeenAtUtc,
                s.EndedAtUtc ?? (s.ExpiresAtUtc <= now ? s.ExpiresAtUtc : null), s.EndedAtUtc is null && s.ExpiresAtUtc <= now ? "expired" : s.EndReason, s.Id == current));
        }

        return views;
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

    private static readonly TimeZoneInfo Helsinki = TimeZoneInfo.FindSystemTimeZoneById("Europe/Helsinki");
}
