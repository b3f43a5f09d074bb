namespace Custodian.Privacy.Declarations.Notices;

/// <summary>
/// The fixed wording of a Russian operator's processing policy that notices do not already have (<see cref="NoticeWords"/>),
/// in English (the key) and Russian, the only languages the policy is published in.
/// </summary>
internal static class PolicyWords
{
    private static readonly Dictionary<string, string> Russian = new(StringComparer.Ordinal)
    {
        ["Personal data processing policy"] = "Политика в отношении обработки персональных данных",
        ["General provisions"] = "Общие положения",
        ["Operator"] = "Оператор",
        ["This policy sets out how {0} (the operator) processes personal data and protects it, as Federal Law No. 152-FZ of 27 July 2006 \"On Personal Data\" (art. 18.1) requires. It covers all processing of personal data by the operator in this service: {1}."] =
            "Настоящая политика определяет порядок обработки персональных данных и меры по обеспечению их безопасности в {0} (далее — оператор) в соответствии со ст. 18.1 Федерального закона от 27.07.2006 № 152-ФЗ «О персональных данных». Она распространяется на всю обработку персональных данных оператором в этом сервисе: {1}.",
        ["This version takes effect on {0} (version {1}). The policy is published at {2}; each change is published there before it takes effect."] =
            "Настоящая редакция действует с {0} (версия {1}). Политика опубликована по адресу {2}; каждое изменение публикуется там до вступления в силу.",
        ["INN"] = "ИНН",
        ["INN of the entrepreneur"] = "ИНН индивидуального предпринимателя",
        ["KPP"] = "КПП",
        ["OGRN"] = "ОГРН",
        ["OGRNIP"] = "ОГРНИП",
        ["Legal grounds for processing"] = "Правовые основания обработки персональных данных",
        ["The operator processes personal data only on the grounds listed in 152-FZ art. 6 part 1; for each purpose below the ground is named. Those the operator relies on:"] =
            "Оператор обрабатывает персональные данные только при наличии оснований, перечисленных в ч. 1 ст. 6 152-ФЗ; для каждой цели основание указано ниже. Оператор применяет следующие основания:",
        ["Processing on behalf of other operators"] = "Обработка по поручению других операторов",
        ["In these registers the operator processes personal data on another operator's instruction (152-FZ art. 6 part 3) and only for the purposes that operator set. Requests of the persons concerned are forwarded to that operator, who decides on them."] =
            "В этих реестрах оператор обрабатывает персональные данные по поручению другого оператора (ч. 3 ст. 6 152-ФЗ) и только в целях, определённых этим оператором. Обращения субъектов пересылаются этому оператору, который принимает по ним решение.",
        ["on behalf of"] = "по поручению",
        ["For each purpose, how long each kind of data is kept and what happens to it then:"] = "Для каждой цели — сроки обработки и хранения каждой категории данных и порядок их прекращения:",
        ["The operator takes the legal, organisational and technical measures of 152-FZ art. 18.1 and 19, among them:"] =
            "Оператор принимает правовые, организационные и технические меры, предусмотренные ст. 18.1 и 19 152-ФЗ, в том числе:",
        ["We answer a request within {0} working days of receipt; the period can be extended by {1} working days with a reasoned notice (152-FZ art. 14 part 3, art. 20). Inaccurate data is corrected within {2} working days of the proof (art. 20 part 3); after consent is withdrawn, processing stops and the data is destroyed within {3} days unless another legal ground allows keeping it (art. 21 part 5)."] =
            "Оператор отвечает на запрос в течение {0} рабочих дней с даты его получения; срок может быть продлён на {1} рабочих дней с направлением мотивированного уведомления (ч. 3 ст. 14, ст. 20 152-ФЗ). Неточные данные уточняются в течение {2} рабочих дней со дня представления подтверждающих сведений (ч. 3 ст. 20); после отзыва согласия обработка прекращается, а данные уничтожаются в течение {3} дней, если иное основание не позволяет их хранить (ч. 5 ст. 21).",
        ["How to make a request"] = "Как направить запрос",
        ["A request names the person and what they ask for; we may ask the person to confirm their identity before answering."] =
            "В запросе укажите, кто вы и что просите; перед ответом оператор может попросить подтвердить личность.",
        ["the form at"] = "форма по адресу",
        ["e-mail"] = "электронная почта",
        ["forwarded to the operator who decides"] = "пересылается оператору, который принимает решение",
        ["Generated from the register declarations"] = "Сформировано из деклараций реестров",
        ["Effective from"] = "Действует с",
    };

    public static string Phrase(string language, string english) =>
        language == "ru" ? Russian[english] : Russian.ContainsKey(english) ? english : throw new KeyNotFoundException(english);
}
