using System.Globalization;
using Custodian.Privacy.Declarations;

namespace Custodian.Privacy.Breaches;

/// <summary>A notification ready to be checked and sent: who it goes to, in which language, and its fields.</summary>
public sealed record BreachDraft(BreachNotice Notice, string Language, string Recipient, IReadOnlyList<(string Label, string Text)> Fields);

/// <summary>
/// Drafts of the notifications a breach requires, filled from the register entry and the declarations: the content of
/// GDPR art. 33(3) for the Data Protection Ombudsman, art. 34(2) for the people concerned, and 152-FZ art. 21 part
/// 3.1 for Roskomnadzor's initial notice and investigation results (in Russian).
/// </summary>
public static class BreachDrafts
{
    public static IReadOnlyList<BreachDraft> Build(BreachRecord breach, RegisterCatalog registers, IReadOnlyList<BreachClock> clocks)
    {
        ArgumentNullException.ThrowIfNull(breach);
        ArgumentNullException.ThrowIfNull(registers);
        ArgumentNullException.ThrowIfNull(clocks);
        var affected = breach.Registers.Split(' ', StringSplitOptions.RemoveEmptyEntries).Select(registers.Find).OfType<RegisterDeclaration>().ToList();
        var drafts = new List<BreachDraft>();
        foreach (var clock in clocks)
        {
            var law = clock.Notice is BreachNotice.RknInitial or BreachNotice.RknInvestigation ? Law.Fz152 : Law.Gdpr;
            var register = affected.First(r => r.Law == law);
            var categories = string.Join(", ", breach.Categories.Split(' ').Select(c => affected.Where(r => r.Law == law).Concat(affected).SelectMany(r => r.Categories).FirstOrDefault(d => d.Id == c) is { } d ? $"{d.Description.In(law == Law.Fz152 ? "ru" : "en")} ({c})" : c));
            drafts.Add(clock.Notice switch
            {
                BreachNotice.GdprAuthority => new BreachDraft(clock.Notice, "en", "Office of the Data Protection Ombudsman (tietosuoja.fi, breach notification)",
                [
                    ("Controller", Party(register.Controller, "en", withAddress: true)),
                    ("Contact point (DPO)", (register.Controller.ProtectionOfficer ?? register.Controller.Contact).In("en")),
                    ("Our reference", breach.Reference),
                    ("Became aware", Utc(breach.DetectedAtUtc)),
                    ("Occurred", breach.OccurredAtUtc is { } at ? Utc(at) : "being established"),
                    ("Nature of the breach", breach.Nature),
                    ("Categories of personal data", categories),
                    ("Approximate number of data subjects", Count(breach.ApproximateSubjects)),
                    ("Approximate number of records", Count(breach.ApproximateRecords)),
                    ("Likely consequences", breach.LikelyConsequences),
                    ("Measures taken", breach.MeasuresTaken),
                    ("Measures proposed", breach.MeasuresProposed ?? "—"),
                    ("Data subjects informed (art. 34)", breach.HighRiskToSubjects ? "yes, the risk to them is high" : "no, the risk to them is not high"),
                    ("Reasons for delay (if after 72 hours)", "—"),
                ]),
                BreachNotice.GdprSubjects => new BreachDraft(clock.Notice, "fi", "The people concerned (e-mail from the register's contact address)",
                [
                    ("Aihe / Subject", $"Tietojasi koskeva tietoturvaloukkaus / A personal data breach concerning you ({breach.Reference})"),
                    ("Mitä tapahtui / What happened", breach.Nature),
                    ("Mitä tietoja / Which data", categories),
                    ("Mahdolliset seuraukset / Likely consequences", breach.LikelyConsequences),
                    ("Mitä olemme tehneet / What we have done", breach.MeasuresTaken),
                    ("Mitä voit tehdä / What you can do", breach.MeasuresProposed ?? "Ole varovainen odottamattomien viestien kanssa / Be careful with unexpected messages."),
                    ("Yhteystiedot / Contact", (register.Controller.ProtectionOfficer ?? register.Controller.Contact).In("fi")),
                ]),
                BreachNotice.RknInitial => new BreachDraft(clock.Notice, "ru", "Роскомнадзор (pd.rkn.gov.ru, уведомление об инциденте)",
                [
                    ("Оператор", Party(register.Controller, "ru", withAddress: true)),
                    ("Номер инцидента у оператора", breach.Reference),
                    ("Дата и время выявления", Utc(breach.DetectedAtUtc)),
                    ("Описание инцидента", breach.Nature),
                    ("Предполагаемые причины", breach.Cause ?? "устанавливаются в ходе внутреннего расследования"),
                    ("Категории персональных данных", categories),
                    ("Примерное число субъектов", Count(breach.ApproximateSubjects)),
                    ("Предполагаемый вред правам субъектов", breach.LikelyConsequences),
                    ("Принятые меры по устранению последствий", breach.MeasuresTaken),
                    ("Лицо, уполномоченное на взаимодействие с Роскомнадзором", (register.Controller.ProtectionOfficer ?? register.Controller.Contact).In("ru")),
                ]),
                _ => new BreachDraft(clock.Notice, "ru", "Роскомнадзор (pd.rkn.gov.ru, результаты внутреннего расследования)",
                [
                    ("Оператор", Party(register.Controller, "ru", withAddress: false)),
                    ("Номер инцидента у оператора", breach.Reference),
                    ("Результаты внутреннего расследования: причины", breach.Cause ?? "—"),
                    ("Лица, действия которых стали причиной инцидента (при наличии)", "—"),
                    ("Принятые меры", breach.MeasuresTaken),
                    ("Планируемые меры", breach.MeasuresProposed ?? "—"),
                ]),
            });
        }

        return drafts;
    }

    /// <summary>Name, registration and (optionally) address in the draft's language.</summary>
    private static string Party(Party party, string language, bool withAddress) =>
        string.Join(", ", new[] { party.Name, party.RegistrationId, withAddress ? party.Address : null }.OfType<LocalisedText>().Select(t => t.In(language)));

    private static string Utc(DateTime at) => at.ToString("yyyy-MM-dd HH:mm 'UTC'", CultureInfo.InvariantCulture);

    private static string Count(int n) => n.ToString("N0", CultureInfo.InvariantCulture);
}
