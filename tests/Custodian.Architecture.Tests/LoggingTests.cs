using System.Reflection;
using System.Text.RegularExpressions;
using Microsoft.Extensions.Logging;

namespace Custodian.Architecture.Tests;

public sealed partial class LoggingTests
{
    // Placeholder names that would put personal data or secrets into log lines. Use pseudonymous ids instead.
    private static readonly string[] PersonalOrSecret =
        ["email", "mail", "phone", "name", "hetu", "ssn", "inn", "address", "token", "password", "apikey", "secret", "connectionstring", "birth"];

    [Fact]
    public void No_log_template_carries_personal_data_or_secrets()
    {
        var templates = LogTemplates().ToList();
        Assert.NotEmpty(templates);

        var offending = templates
            .SelectMany(t => Placeholder().Matches(t.Message).Select(m => (t.Where, Placeholder: m.Groups[1].Value)))
            .Where(p => PersonalOrSecret.Any(word => p.Placeholder.Contains(word, StringComparison.OrdinalIgnoreCase)))
            .Select(p => $"{p.Where}: {{{p.Placeholder}}}")
            .ToList();

        Assert.Empty(offending);
    }

    [Fact]
    public void The_rule_would_catch_an_email_placeholder() =>
        Assert.Contains(PersonalOrSecret, word => "SellerEmail".Contains(word, StringComparison.OrdinalIgnoreCase));

    private static IEnumerable<(string Where, string Message)> LogTemplates() =>
        ProductionAssemblies.Load()
            .SelectMany(a => a.GetTypes())
            .SelectMany(t => t.GetMethods(BindingFlags.Static | BindingFlags.Instance | BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.DeclaredOnly))
            .Select(m => (Method: m, Attribute: m.GetCustomAttribute<LoggerMessageAttribute>()))
            .Where(x => x.Attribute is not null)
            .Select(x => ($"{x.Method.DeclaringType!.FullName}.{x.Method.Name}", x.Attribute!.Message));

    [GeneratedRegex(@"\{([A-Za-z0-9_]+)(?:[:,][^}]*)?\}")]
    private static partial Regex Placeholder();
}
