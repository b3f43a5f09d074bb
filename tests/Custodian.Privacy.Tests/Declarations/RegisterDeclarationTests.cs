using Custodian.Privacy.Declarations;
using Custodian.Testing;

namespace Custodian.Privacy.Tests.Declarations;

public sealed class RegisterDeclarationTests
{
    private static string Registers => Path.Combine(Repository.Root, "registers");

    [Fact]
    public void The_shipped_declarations_of_all_registers_load()
    {
        var catalog = RegisterCatalog.Load(Registers);

        Assert.Equal(
            ["billing", "billing-fi", "guidance", "guidance-city", "marketplace-buyers", "marketplace-sellers", "training"],
            catalog.Registers.Select(r => r.Id).Order(StringComparer.Ordinal));
        Assert.All(catalog.Registers, r => Assert.Empty(r.Transfers.OutsideTerritory));
        Assert.Equal(ProcessingRole.Processor, catalog.Find("guidance-city")!.Role);
        Assert.Equal(ProcessingRole.Processor, catalog.Find("marketplace-buyers")!.Role);
        Assert.Equal(Law.Fz152, catalog.Find("marketplace-sellers")!.Law);
        Assert.Equal("national-id", catalog.Find("training")!.CategoryOfField("hetu")!.Id);
        Assert.Equal(new Period(5, 0, 0), catalog.Find("billing")!.Category("payer").Retention.Period);
    }

    [Fact]
    public void A_misspelt_key_is_refused_with_file_line_and_key()
    {
        var problems = ValidateVariant("training", text => text.ReplaceFirst("    retention:\n      trigger: certificate-expired", "    retension:\n      trigger: certificate-expired"));

        Assert.Contains(problems, p => p.File == "registers/training.yaml" && p.Key == "categories[identity].retension" && p.Message.StartsWith("is not a known key", StringComparison.Ordinal) && p.Line == LineOf("training", "id: identity") + 5);
        Assert.Contains(problems, p => p.Key == "categories[identity].retention" && p.Message == "is missing");
    }

    [Fact]
    public void A_purpose_without_legal_basis_is_refused()
    {
        var problems = ValidateVariant("training", text => text.Replace("    legal_basis: gdpr-6-1-a\n", "", StringComparison.Ordinal));

        var problem = Assert.Single(problems);
        Assert.Equal("purposes[marketing].legal_basis", problem.Key);
        Assert.Equal("is missing", problem.Message);
        Assert.Equal(LineOf("training", "id: marketing"), problem.Line);
    }

    [Fact]
    public void A_category_referenced_but_not_declared_is_refused()
    {
        var problems = ValidateVariant("training", text => text.Replace("categories: [contact, certificates]", "categories: [contact, certificates, shoe-size]", StringComparison.Ordinal));

        Assert.Equal("category 'shoe-size' is referenced but not declared", Assert.Single(problems).Message);
    }

    [Fact]
    public void A_special_category_without_an_article_9_basis_is_refused()
    {
        var problems = ValidateVariant("guidance", text => text.Replace("    special_category_basis: gdpr-9-2-h\n", "", StringComparison.Ordinal));

        var problem = Assert.Single(problems);
        Assert.Equal("purposes[client-work].special_category_basis", problem.Key);
        Assert.StartsWith("is missing: the purpose uses special categories", problem.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("law: gdpr", "law: hipaa", "law", "'hipaa' is not a law this service follows (gdpr, 152-fz)")]
    [InlineData("legal_basis: gdpr-6-1-f", "legal_basis: 152fz-6-1-7", "purposes[expiry-reminders].legal_basis", "'152fz-6-1-7' is not a basis under GDPR")]
    [InlineData("period: P3M", "period: three months", "categories[enrolments].retention.period", "'three months' is not a period like P3Y, P6M, P30D or P1Y6M")]
    [InlineData("outside_territory: none", "outside_territory: US", "transfers.outside_territory", "must be 'none': this service does not transfer personal data outside the EU/EEA")]
    [InlineData("action: delete", "action: forget", "categories[identity].retention.action", "'forget' is not one of: delete, anonymise, review")]
    [InlineData("register: training", "register: courses", "register", "'courses' must match the file name 'training'")]
    public void Each_wrong_value_is_named_precisely(string original, string replacement, string key, string message)
    {
        var problems = ValidateVariant("training", text => text.ReplaceFirst(original, replacement));

        var problem = Assert.Single(problems);
        Assert.Equal((key, message), (problem.Key, problem.Message));
    }

    [Fact]
    public void A_recipient_without_its_russian_text_in_a_152fz_register_is_refused_with_file_and_line()
    {
        var problems = ValidateVariant("marketplace-sellers", text => text.Replace(", ru: \"Сервис отправки электронной почты (Российская Федерация)\"", "", StringComparison.Ordinal));

        var problem = Assert.Single(problems);
        Assert.Equal("registers/marketplace-sellers.yaml", problem.File);
        Assert.Equal(LineOf("marketplace-sellers", "E-mail delivery provider (Russian Federation)"), problem.Line);
        Assert.Equal("recipients[E-mail delivery provider (Russian Federation)].name", problem.Key);
        Assert.Equal("has no Russian text (ru): the notice of a 152-FZ register is shown in Russian and English, so write both (en: ..., ru: ...)", problem.Message);
    }

    [Theory]
    [InlineData("training", "fi: \"Vahvistukset ja muistutukset.\"", "ru: \"Подтверждения и напоминания.\"", "recipients[E-mail delivery provider (EU)].purpose", "has no Finnish text (fi)")]
    [InlineData("marketplace-sellers", "protection_officer: dpo@custodian.example.ru", "protection_officer: Person responsible for the organisation of personal data processing, dpo@custodian.example.ru", "controller.protection_officer", "has no Russian text (ru)")]
    [InlineData("billing", "name: { en: \"Federal Tax Service\", ru: \"Федеральная налоговая служба\" }", "name: Federal Tax Service", "recipients[Federal Tax Service].name", "has no Russian text (ru)")]
    [InlineData("guidance", "address: { en: \"Mannerheimintie 1, 00100 Helsinki, Finland\", fi: \"Mannerheimintie 1, 00100 Helsinki\" }", "address: { en: \"Mannerheimintie 1, 00100 Helsinki, Finland\" }", "controller.address", "has no Finnish text (fi)")]
    public void Every_text_a_notice_shows_needs_the_registers_own_language_besides_english(string register, string original, string replacement, string key, string message)
    {
        var problems = ValidateVariant(register, text => text.ReplaceFirst(original, replacement));

        var problem = Assert.Single(problems);
        Assert.Equal((key, LineOf(register, original)), (problem.Key, problem.Line));
        Assert.StartsWith(message, problem.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void An_email_or_web_address_reads_the_same_in_every_language()
    {
        var catalog = RegisterCatalog.Load(Registers);

        var sellers = catalog.Find("marketplace-sellers")!.Controller;

        Assert.All(new[] { "en", "fi", "ru" }, language => Assert.Equal("privacy@custodian.example.ru", sellers.Contact.In(language)));
        Assert.All(new[] { "en", "fi", "ru" }, language => Assert.True(sellers.ProtectionOfficer!.Has(language)));
    }

    [Fact]
    public void Broken_yaml_is_reported_with_its_line_not_a_crash()
    {
        var problems = ValidateVariant("billing", text => text.Replace("rights: [access,", "rights: [access,, {", StringComparison.Ordinal));

        Assert.Equal("(syntax)", Assert.Single(problems).Key);
    }

    [Fact]
    public void Loading_invalid_declarations_throws_with_every_problem_listed()
    {
        using var folder = new TemporaryFolder();
        var registers = Directory.CreateDirectory(Path.Combine(folder.Path, "registers")).FullName;
        File.WriteAllText(Path.Combine(registers, "training.yaml"), File.ReadAllText(Path.Combine(Registers, "training.yaml")).Replace("law: gdpr", "law: hipaa", StringComparison.Ordinal));

        var error = Assert.Throws<RegisterDeclarationException>(() => RegisterCatalog.Load(registers));

        Assert.Contains("registers/training.yaml:", error.Message, StringComparison.Ordinal);
        Assert.Contains("law: 'hipaa' is not a law", error.Message, StringComparison.Ordinal);
    }

    private static IReadOnlyList<DeclarationProblem> ValidateVariant(string register, Func<string, string> change)
    {
        using var folder = new TemporaryFolder();
        var registers = Directory.CreateDirectory(Path.Combine(folder.Path, "registers")).FullName;
        var original = File.ReadAllText(Path.Combine(Registers, register + ".yaml"));
        var changed = change(original);
        Assert.NotEqual(original, changed);
        File.WriteAllText(Path.Combine(registers, register + ".yaml"), changed);
        return RegisterCatalog.Validate(registers).Problems;
    }

    private static long LineOf(string register, string text) =>
        File.ReadAllLines(Path.Combine(Registers, register + ".yaml")).Select((line, i) => (line, i)).First(x => x.line.Contains(text, StringComparison.Ordinal)).i + 1;
}
