namespace Custodian.Privacy.Abstractions.Hosting;

/// <summary>Where the host's shell shows a module's link.</summary>
public enum ShellPlace
{
    /// <summary>The header's main navigation, for everyone.</summary>
    MainNavigation,

    /// <summary>A card on the home page: title and one sentence.</summary>
    HomeCard,

    /// <summary>The operator console's index, for signed-in operators.</summary>
    OperatorConsole,

    /// <summary>A way to sign in, listed on the host's sign-in page.</summary>
    SignIn,
}

/// <summary>
/// A link an enabled module (or the kernel) puts into the host's shell, so the shell lists only what runs in this
/// deployment. <paramref name="Title"/> and <paramref name="Description"/> are English texts, the keys of the module's
/// own string resources (<paramref name="Texts"/> is their anchor type).
/// </summary>
/// <paramref name="Key"/> names the link in the page (its element id), for people's bookmarks of anchors and for tests.
public sealed record ShellLink(ShellPlace Place, string Href, string Title, Type Texts, string? Description = null, int Order = 0, string? Key = null);

/// <summary>
/// A page that embeds a third party's script and frame (e.g. the Telegram Login Widget) puts this into
/// <c>HttpContext.Items[ContentSecurityAllowance.ItemKey]</c>; the host widens that one response's Content-Security-Policy.
/// </summary>
public sealed record ContentSecurityAllowance(string ScriptSource, string FrameSource)
{
    public const string ItemKey = "custodian:csp-allowance";
}

/// <summary>
/// Set by a page that may be framed by other sites (an embedded dashboard) in <c>HttpContext.Items[FrameAncestorsAllowance.ItemKey]</c>:
/// the host answers that one response with <c>frame-ancestors</c> of these origins (space-separated; empty: none) and no <c>X-Frame-Options</c>.
/// </summary>
public sealed record FrameAncestorsAllowance(string Origins)
{
    public const string ItemKey = "custodian.frame-ancestors";
}
