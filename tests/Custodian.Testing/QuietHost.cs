namespace Custodian.Testing;

/// <summary>
/// Settings that keep a test host to what the test does: no demo sellers seeded at start, no scheduled marketplace
/// sync in the background, no demo marketplace and Telegram stand-ins (tests that need them start their own).
/// </summary>
public static class QuietHost
{
    public static readonly IReadOnlyDictionary<string, string> Settings = new Dictionary<string, string>(StringComparer.Ordinal)
    {
        ["Demo:SeedOnStart"] = "false",
        ["Marketplace:Sync:Enabled"] = "false",
        ["Simulators:HttpStandIns"] = "false",
        ["Telegram:LoginWidget"] = "false", // its script comes from telegram.org, which tests cannot reach
    };

    public static IEnumerable<string> Args => Settings.Select(s => $"--{s.Key}={s.Value}");
}
