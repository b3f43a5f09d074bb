using System.Globalization;
using Custodian.Modules.Training.Enrolment;

namespace Custodian.Modules.Training.Tests;

/// <summary>Fictional people with valid temporary henkilötunnus codes (individual numbers 900–999, never issued to real people).</summary>
internal static class People
{
    private const string Checks = "0123456789ABCDEFHJKLMNPRSTUVWXY";

    /// <summary>A valid temporary HETU of someone born in 1990 (0 ≤ i &lt; 33 600).</summary>
    public static string Hetu(int i)
    {
        var day = 1 + (i % 28);
        var month = 1 + (i / 28 % 12);
        var individual = 900 + (i / 336 % 100);
        var number = long.Parse(string.Create(CultureInfo.InvariantCulture, $"{day:00}{month:00}90{individual:000}"), CultureInfo.InvariantCulture);
        return string.Create(CultureInfo.InvariantCulture, $"{day:00}{month:00}90-{individual:000}{Checks[(int)(number % 31)]}");
    }

    public static string Email(int i) => string.Create(CultureInfo.InvariantCulture, $"osallistuja{i}@example.fi");

    public static PersonInput Person(int i, string? email = null, string? phone = "040 123 4567") =>
        new("Aino", "Virtanen", Hetu(i), email ?? Email(i), phone, "Rakennus Oy", "1572860-0", "Työnjohtaja");
}
