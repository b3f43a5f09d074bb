using Custodian.Privacy.Declarations;

namespace Custodian.Privacy.Breaches;

/// <summary>One notification a breach requires: when it is due, and when it was sent.</summary>
public sealed record BreachClock(BreachNotice Notice, DateTime DueAtUtc, DateTime? DoneAtUtc)
{
    public bool Done => DoneAtUtc is not null;

    public bool OverdueAt(DateTime nowUtc) => DoneAtUtc is null ? nowUtc > DueAtUtc : DoneAtUtc > DueAtUtc;
}

/// <summary>
/// The statutory clocks of a breach, from the laws of the registers it touches: GDPR art. 33 (authority, 72 h from
/// awareness, unless unlikely to result in a risk) and art. 34 (people, without undue delay when the risk is high;
/// tracked against the same 72 h); 152-FZ art. 21 part 3.1 (Roskomnadzor: initial notice in 24 h, investigation
/// results in 72 h).
/// </summary>
public static class BreachClocks
{
    public static IReadOnlyList<BreachClock> Of(BreachRecord breach, RegisterCatalog registers)
    {
        ArgumentNullException.ThrowIfNull(breach);
        ArgumentNullException.ThrowIfNull(registers);
        var laws = breach.Registers.Split(' ', StringSplitOptions.RemoveEmptyEntries).Select(registers.Find).OfType<RegisterDeclaration>().Select(r => r.Law).ToHashSet();
        var detected = breach.DetectedAtUtc;
        var clocks = new List<BreachClock>();
        if (laws.Contains(Law.Gdpr) && breach.NoRiskReason is null)
        {
            clocks.Add(new BreachClock(BreachNotice.GdprAuthority, detected.AddHours(72), breach.GdprAuthorityNotifiedAtUtc));
        }

        if (laws.Contains(Law.Gdpr) && breach.HighRiskToSubjects)
        {
            clocks.Add(new BreachClock(BreachNotice.GdprSubjects, detected.AddHours(72), breach.GdprSubjectsNotifiedAtUtc));
        }

        if (laws.Contains(Law.Fz152))
        {
            clocks.Add(new BreachClock(BreachNotice.RknInitial, detected.AddHours(24), breach.RknInitialNotifiedAtUtc));
            clocks.Add(new BreachClock(BreachNotice.RknInvestigation, detected.AddHours(72), breach.RknInvestigationNotifiedAtUtc));
        }

        return clocks;
    }
}
