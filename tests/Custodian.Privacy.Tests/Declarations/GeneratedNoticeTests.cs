using Custodian.Privacy.Declarations;
using Custodian.Privacy.Declarations.Notices;
using Custodian.Testing;

namespace Custodian.Privacy.Tests.Declarations;

public sealed class GeneratedNoticeTests
{
    private static readonly RegisterCatalog Catalog = RegisterCatalog.Load(Path.Combine(Repository.Root, "registers"));

    public static TheoryData<string, string> EveryRegisterInEveryLanguage()
    {
        var data = new TheoryData<string, string>();
        foreach (var register in Catalog.Registers)
        {
            foreach (var language in new[] { "en", "fi", "ru" })
            {
                data.Add(register.Id, language);
            }
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(EveryRegisterInEveryLanguage))]
    public void A_notice_lists_every_declared_purpose_category_recipient_retention_rule_and_right(string id, string language)
    {
        var register = Catalog.Find(id)!;

        var notice = PrivacyNotice.Build(register, language);
        var text = NoticeRendering.ToMarkdown(notice);

        Assert.All(register.Purposes, p => Assert.Contains(p.Description.In(language), Section(notice, "purposes"), StringComparison.Ordinal));
        Assert.All(register.Categories, c => Assert.Contains(string.Join(", ", c.Fields), Section(notice, "categories"), StringComparison.Ordinal));
        Assert.All(register.Categories, c => Assert.Contains(NoticeWords.Retention(language, c.Retention), Section(notice, "retention"), StringComparison.Ordinal));
        Assert.All(register.Recipients, r => Assert.Contains(r.Name.In(language), Section(notice, "recipients"), StringComparison.Ordinal));
        Assert.All(register.Subjects, s => Assert.Contains(s.In(language), Section(notice, "subjects"), StringComparison.Ordinal));
        Assert.Equal(register.Rights.Count, notice.Sections.Single(s => s.Id == "rights").Items.Count);
        Assert.Contains(register.Controller.Contact.In(language), text, StringComparison.Ordinal);
        Assert.Contains($"/privacy/{id}/request", text, StringComparison.Ordinal);
    }

    [Fact]
    public void A_152fz_policy_has_every_section_the_law_asks_for_in_russian()
    {
        var notice = PrivacyNotice.Build(Catalog.Find("marketplace-sellers")!, "ru");

        Assert.Equal(["controller", "purposes", "subjects", "categories", "sources", "actions", "recipients", "transfers", "retention", "destruction", "rights", "security"], notice.Sections.Select(s => s.Id));
        Assert.StartsWith("Политика в отношении обработки персональных данных", notice.Title, StringComparison.Ordinal);
        Assert.Contains("п. 5 ч. 1 ст. 6 152-ФЗ", Section(notice, "purposes"), StringComparison.Ordinal);
        Assert.Contains("территории РФ", Section(notice, "transfers"), StringComparison.Ordinal);
        Assert.Contains("10 рабочих дней", Section(notice, "rights"), StringComparison.Ordinal);
        Assert.Contains("1 год после закрытия учётной записи, затем данные удаляются", Section(notice, "retention"), StringComparison.Ordinal);
    }

    [Fact]
    public void The_russian_policy_of_marketplace_sellers_shows_its_recipients_and_responsible_person_in_russian_only()
    {
        var register = Catalog.Find("marketplace-sellers")!;

        var notice = PrivacyNotice.Build(register, "ru");

        var recipients = Section(notice, "recipients");
        Assert.All(register.Recipients, r =>
        {
            Assert.Contains($"{r.Name.In("ru")} ({r.Role.In("ru")}; Местонахождение: {r.Location.In("ru")}): {r.Purpose.In("ru")}", recipients, StringComparison.Ordinal);
            Assert.All(new[] { r.Name, r.Role, r.Location, r.Purpose }, text => Assert.DoesNotContain(text.In("en"), recipients, StringComparison.Ordinal));
        });
        var controller = Section(notice, "controller");
        Assert.Contains("ООО «Кастодиан Аналитика»", controller, StringComparison.Ordinal);
        Assert.Contains("Лицо, ответственное за организацию обработки персональных данных: dpo@custodian.example.ru", controller, StringComparison.Ordinal);
        Assert.DoesNotContain("Person responsible", NoticeRendering.ToMarkdown(notice), StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(EveryRegister))]
    public void A_notice_in_the_registers_own_language_or_english_falls_back_on_nothing(string id)
    {
        var register = Catalog.Find(id)!;

        foreach (var language in new[] { DeclarationNames.OwnLanguage(register.Law), "en" })
        {
            var text = NoticeRendering.ToMarkdown(PrivacyNotice.Build(register, language));

            Assert.DoesNotContain(NoticeWords.Phrase(language, "(in English)"), text, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void A_notice_in_a_third_language_marks_each_text_that_falls_back_to_english()
    {
        var register = Catalog.Find("training")!;

        var notice = PrivacyNotice.Build(register, "ru");

        Assert.Equal("Уведомление об обработке персональных данных: Card training register (на английском языке)", notice.Title);
        Assert.Contains("Custodian Koulutus Oy (на английском языке)", Section(notice, "controller"), StringComparison.Ordinal);
        Assert.Contains("Инспектор по защите данных: dpo@custodian.example.fi", Section(notice, "controller"), StringComparison.Ordinal);
        Assert.All(register.Purposes, p => Assert.Contains($"{p.Description.In("en")} (на английском языке)", Section(notice, "purposes"), StringComparison.Ordinal));
        Assert.Contains("Card training register (на английском языке)", NoticeRendering.ToHtml(notice), StringComparison.Ordinal);
    }

    public static TheoryData<string> EveryRegister() => [.. Catalog.Registers.Select(r => r.Id)];

    [Fact]
    public void A_gdpr_notice_in_finnish_covers_the_register_description_and_the_right_to_complain()
    {
        var notice = PrivacyNotice.Build(Catalog.Find("training")!, "fi");

        Assert.Equal(["controller", "purposes", "subjects", "categories", "sources", "recipients", "transfers", "retention", "destruction", "rights", "automated-decisions", "security"], notice.Sections.Select(s => s.Id));
        Assert.Contains("tietosuoja.fi", Section(notice, "rights"), StringComparison.Ordinal);
        Assert.Contains("kuukauden kuluessa", Section(notice, "rights"), StringComparison.Ordinal);
        Assert.Contains("5 vuotta todistuksen voimassaolon päättymisestä, sitten tiedot poistetaan", Section(notice, "retention"), StringComparison.Ordinal);
    }

    [Fact]
    public void A_processor_register_says_who_decides_and_the_html_is_escaped()
    {
        var notice = PrivacyNotice.Build(Catalog.Find("guidance-city")!, "en");
        var html = NoticeRendering.ToHtml(notice);

        Assert.Contains("kept on behalf of a controller", Section(notice, "controller"), StringComparison.Ordinal);
        Assert.StartsWith("<!DOCTYPE html>\n<html lang=\"en\">", html, StringComparison.Ordinal);
        Assert.DoesNotContain("<script", html, StringComparison.OrdinalIgnoreCase);
        Assert.Matches("^[0-9a-f]{12}$", notice.Version);
    }

    [Theory]
    [InlineData("guidance")]
    [InlineData("guidance-city")]
    public void The_guidance_notices_describe_access_rights_by_role_and_the_written_consent_and_its_withdrawal(string register)
    {
        var security = Section(PrivacyNotice.Build(Catalog.Find(register)!, "fi"), "security");

        Assert.Contains("Käyttöoikeudet roolin mukaan", security, StringComparison.Ordinal);
        Assert.Contains("lähettävä taho näkee perustiedot ja vain sen, minkä asiakkaan kirjallinen suostumus sille sallii", security, StringComparison.Ordinal);
        Assert.Contains("voi peruuttaa sen alueittain", security, StringComparison.Ordinal);
    }

    [Fact]
    public void The_city_variant_names_the_processor_and_both_data_protection_officers()
    {
        var controller = Section(PrivacyNotice.Build(Catalog.Find("guidance-city")!, "en"), "controller");

        Assert.Contains("tietosuojavastaava@esimerkki.example.fi", controller, StringComparison.Ordinal);
        Assert.Contains("Custodian Valmennus Oy, tietosuoja@custodian.example.fi", controller, StringComparison.Ordinal);
        Assert.Contains("dpo@custodian.example.fi", controller, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(1, "1 год")]
    [InlineData(2, "2 года")]
    [InlineData(5, "5 лет")]
    [InlineData(11, "11 лет")]
    [InlineData(21, "21 год")]
    [InlineData(22, "22 года")]
    public void Russian_durations_use_the_right_plural(int years, string expected)
    {
        Assert.Equal(expected, NoticeWords.Duration("ru", new Period(years, 0, 0)));
    }

    [Fact]
    public void The_record_of_processing_has_one_entry_per_register_with_its_role()
    {
        var record = RecordOfProcessing.Build(Catalog, "en");

        Assert.Equal(Catalog.Registers.Select(r => r.Id).Order(StringComparer.Ordinal), record.Select(a => a.Register));
        Assert.Equal("processor", record.Single(a => a.Register == "guidance-city").Role);
        Assert.All(record, a => Assert.NotEmpty(a.Purposes));
        Assert.Contains("\"activities\"", NoticeRendering.ToJson(record), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("marketplace-sellers", "ru")]
    [InlineData("training", "fi")]
    public void The_pdf_carries_the_notice_text_in_its_language(string id, string language)
    {
        var notice = PrivacyNotice.Build(Catalog.Find(id)!, language);

        var pdf = NoticePdf.Render(notice);

        using var document = UglyToad.PdfPig.PdfDocument.Open(pdf);
        var text = string.Join(" ", document.GetPages().Select(p => string.Join(" ", p.GetWords().Select(w => w.Text))));
        Assert.True(document.NumberOfPages >= 2, $"{document.NumberOfPages} page(s)");
        Assert.Contains(string.Join(" ", notice.Title.Split(' ').Take(4)), text, StringComparison.Ordinal);
        Assert.All(notice.Sections, s => Assert.Contains(s.Heading.Split(' ')[0], text, StringComparison.Ordinal));
        Assert.Contains(notice.Version, text, StringComparison.Ordinal);
    }

    [Fact]
    public void The_record_of_processing_renders_as_pdf_too()
    {
        using var document = UglyToad.PdfPig.PdfDocument.Open(NoticePdf.Render(RecordOfProcessing.Build(Catalog, "en"), "en"));

        var text = string.Join(" ", document.GetPages().Select(p => string.Join(" ", p.GetWords().Select(w => w.Text))));
        Assert.Contains("Record of processing activities", text, StringComparison.Ordinal);
        Assert.All(Catalog.Registers, r => Assert.Contains(r.Title.In("en").Split(' ')[0], text, StringComparison.Ordinal));
    }

    private static string Section(NoticeDocument notice, string id)
    {
        var section = notice.Sections.Single(s => s.Id == id);
        return string.Join("\n", section.Paragraphs.Concat(section.Items));
    }
}
