namespace Custodian.Privacy.Declarations;

/// <summary>How declaration values are written in YAML, JSON, pages and the CLI: kebab-case, laws as GDPR / 152-FZ.</summary>
public static class DeclarationNames
{
    /// <summary><c>LastActivity</c> → <c>last-activity</c>.</summary>
    public static string Of(Enum value)
    {
        ArgumentNullException.ThrowIfNull(value);
        return Kebab(value.ToString());
    }

    public static string Of(Law law) => law == Law.Gdpr ? "GDPR" : "152-FZ";

    /// <summary>
    /// The language a register's notice is written in besides English: Russian for 152-FZ (the operator's policy is
    /// published in the state language), Finnish for the GDPR registers of the Finnish controllers this service runs.
    /// </summary>
    public static string OwnLanguage(Law law) => law == Law.Fz152 ? "ru" : "fi";

    /// <summary>The language's name in English, for messages: ru → Russian.</summary>
    public static string LanguageName(string language) => language switch
    {
        "ru" => "Russian",
        "fi" => "Finnish",
        _ => "English",
    };

    public static string Kebab(string pascal)
    {
        ArgumentNullException.ThrowIfNull(pascal);
        return string.Concat(pascal.Select((c, i) => char.IsUpper(c) && i > 0 ? "-" + char.ToLowerInvariant(c) : char.ToLowerInvariant(c).ToString()));
    }
}
