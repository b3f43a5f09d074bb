using System.Globalization;

namespace Custodian.Privacy.Declarations.Notices;

/// <summary>
/// The fixed wording of generated notices in en / fi / ru: headings, statutory phrases, rights, retention triggers
/// and actions. Everything register-specific comes from the declaration itself.
/// </summary>
internal static class NoticeWords
{
    public static readonly IReadOnlyList<string> Languages = ["en", "fi", "ru"];

    private static readonly Dictionary<string, (string Fi, string Ru)> Phrases = new(StringComparer.Ordinal)
    {
        ["Privacy policy"] = ("Tietosuojaseloste", "Политика в отношении обработки персональных данных"),
        ["Privacy notice"] = ("Tietosuojaseloste", "Уведомление об обработке персональных данных"),
        ["Controller"] = ("Rekisterinpitäjä", "Оператор"),
        ["Processor"] = ("Henkilötietojen käsittelijä", "Лицо, осуществляющее обработку по поручению оператора"),
        ["Registration"] = ("Tunniste", "Регистрационные данные"),
        ["Address"] = ("Osoite", "Адрес"),
        ["Contact"] = ("Yhteystiedot", "Контакты"),
        ["Data protection officer"] = ("Tietosuojavastaava", "Инспектор по защите данных"),
        ["Person responsible for the organisation of personal data processing"] = ("Henkilötietojen käsittelyn järjestämisestä vastaava henkilö", "Лицо, ответственное за организацию обработки персональных данных"),
        ["(in English)"] = ("(englanniksi)", "(на английском языке)"),
        ["Purposes and legal bases"] = ("Käsittelyn tarkoitukset ja oikeusperusteet", "Цели и правовые основания обработки"),
        ["Data subjects"] = ("Rekisteröidyt", "Категории субъектов персональных данных"),
        ["Personal data processed"] = ("Käsiteltävät henkilötiedot", "Категории обрабатываемых персональных данных"),
        ["Special category (GDPR art. 9 / 152-FZ art. 10)"] = ("Erityinen henkilötietoryhmä (GDPR 9 art.)", "Специальная категория (ст. 10 152-ФЗ)"),
        ["Identification number: stored encrypted, searched only by a keyed hash"] = ("Henkilötunnus tai muu tunniste: tallennetaan salattuna, haetaan vain avaimellisella tiivisteellä", "Идентификатор: хранится зашифрованным, поиск только по ключевому хешу"),
        ["Sources of the data"] = ("Tietolähteet", "Источники персональных данных"),
        ["Actions and methods of processing"] = ("Käsittelytoimet ja -tavat", "Действия с персональными данными и способы обработки"),
        ["Recipients"] = ("Vastaanottajat ja henkilötietojen käsittelijät", "Получатели и лица, обрабатывающие данные по поручению"),
        ["Transfers outside the territory"] = ("Siirrot EU:n tai ETA:n ulkopuolelle", "Локализация и трансграничная передача"),
        ["Retention"] = ("Säilytysajat", "Сроки обработки и хранения"),
        ["Erasure and destruction"] = ("Tietojen poistaminen", "Уничтожение персональных данных"),
        ["Your rights and how to use them"] = ("Oikeutesi ja niiden käyttäminen", "Права субъекта и порядок их реализации"),
        ["Security measures"] = ("Tietoturva", "Меры по обеспечению безопасности"),
        ["Automated decisions"] = ("Automaattinen päätöksenteko", "Автоматизированное принятие решений"),
        ["No decision with legal or similarly significant effects is made on you by automated means alone, and no profiling is done for such decisions."] =
            ("Sinua koskevia päätöksiä, joilla on oikeusvaikutuksia tai vastaavia merkittäviä vaikutuksia, ei tehdä pelkästään automaattisesti, eikä profilointia käytetä sellaisiin päätöksiin.",
             "Решения, порождающие юридические последствия или иным образом затрагивающие ваши права, исключительно автоматизированно не принимаются; профилирование для таких решений не проводится."),
        ["Collection, recording, organisation, accumulation, storage, adaptation (updating, correction), retrieval, use, transfer (provision, access), restriction, erasure and destruction."] =
            ("Keruu, tallentaminen, järjestäminen, säilyttäminen, päivittäminen ja oikaiseminen, haku, käyttö, luovuttaminen, käsittelyn rajoittaminen, poistaminen ja hävittäminen.",
             "Сбор, запись, систематизация, накопление, хранение, уточнение (обновление, изменение), извлечение, использование, передача (предоставление, доступ), блокирование, удаление, уничтожение."),
        ["Automated processing with transfer over internal networks; personal fields are encrypted in the database."] =
            ("Automaattinen käsittely tietoverkoissa; henkilötietokentät on salattu tietokannassa.",
             "Автоматизированная обработка с передачей по внутренним сетям; поля с персональными данными зашифрованы в базе данных."),
        ["When a retention period ends, the data is deleted, or anonymised irreversibly (direct identifiers removed, aggregates kept), or reviewed, as stated above. Data of a subject who asks for erasure is erased unless the law requires keeping it; such records are restricted and the subject is told why. Each subject's data is encrypted with their own key; destroying the key makes every copy, including backups, unreadable."] =
            ("Kun säilytysaika päättyy, tiedot poistetaan, anonymisoidaan peruuttamattomasti (suorat tunnisteet poistetaan, koostetiedot säilyvät) tai arvioidaan uudelleen kuten yllä kerrotaan. Poistopyynnön tehneen tiedot poistetaan, ellei laki edellytä niiden säilyttämistä; tällöin niiden käsittelyä rajoitetaan ja syy kerrotaan. Kunkin rekisteröidyn tiedot salataan hänen omalla avaimellaan; avaimen hävittäminen tekee kaikki kopiot, myös varmuuskopiot, lukukelvottomiksi.",
             "По истечении срока данные удаляются, необратимо обезличиваются (прямые идентификаторы удаляются, агрегаты сохраняются) или пересматриваются, как указано выше. Данные субъекта, потребовавшего удаления, уничтожаются, если закон не требует их хранить; такие данные блокируются, и субъекту сообщается причина. Данные каждого субъекта зашифрованы его собственным ключом; уничтожение ключа делает нечитаемыми все копии, включая резервные. Об уничтожении составляется акт, который хранится три года (приказ Роскомнадзора № 179)."),
        ["Make a request through the form at"] = ("Tee pyyntö lomakkeella osoitteessa", "Подайте запрос через форму по адресу"),
        ["or write to"] = ("tai kirjoita osoitteeseen", "или напишите на"),
        ["We answer within one month of receipt; if the request is complex, the period can be extended by two further months, and you will be told why within the first month."] =
            ("Vastaamme kuukauden kuluessa pyynnön saapumisesta; monimutkaisissa tapauksissa aikaa voidaan jatkaa kahdella kuukaudella, ja kerromme syyn ensimmäisen kuukauden aikana.",
             "Мы отвечаем в течение одного месяца; срок может быть продлён на два месяца с объяснением причин."),
        ["We answer within 10 working days of receipt; the period can be extended by 5 working days with a reasoned notice."] =
            ("Vastaamme 10 työpäivän kuluessa; aikaa voidaan jatkaa 5 työpäivällä perustellulla ilmoituksella.",
             "Мы отвечаем в течение 10 рабочих дней с даты получения запроса; срок может быть продлён на 5 рабочих дней с направлением мотивированного уведомления."),
        ["Nothing is sent to a recipient outside the territory."] = ("Tietoja ei siirretä EU:n tai ETA:n ulkopuolelle.", "Трансграничная передача не осуществляется."),
        ["Legal basis"] = ("Oikeusperuste", "Правовое основание"),
        ["Data"] = ("Tiedot", "Данные"),
        ["Purpose"] = ("Tarkoitus", "Цель"),
        ["Location"] = ("Sijainti", "Местонахождение"),
        ["Version"] = ("Versio", "Версия"),
        ["Generated from the register declaration"] = ("Luotu rekisterin kuvauksesta", "Сформировано из декларации реестра"),
        ["This register is kept on behalf of a controller. Requests are forwarded to the controller, who decides on them."] =
            ("Rekisteriä pidetään rekisterinpitäjän lukuun. Pyynnöt välitetään rekisterinpitäjälle, joka päättää niistä.",
             "Реестр ведётся по поручению оператора. Запросы пересылаются оператору, который принимает по ним решение."),
        ["Record of processing activities"] = ("Seloste käsittelytoimista", "Реестр операций по обработке"),
        ["Role"] = ("Rooli", "Роль"),
        ["controller"] = ("rekisterinpitäjä", "оператор"),
        ["processor"] = ("käsittelijä", "обработчик по поручению"),
        ["after"] = ("kuluttua tapahtumasta", "после события"),
        ["then"] = ("sitten", "затем"),
    };

    private static readonly Dictionary<string, (string En, string Fi, string Ru)> Rights = new(StringComparer.Ordinal)
    {
        ["access"] = ("Access: a copy of your data and how it is used (GDPR art. 15; 152-FZ art. 14).", "Tarkastusoikeus: kopio tiedoistasi ja tieto niiden käytöstä (GDPR 15 art.).", "Право на доступ: получить сведения об обработке и копию данных (ст. 14 152-ФЗ)."),
        ["rectification"] = ("Rectification: have wrong or incomplete data corrected (GDPR art. 16; 152-FZ art. 14, 21).", "Oikaisuoikeus: virheellisten tai puutteellisten tietojen korjaaminen (GDPR 16 art.).", "Право на уточнение неполных, устаревших или неточных данных (ст. 14, 21 152-ФЗ)."),
        ["erasure"] = ("Erasure: have your data deleted when there is no legal reason to keep it (GDPR art. 17; 152-FZ art. 14, 21).", "Poisto-oikeus: tietojen poistaminen, kun niiden säilyttämiselle ei ole perustetta (GDPR 17 art.).", "Право требовать уничтожения данных, если нет законных оснований для их хранения (ст. 14, 21 152-ФЗ)."),
        ["restriction"] = ("Restriction: limit processing to storage while a question is settled (GDPR art. 18; 152-FZ art. 21 — blocking).", "Oikeus käsittelyn rajoittamiseen (GDPR 18 art.).", "Право требовать блокирования данных (ст. 21 152-ФЗ)."),
        ["objection"] = ("Objection: to processing based on legitimate interests, and at any time to direct marketing (GDPR art. 21; 152-FZ art. 15).", "Vastustamisoikeus: oikeutettuun etuun perustuva käsittely ja suoramarkkinointi milloin tahansa (GDPR 21 art.).", "Право возразить против обработки, в том числе в целях продвижения товаров и услуг (ст. 15 152-ФЗ)."),
        ["portability"] = ("Portability: your data in a machine-readable form (JSON, CSV) (GDPR art. 20).", "Oikeus siirtää tiedot järjestelmästä toiseen koneluettavassa muodossa (GDPR 20 art.).", "Получение данных в машиночитаемом виде (JSON, CSV)."),
        ["withdraw-consent"] = ("Withdrawal of consent at any time, as easily as it was given; it does not affect earlier processing (GDPR art. 7(3); 152-FZ art. 9 part 2).", "Suostumuksen peruuttaminen milloin tahansa yhtä helposti kuin se annettiin (GDPR 7(3) art.).", "Отзыв согласия в любой момент (ч. 2 ст. 9 152-ФЗ)."),
        ["complaint"] = ("Complaint to the supervisory authority: in Finland the Data Protection Ombudsman (tietosuoja.fi); in Russia Roskomnadzor (rkn.gov.ru).", "Oikeus tehdä valitus valvontaviranomaiselle: tietosuojavaltuutetun toimisto (tietosuoja.fi).", "Право обжаловать действия оператора в Роскомнадзор (rkn.gov.ru) или в суд (ст. 17 152-ФЗ)."),
    };

    private static readonly Dictionary<string, (string Fi, string Ru)> Bases = new(StringComparer.Ordinal)
    {
        ["gdpr-6-1-a"] = ("GDPR 6 art. 1 a: suostumus", "GDPR ст. 6(1)(a): согласие"),
        ["gdpr-6-1-b"] = ("GDPR 6 art. 1 b: sopimus rekisteröidyn kanssa", "GDPR ст. 6(1)(b): договор с субъектом"),
        ["gdpr-6-1-c"] = ("GDPR 6 art. 1 c: lakisääteinen velvoite", "GDPR ст. 6(1)(c): обязанность по закону"),
        ["gdpr-6-1-d"] = ("GDPR 6 art. 1 d: elintärkeät edut", "GDPR ст. 6(1)(d): жизненно важные интересы"),
        ["gdpr-6-1-e"] = ("GDPR 6 art. 1 e: yleistä etua koskeva tehtävä tai julkinen valta", "GDPR ст. 6(1)(e): публичная задача"),
        ["gdpr-6-1-f"] = ("GDPR 6 art. 1 f: oikeutettu etu", "GDPR ст. 6(1)(f): законные интересы"),
        ["gdpr-9-2-a"] = ("GDPR 9 art. 2 a: nimenomainen suostumus", "GDPR ст. 9(2)(a): явно выраженное согласие"),
        ["gdpr-9-2-b"] = ("GDPR 9 art. 2 b: työoikeus ja sosiaaliturva", "GDPR ст. 9(2)(b): трудовое право и социальное обеспечение"),
        ["gdpr-9-2-f"] = ("GDPR 9 art. 2 f: oikeusvaateet", "GDPR ст. 9(2)(f): правовые требования"),
        ["gdpr-9-2-g"] = ("GDPR 9 art. 2 g: tärkeä yleinen etu", "GDPR ст. 9(2)(g): существенный общественный интерес"),
        ["gdpr-9-2-h"] = ("GDPR 9 art. 2 h: terveyden- tai sosiaalihuolto", "GDPR ст. 9(2)(h): здравоохранение или социальная помощь"),
        ["152fz-6-1-1"] = ("152-FZ 6 art. 1 kohta 1: rekisteröidyn suostumus", "п. 1 ч. 1 ст. 6 152-ФЗ: согласие субъекта"),
        ["152fz-6-1-2"] = ("152-FZ 6 art. 1 kohta 2: laissa säädetyt tehtävät", "п. 2 ч. 1 ст. 6 152-ФЗ: исполнение функций и обязанностей, возложенных законом"),
        ["152fz-6-1-5"] = ("152-FZ 6 art. 1 kohta 5: sopimus rekisteröidyn kanssa", "п. 5 ч. 1 ст. 6 152-ФЗ: исполнение договора с субъектом"),
        ["152fz-6-1-7"] = ("152-FZ 6 art. 1 kohta 7: rekisterinpitäjän oikeutetut edut", "п. 7 ч. 1 ст. 6 152-ФЗ: права и законные интересы оператора"),
        ["152fz-10-2-1"] = ("152-FZ 10 art. 2 kohta 1: kirjallinen suostumus", "п. 1 ч. 2 ст. 10 152-ФЗ: письменное согласие"),
    };

    private static readonly Dictionary<string, (string En, string Fi, string Ru)> Triggers = new(StringComparer.Ordinal)
    {
        ["collected"] = ("collection", "keräämisestä", "сбора"),
        ["last-activity"] = ("the last activity", "viimeisestä asioinnista", "последней активности"),
        ["account-closed"] = ("the account is closed", "tilin sulkemisesta", "закрытия учётной записи"),
        ["contract-ended"] = ("the contract ends", "sopimuksen päättymisestä", "прекращения договора"),
        ["consent-withdrawn"] = ("consent is withdrawn", "suostumuksen peruuttamisesta", "отзыва согласия"),
        ["exam-date"] = ("the exam date", "koepäivästä", "даты экзамена"),
        ["certificate-expired"] = ("the certificate expires", "todistuksen voimassaolon päättymisestä", "истечения срока действия удостоверения"),
        ["course-not-attended"] = ("a course the person did not attend", "kurssista, jolle henkilö ei osallistunut", "курса, на который человек не пришёл"),
        ["case-closed"] = ("the case is closed", "asiakkuuden päättymisestä", "закрытия дела"),
        ["end-of-accounting-year"] = ("the end of the accounting year", "tilikauden päättymisestä", "окончания отчётного года"),
        ["controller-instruction"] = ("the controller's instruction", "rekisterinpitäjän ohjeesta", "указания оператора"),
    };

    private static readonly Dictionary<string, (string En, string Fi, string Ru)> Actions = new(StringComparer.Ordinal)
    {
        ["delete"] = ("deleted", "poistetaan", "удаляются"),
        ["anonymise"] = ("anonymised", "anonymisoidaan", "обезличиваются"),
        ["review"] = ("reviewed", "arvioidaan uudelleen", "пересматриваются"),
    };

    public static string Phrase(string language, string english) =>
        language switch
        {
            "fi" => Phrases[english].Fi,
            "ru" => Phrases[english].Ru,
            _ => Phrases.ContainsKey(english) ? english : throw new KeyNotFoundException(english),
        };

    public static string Right(string language, string right) => Pick(language, Rights[right]);

    /// <summary>
    /// A declared text in the language; a text only the register's own language and English are required in falls
    /// back to English, marked as such ("(in English)" in the language asked for).
    /// </summary>
    public static string Text(string language, LocalisedText text)
    {
        ArgumentNullException.ThrowIfNull(text);
        return text.Has(language) ? text.In(language) : $"{text.In("en")} {Phrase(language, "(in English)")}";
    }

    /// <summary>What the law calls the person a notice names for questions about personal data (152-FZ art. 22.1; GDPR art. 37).</summary>
    public static string ProtectionOfficer(string language, Law law) =>
        Phrase(language, law == Law.Fz152 ? "Person responsible for the organisation of personal data processing" : "Data protection officer");

    public static string Basis(string language, LegalBasis basis)
    {
        ArgumentNullException.ThrowIfNull(basis);
        return language switch
        {
            "fi" => Bases[basis.Code].Fi,
            "ru" => Bases[basis.Code].Ru,
            _ => basis.Description,
        };
    }

    /// <summary>"3 years after the account is closed, then deleted", in the language.</summary>
    public static string Retention(string language, RetentionRule rule)
    {
        ArgumentNullException.ThrowIfNull(rule);
        var trigger = Pick(language, Triggers[DeclarationNames.Of(rule.Trigger)]);
        var action = Pick(language, Actions[DeclarationNames.Of(rule.Action)]);
        var period = Duration(language, rule.Period);
        return language switch
        {
            "fi" => $"{period} {trigger}, sitten tiedot {action}",
            "ru" => $"{period} после {trigger}, затем данные {action}",
            _ => $"{period} after {trigger}, then {action}",
        };
    }

    public static string Duration(string language, Period period)
    {
        ArgumentNullException.ThrowIfNull(period);
        var parts = new List<string>();
        if (period.Years > 0)
        {
            parts.Add(Count(language, period.Years, ("year", "years"), ("vuosi", "vuotta"), ("год", "года", "лет")));
        }

        if (period.Months > 0)
        {
            parts.Add(Count(language, period.Months, ("month", "months"), ("kuukausi", "kuukautta"), ("месяц", "месяца", "месяцев")));
        }

        if (period.Days > 0 || parts.Count == 0)
        {
            parts.Add(Count(language, period.Days, ("day", "days"), ("päivä", "päivää"), ("день", "дня", "дней")));
        }

        return string.Join(" ", parts);
    }

    private static string Count(string language, int n, (string One, string Many) en, (string One, string Many) fi, (string One, string Few, string Many) ru)
    {
        var number = n.ToString(CultureInfo.InvariantCulture);
        return language switch
        {
            "fi" => $"{number} {(n == 1 ? fi.One : fi.Many)}",
            "ru" => $"{number} {(n % 10 == 1 && n % 100 != 11 ? ru.One : n % 10 is >= 2 and <= 4 && n % 100 is < 12 or > 14 ? ru.Few : ru.Many)}",
            _ => $"{number} {(n == 1 ? en.One : en.Many)}",
        };
    }

    private static string Pick(string language, (string En, string Fi, string Ru) text) => language switch
    {
        "fi" => text.Fi,
        "ru" => text.Ru,
        _ => text.En,
    };
}
