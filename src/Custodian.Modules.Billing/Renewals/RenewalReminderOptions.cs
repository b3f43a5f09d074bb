using System.Globalization;

namespace Custodian.Modules.Billing.Renewals;

/// <summary>When billing reminds a payer to pay for the next period (<c>Billing:Reminders:*</c>).</summary>
internal sealed class RenewalReminderOptions
{
    public const string Section = "Billing:Reminders";

    /// <summary>Days before the paid time ends on which a reminder goes out, comma-separated (e.g. <c>7,1</c>); empty: none before the end.</summary>
    public string DaysBefore { get; set; } = "7,1";

    /// <summary>One more reminder on the first day of grace (the plan ended unpaid and runs on for its grace days).</summary>
    public bool OnFirstGraceDay { get; set; } = true;

    /// <summary>How long a reminder's renewal link works.</summary>
    public int LinkDays { get; set; } = 14;

    /// <summary>How often the reminders are looked for; zero turns them off.</summary>
    public TimeSpan Every { get; set; } = TimeSpan.FromHours(1);

    /// <summary>The days of <see cref="DaysBefore"/>, or null when one is not a whole number from 1 to 60.</summary>
    public IReadOnlyList<int>? Days()
    {
        var days = new List<int>();
        foreach (var part in DaysBefore.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            if (!int.TryParse(part, NumberStyles.None, CultureInfo.InvariantCulture, out var day) || day is < 1 or > 60)
            {
                return null;
            }

            days.Add(day);
        }

        return [.. days.Distinct().Order()];
    }
}
