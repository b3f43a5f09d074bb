namespace Custodian.Identity.Sessions;

/// <summary>
/// "Firefox · Windows": what a person needs to recognise a session, and no more (the full user-agent string is
/// not kept: it adds fingerprinting detail and nothing the person uses).
/// </summary>
internal static class DeviceLabel
{
    private static readonly (string Token, string Name)[] Browsers =
    [
        ("YaBrowser/", "Yandex Browser"), ("Edg/", "Edge"), ("OPR/", "Opera"), ("Firefox/", "Firefox"),
        ("Chromium/", "Chromium"), ("Chrome/", "Chrome"), ("Safari/", "Safari"),
    ];

    private static readonly (string Token, string Name)[] Systems =
    [
        ("Android", "Android"), ("iPhone", "iOS"), ("iPad", "iPadOS"), ("Windows", "Windows"), ("Mac OS X", "macOS"),
        ("CrOS", "ChromeOS"), ("Linux", "Linux"),
    ];

    public static string From(string? userAgent)
    {
        if (string.IsNullOrWhiteSpace(userAgent))
        {
            return "—";
        }

        var browser = Browsers.FirstOrDefault(b => userAgent.Contains(b.Token, StringComparison.Ordinal)).Name;
        var system = Systems.FirstOrDefault(s => userAgent.Contains(s.Token, StringComparison.Ordinal)).Name;
        return (browser, system) switch
        {
            (null, null) => "—",
            (null, _) => system!,
            (_, null) => browser,
            _ => browser + " · " + system,
        };
    }
}
