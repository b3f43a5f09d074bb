namespace Custodian.Identity.Sessions;

/// <summary><c>Identity:Sessions</c>: how long sessions live and how long a check of one is trusted.</summary>
internal sealed class SessionOptions
{
    public const string Section = "Identity:Sessions";

    /// <summary>A session unused this long ends.</summary>
    public TimeSpan IdleTimeout { get; set; } = TimeSpan.FromHours(8);

    /// <summary>A staff session ends this long after sign-in, used or not.</summary>
    public TimeSpan StaffLifetime { get; set; } = TimeSpan.FromHours(12);

    /// <summary>Any other person's session ends this long after sign-in.</summary>
    public TimeSpan PeopleLifetime { get; set; } = TimeSpan.FromDays(14);

    /// <summary>
    /// How long an instance trusts its last look at a session. The instance that ends a session forgets it at once;
    /// other instances notice within this time.
    /// </summary>
    public TimeSpan CheckCache { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>Ended sessions (the access log) are deleted this long after they ended (the registers declare a year).</summary>
    public TimeSpan KeepEnded { get; set; } = TimeSpan.FromDays(365);
}
