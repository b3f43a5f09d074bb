using Custodian.Privacy.Declarations;
using Custodian.Privacy.Declarations.Notices;
using System.Globalization;
using Custodian.Testing;
using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;

namespace Custodian.Privacy.Tests.Declarations;

/// <summary>
/// The Russian operator's one processing policy, generated from a test register set (two operators, a processor register
/// and a Finnish register), so nothing of the shipped texts is assumed.
/// </summary>
public sealed class OperatorPolicyTests
{
    private const string Inn = "7707083893";
    private const string OtherInn = "7736207543";

    private static string Register(string id, string role = "controller", string inn = Inn, string kpp = "773601001", string ogrn = "1027700132195",
        string name = "ООО «Ромашка»", string purpose = "Учёт заказов", string period = "P3Y", string effective = "2026-11-01",
        string contact = "privacy@romashka.example.ru", string extra = "") =>
        $$"""
        register: {{id}}
        title: { en: "Register {{id}}", ru: "Реестр {{id}}" }
        law: 152-fz
        effective: {{effective}}
        role: {{role}}
        {{(role == "processor"
            ? "controller:\n  name: { en: \"Each shop\", ru: \"Каждый магазин\" }\n  address: { en: \"As given\", ru: \"Указан в договоре\" }\n  contact: { en: \"Through the shop\", ru: \"Через магазин\" }\nprocessor:"
            : "controller:")}}
          name: { en: "OOO Romashka", ru: "{{name}}" }
          inn: "{{inn}}"
          kpp: "{{kpp}}"
          ogrn: "{{ogrn}}"
          address: { en: "Lenina 1, Moscow", ru: "г. Москва, ул. Ленина, д. 1" }
          contact: {{contact}}
        {{extra}}
        subjects:
          - { en: "Customers of {{id}}.", ru: "Клиенты {{id}}." }
        purposes:
          - id: main
            description: { en: "Purpose of {{id}}.", ru: "{{purpose}} ({{id}})." }
            legal_basis: 152fz-6-1-5
            categories: [orders]
        categories:
          - id: orders
            description: { en: "Orders of {{id}}.", ru: "Заказы {{id}}." }
            sensitivity: normal
            fields: [{{id}}_order]
            erasure: delete
            retention: { trigger: end-of-accounting-year, period: {{period}}, action: delete, note: { en: "Kept as 402-FZ requires.", ru: "Хранятся по 402-ФЗ ({{id}})." } }
        sources:
          - id: data-subject
            description: { en: "The customer of {{id}}.", ru: "Клиент {{id}}." }
        recipients:
          - name: { en: "Tax office", ru: "Налоговая инспекция {{id}}" }
            role: { en: "recipient by law", ru: "получатель в силу закона" }
            purpose: { en: "Reporting.", ru: "Отчётность." }
            location: { en: "Russian Federation", ru: "Российская Федерация" }
            categories: [orders]
        transfers:
          outside_territory: none
          statement: { en: "Stays in Russia.", ru: "Данные не покидают РФ ({{id}})." }
        security_measures:
          - { en: "Encrypted fields.", ru: "Шифрование полей ({{id}})." }
        rights: [access, erasure, complaint]
        """;

    private static RegisterCatalog Catalog(params (string Id, string Yaml)[] registers)
    {
        using var folder = new TemporaryFolder();
        foreach (var (id, yaml) in registers)
        {
            File.WriteAllText(Path.Combine(folder.Path, id + ".yaml"), yaml);
        }

        return RegisterCatalog.Load(folder.Path);
    }

    private static IReadOnlyList<DeclarationProblem> Problems(params (string Id, string Yaml)[] registers)
    {
        using var folder = new TemporaryFolder();
        foreach (var (id, yaml) in registers)
        {
            File.WriteAllText(Path.Combine(folder.Path, id + ".yaml"), yaml);
        }

        return RegisterCatalog.Validate(folder.Path).Problems;
    }

    private static RegisterCatalog TwoOperators() => Catalog(
        ("shop", Register("shop", purpose: "Продажа", period: "P3Y")),
        ("billing", Register("billing", purpose: "Выставление счетов", period: "P5Y", effective: "2026-12-01", contact: "billing@romashka.example.ru")),
        ("buyers", Register("buyers", role: "processor", purpose: "Показ отзывов", period: "P30D")),
        ("other", Register("other", inn: OtherInn, kpp: "773601001", ogrn: "1027700132195", name: "ООО «Другая»", purpose: "Чужая цель")));

    private static string Text(NoticeDocument policy) => NoticeRendering.ToMarkdown(policy);

    private static string Section(NoticeDocument policy, string id)
    {
        var section = policy.Sections.Single(s => s.Id == id);
        return string.Join("\n", section.Paragraphs.Concat(section.Items));
    }

    [Fact]
    public void The_registers_of_one_operator_are_grouped_by_its_inn_controllers_first()
    {
        var operators = TwoOperators().RussianOperators;

        Assert.Equal([Inn, OtherInn], operators.Select(o => o.Requisites.Inn));
        Assert.Equal(["billing", "shop", "buyers"], operators[0].Registers.Select(r => r.Id));
        Assert.Equal(new DateOnly(2026, 12, 1), operators[0].Effective);
    }

    [Fact]
    public void The_russian_policy_states_the_operators_requisites_from_the_registers()
    {
        var policy = OperatorPolicy.Build(TwoOperators().RussianOperators[0], "ru");

        var operatorSection = Section(policy, "operator");
        Assert.Contains("ООО «Ромашка»", operatorSection, StringComparison.Ordinal);
        Assert.Contains($"ИНН: {Inn}", operatorSection, StringComparison.Ordinal);
        Assert.Contains("КПП: 773601001", operatorSection, StringComparison.Ordinal);
        Assert.Contains("ОГРН: 1027700132195", operatorSection, StringComparison.Ordinal);
        Assert.Contains("г. Москва, ул. Ленина, д. 1", operatorSection, StringComparison.Ordinal);
        Assert.Contains("billing@romashka.example.ru", operatorSection, StringComparison.Ordinal);
        Assert.Contains("privacy@romashka.example.ru", operatorSection, StringComparison.Ordinal);
    }

    [Fact]
    public void The_policy_combines_each_registers_purposes_retention_and_subjects_and_leaves_out_another_operators()
    {
        var policy = OperatorPolicy.Build(TwoOperators().RussianOperators[0], "ru");

        Assert.Contains("Продажа (shop)", Section(policy, "purposes"), StringComparison.Ordinal);
        Assert.Contains("Выставление счетов (billing)", Section(policy, "purposes"), StringComparison.Ordinal);
        Assert.Contains("Показ отзывов (buyers)", Section(policy, "on-behalf"), StringComparison.Ordinal);
        Assert.Contains("по поручению Каждый магазин", Section(policy, "on-behalf"), StringComparison.Ordinal);
        var retention = Section(policy, "retention");
        Assert.Contains("Выставление счетов (billing) — Заказы billing: 5 лет после окончания отчётного года, затем данные удаляются — Хранятся по 402-ФЗ (billing).", retention, StringComparison.Ordinal);
        Assert.Contains("3 года после окончания отчётного года", retention, StringComparison.Ordinal);
        Assert.Contains("30 дней после окончания отчётного года", retention, StringComparison.Ordinal);
        Assert.All(["Клиенты shop.", "Клиенты billing.", "Клиенты buyers."], s => Assert.Contains(s, Section(policy, "subjects"), StringComparison.Ordinal));
        Assert.DoesNotContain("Чужая цель", Text(policy), StringComparison.Ordinal);
        Assert.DoesNotContain(OtherInn, Text(policy), StringComparison.Ordinal);
    }

    [Fact]
    public void Recipients_transfers_and_security_measures_come_from_every_register_once()
    {
        var policy = OperatorPolicy.Build(TwoOperators().RussianOperators[0], "ru");

        Assert.All(["shop", "billing", "buyers"], id =>
        {
            Assert.Contains($"Налоговая инспекция {id}", Section(policy, "recipients"), StringComparison.Ordinal);
            Assert.Contains($"Данные не покидают РФ ({id}).", Section(policy, "transfers"), StringComparison.Ordinal);
            Assert.Contains($"Шифрование полей ({id}).", Section(policy, "security"), StringComparison.Ordinal);
            Assert.Contains($"/privacy/{id}/request", Section(policy, "requests"), StringComparison.Ordinal);
        });
        Assert.Contains("Трансграничная передача не осуществляется.", Section(policy, "transfers"), StringComparison.Ordinal);
        Assert.Single(policy.Sections.Single(s => s.Id == "legal-grounds").Items);
    }

    [Fact]
    public void The_rights_state_the_periods_the_kernel_counts_requests_by()
    {
        var policy = OperatorPolicy.Build(TwoOperators().RussianOperators[0], "ru");

        var rights = Section(policy, "rights");
        Assert.Contains("в течение 10 рабочих дней", rights, StringComparison.Ordinal);
        Assert.Contains("продлён на 5 рабочих дней", rights, StringComparison.Ordinal);
        Assert.Contains("Право на доступ", rights, StringComparison.Ordinal);
        Assert.Contains("Роскомнадзор", rights, StringComparison.Ordinal);
    }

    [Fact]
    public void The_english_policy_has_the_same_sections_and_the_newest_effective_date()
    {
        var russianOperator = TwoOperators().RussianOperators[0];

        var english = OperatorPolicy.Build(russianOperator, "en");
        var russian = OperatorPolicy.Build(russianOperator, "ru");

        Assert.Equal(russian.Sections.Select(s => s.Id), english.Sections.Select(s => s.Id));
        Assert.Equal(russian.Version, english.Version);
        Assert.Contains("1 December 2026", Section(english, "general"), StringComparison.Ordinal);
        Assert.Contains("01.12.2026", Section(russian, "general"), StringComparison.Ordinal);
        Assert.Contains($"INN: {Inn}", Section(english, "operator"), StringComparison.Ordinal);
        Assert.Contains("Purpose of billing.", Section(english, "purposes"), StringComparison.Ordinal);
        Assert.Equal("Personal data processing policy: OOO Romashka", english.Title);
        Assert.Equal(("Operator", "Оператор"), (english.Sections[1].Heading, russian.Sections[1].Heading));
    }

    [Fact]
    public void A_change_in_any_register_of_the_operator_changes_the_policy_version()
    {
        var before = OperatorPolicy.Version(TwoOperators().RussianOperators[0]);
        var after = OperatorPolicy.Version(Catalog(
            ("shop", Register("shop", purpose: "Продажа", period: "P3Y")),
            ("billing", Register("billing", purpose: "Выставление счетов", period: "P6Y", effective: "2026-12-01", contact: "billing@romashka.example.ru")),
            ("buyers", Register("buyers", role: "processor", purpose: "Показ отзывов", period: "P30D"))).RussianOperators[0]);

        Assert.NotEqual(before, after);
    }

    [Fact]
    public void A_policy_in_finnish_is_refused()
    {
        var russianOperator = TwoOperators().RussianOperators[0];

        var error = Assert.Throws<ArgumentException>(() => OperatorPolicy.Build(russianOperator, "fi"));

        Assert.StartsWith("'fi' is not a policy language; use ru or en.", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("  inn: \"7707083893\"\n", "", "controller.inn", "is required: the operator's personal-data processing policy (152-FZ art. 18.1) states the operator's INN and OGRN")]
    [InlineData("  ogrn: \"1027700132195\"\n", "", "controller.ogrn", "is required: the operator's personal-data processing policy (152-FZ art. 18.1) states the operator's INN and OGRN")]
    [InlineData("  kpp: \"773601001\"\n", "", "controller.kpp", "is required for an organisation (10-digit INN): the policy states the operator's KPP")]
    [InlineData("inn: \"7707083893\"", "inn: \"7707083894\"", "controller.inn", "'7707083894' is not a valid INN: check digit 10 should be 3, not 4")]
    [InlineData("ogrn: \"1027700132195\"", "ogrn: \"1027700132196\"", "controller.ogrn", "'1027700132196' is not a valid OGRN: check digit should be 5, not 6")]
    [InlineData("kpp: \"773601001\"", "kpp: \"77360100\"", "controller.kpp", "'77360100' is not a valid KPP: must be 9 characters, got 8")]
    [InlineData("effective: 2026-11-01\n", "", "effective", "is required for a 152-FZ register: the operator's policy states the date it takes effect (YYYY-MM-DD)")]
    [InlineData("effective: 2026-11-01", "effective: 1.11.2026", "effective", "'1.11.2026' is not a date like 2026-12-07")]
    public void A_register_that_lacks_or_misstates_what_the_policy_needs_is_refused_at_start_up(string original, string replacement, string key, string message)
    {
        var yaml = Register("shop");
        Assert.Contains(original, yaml, StringComparison.Ordinal);

        var problem = Assert.Single(Problems(("shop", yaml.Replace(original, replacement, StringComparison.Ordinal))));

        Assert.Equal((key, message), (problem.Key, problem.Message));
    }

    [Fact]
    public void Two_registers_of_one_operator_that_disagree_on_its_name_are_refused_with_the_file_and_line()
    {
        var problems = Problems(("billing", Register("billing")), ("shop", Register("shop", name: "ООО «Ромашка-2»")));

        var problem = Assert.Single(problems);
        Assert.Equal(("shop.yaml", "controller.name"), (Path.GetFileName(problem.File), problem.Key));
        Assert.Equal(7, problem.Line); // the controller mapping starts at its first key
        Assert.StartsWith("differs from", problem.Message, StringComparison.Ordinal);
        Assert.Contains($"INN {Inn}", problem.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void An_entrepreneur_operator_gives_an_ogrnip_and_no_kpp()
    {
        var problems = Problems(("shop", Register("shop", inn: "500100732259", ogrn: "304500116000157").Replace("  kpp: \"773601001\"\n", "", StringComparison.Ordinal)));

        Assert.Empty(problems);
    }

    [Fact]
    public void Requisites_in_a_gdpr_register_are_refused()
    {
        var yaml = Register("shop").Replace("law: 152-fz", "law: gdpr", StringComparison.Ordinal)
            .Replace("ru:", "fi:", StringComparison.Ordinal).Replace("152fz-6-1-5", "gdpr-6-1-b", StringComparison.Ordinal);

        var problems = Problems(("shop", yaml));

        Assert.Contains(problems, p => p.Key == "controller.inn" && p.Message.StartsWith("is a Russian requisite", StringComparison.Ordinal));
    }

    [Fact]
    public void The_shipped_registers_make_one_policy_of_the_russian_operator_with_sellers_buyers_and_billing()
    {
        var catalog = RegisterCatalog.Load(Path.Combine(Repository.Root, "registers"));

        var russianOperator = Assert.Single(catalog.RussianOperators);

        Assert.Equal(["billing", "marketplace-sellers", "marketplace-buyers"], russianOperator.Registers.Select(r => r.Id));
        var policy = OperatorPolicy.Build(russianOperator, "ru");
        Assert.All(russianOperator.Registers.SelectMany(r => r.Purposes), p => Assert.Contains(p.Description.In("ru").TrimEnd('.'), Text(policy), StringComparison.Ordinal));
    }

    [Fact]
    public void The_pdf_carries_the_policy_text_in_russian_with_the_requisites()
    {
        var policy = OperatorPolicy.Build(TwoOperators().RussianOperators[0], "ru");

        using var document = UglyToad.PdfPig.PdfDocument.Open(NoticePdf.Render(policy));

        var text = string.Join(" ", document.GetPages().Select(p => string.Join(" ", p.GetWords().Select(w => w.Text))));
        Assert.Contains("Политика в отношении обработки", text, StringComparison.Ordinal);
        Assert.Contains($"ИНН: {Inn}", text, StringComparison.Ordinal);
        Assert.Contains("Выставление счетов (billing)", text, StringComparison.Ordinal);
        Assert.Contains(policy.Version, text, StringComparison.Ordinal);
        Assert.All(document.GetPages().SelectMany(p => p.Letters).Select(l => l.FontName).Distinct(), font => Assert.Contains("DejaVu", font, StringComparison.Ordinal));
    }

    /// <summary>An organisation's INN, KPP and OGRN with correct check digits, from random digits.</summary>
    private static Arbitrary<(string Inn, string Kpp, string Ogrn)> ValidRequisites() =>
        (from inn in Gen.ArrayOf(Gen.Choose(0, 9), 9)
         from kpp in Gen.ArrayOf(Gen.Choose(0, 9), 9)
         from first in Gen.Elements(1, 5)
         from ogrn in Gen.ArrayOf(Gen.Choose(0, 9), 11)
         select (WithCheckDigit(string.Concat(inn)), string.Concat(kpp), OgrnOf(first + string.Concat(ogrn)))).ToArbitrary();

    private static string WithCheckDigit(string nine) =>
        nine + (nine.Select((c, i) => (c - '0') * new[] { 2, 4, 10, 3, 5, 9, 4, 6, 8 }[i]).Sum() % 11 % 10).ToString(CultureInfo.InvariantCulture);

    private static string OgrnOf(string twelve) => twelve + (long.Parse(twelve, CultureInfo.InvariantCulture) % 11 % 10).ToString(CultureInfo.InvariantCulture);

    [Property(MaxTest = 40)]
    public Property Any_valid_requisites_reach_the_policy_and_a_changed_inn_check_digit_is_refused() =>
        Prop.ForAll(ValidRequisites(), Gen.Choose(1, 9).ToArbitrary(), (requisites, delta) =>
        {
            var (inn, kpp, ogrn) = requisites;
            var yaml = Register("shop", inn: inn, kpp: kpp, ogrn: ogrn);

            var policy = OperatorPolicy.Build(Assert.Single(Catalog(("shop", yaml)).RussianOperators), "ru");
            var changed = inn[..9] + (char)('0' + ((inn[9] - '0' + delta) % 10));
            var problems = Problems(("shop", yaml.Replace($"inn: \"{inn}\"", $"inn: \"{changed}\"", StringComparison.Ordinal)));

            Assert.Contains($"ИНН: {inn}", Section(policy, "operator"), StringComparison.Ordinal);
            Assert.Contains($"КПП: {kpp}", Section(policy, "operator"), StringComparison.Ordinal);
            Assert.Contains($"ОГРН: {ogrn}", Section(policy, "operator"), StringComparison.Ordinal);
            Assert.Equal("controller.inn", Assert.Single(problems).Key);
        });
}
