using System.IO.Compression;
using System.Text.Json;
using Custodian.Modules.Training;
using Custodian.Modules.Training.Cards;
using Custodian.Modules.Training.Catalogue;
using Custodian.Modules.Training.Employers;
using Custodian.Modules.Training.Enrolment;
using Custodian.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using OpenQA.Selenium;

namespace Custodian.Browser.Tests;

/// <summary>
/// Card-training self-service in Chromium: a trainee signs in with a mailed link, sees their enrolment and card and
/// downloads their data; an employer's contact signs in, enrols two employees and exports the list. The app runs on
/// Kestrel with the system clock; the links travel through the SMTP stand-in.
/// </summary>
public sealed class TrainingSelfServiceTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_trainee_signs_in_by_link_sees_the_enrolment_and_card_and_downloads_their_data()
    {
        await using var host = await CustodianHost.Builder().InEnvironment("Development").OnKestrel().BuildAsync(Ct);
        var (course, session) = await SessionAsync(host, days: 7);
        Guid passed;
        await using (var scope = host.Scope())
        {
            var sp = scope.ServiceProvider;
            var enrol = sp.GetRequiredService<EnrolPerson>();
            await enrol.EnrolAsync(new EnrolPerson.Request(session, new PersonInput("Aino", "Lahtinen", "150390-902D", "aino.lahtinen@example.fi", "040 123 4567", "Rakennus Oy", null, "Kirvesmies"), false, null), Ct);
            var later = await sp.GetRequiredService<ManageCatalogue>().AddSessionAsync(new ManageCatalogue.SessionInput(course, DateTime.UtcNow.AddDays(30), DateTime.UtcNow.AddDays(30).AddHours(8), "Tampere", 10, null), Ct);
            passed = (await enrol.EnrolAsync(new EnrolPerson.Request(later, new PersonInput("Aino", "Lahtinen", "150390-902D", "aino.lahtinen@example.fi", "040 123 4567", null, null, null), false, null), Ct)).EnrolmentId;
            var db = sp.GetRequiredService<TrainingDb>();
            var trainee = await db.Enrolments.Where(e => e.Id == passed).Select(e => e.TraineeId).SingleAsync(Ct);
            db.Certificates.Add(new CertificateRecord
            {
                Id = Guid.CreateVersion7(), TraineeId = trainee, EnrolmentId = passed, CardTypeKey = "tyoturvallisuuskortti", CertificateNumber = "TTK-2026-000777",
                VerificationCode = "V7K2M9QX", IssuedOn = new DateOnly(2026, 11, 30), ValidUntil = new DateOnly(2031, 11, 29), IssuedBy = "staff-registrar", IssuedAtUtc = DateTime.UtcNow,
            });
            await db.SaveChangesAsync(Ct);
        }

        using var downloads = new TemporaryFolder();
        using var browser = Browser.Start(downloads.Path);
        SignIn(browser, host, "Aino.Lahtinen@example.fi");

        browser.WaitFor(d => d.FindElement(By.Id("me-name")).Text == "Aino Lahtinen", "the trainee's own page");
        Assert.Equal("150390-902D", browser.Driver.FindElement(By.Id("me-hetu")).Text);
        Assert.Equal(2, browser.Driver.FindElements(By.CssSelector("tr.enrolment")).Count);
        Assert.Contains("Enrolled", browser.Driver.FindElement(By.CssSelector("tr.enrolment .enrolment-status")).Text, StringComparison.Ordinal);
        var card = browser.Driver.FindElement(By.CssSelector("tr.card[data-number='TTK-2026-000777']"));
        Assert.Contains("valid until 29.11.2031", card.FindElement(By.CssSelector(".card-validity")).Text, StringComparison.Ordinal);
        Assert.DoesNotContain("aino", browser.Driver.Url, StringComparison.OrdinalIgnoreCase);
        browser.Screenshot("training-trainee-own-page");

        browser.Driver.FindElement(By.Id("download-my-data")).Click();
        browser.WaitFor(d => d.FindElement(By.Id("download-button")).Displayed, "the download page");
        browser.Driver.FindElement(By.Id("download-button")).Click();
        // Chromium may show the file under its final name before the last bytes are on disk: wait until it reads as a whole archive.
        var zip = browser.WaitFor(_ => Directory.GetFiles(downloads.Path, "*.zip").FirstOrDefault(Complete), "the downloaded copy");
        using var archive = ZipFile.OpenRead(zip);
        using var data = JsonDocument.Parse(archive.GetEntry("data.json")!.Open());
        var records = data.RootElement.GetProperty("records").EnumerateArray().ToList();
        string? Field(string type, string name) => records.Where(r => r.GetProperty("type").GetString() == type).SelectMany(r => r.GetProperty("fields").EnumerateArray())
            .Where(f => f.GetProperty("name").GetString() == name).Select(f => f.GetProperty("value").GetString()).FirstOrDefault();
        Assert.Equal(("Lahtinen", "150390-902D", "Kirvesmies", "TTK-2026-000777"), (Field("trainee", "last_name"), Field("trainee", "hetu"), Field("enrolment", "position"), Field("certificate", "certificate_number")));
    }

    [Fact]
    public async Task An_employer_contact_signs_in_enrols_two_employees_and_exports_the_list()
    {
        await using var host = await CustodianHost.Builder().InEnvironment("Development").OnKestrel().BuildAsync(Ct);
        var (_, session) = await SessionAsync(host, days: 10);
        await using (var scope = host.Scope())
        {
            var register = scope.ServiceProvider.GetRequiredService<RegisterEmployer>();
            await register.RegisterAsync("staff-registrar", new RegisterEmployer.Input("Rakennus Oy", "2345678-0", "Pekka Esimies", "pekka@rakennus.fi", "003723456780", "003721291126", null, "Koulutus 2027"), Ct);
            var other = await register.RegisterAsync("staff-registrar", new RegisterEmployer.Input("Sähkö Oy", "7654321-2", "Sari Sähkö", "sari@sahko.fi", null, null, "Virtakatu 1, 33100 Tampere", null), Ct);
            await scope.ServiceProvider.GetRequiredService<EnrolGroup>().EnrolAsync(new EnrolGroup.Request(session, other, [new PersonInput("Ville", "Nieminen", "150390-910N", "ville@sahko.fi", null, null, null, "Asentaja")]), Ct);
        }

        using var downloads = new TemporaryFolder();
        using var browser = Browser.Start(downloads.Path);
        SignIn(browser, host, "pekka@rakennus.fi");
        browser.WaitFor(d => d.FindElement(By.CssSelector(".group-enrol-form")).Displayed, "the employer page");
        browser.Driver.FindElement(By.CssSelector($".group-session option[value='{session}']")).Click();
        Fill(browser, 0, "Maija", "Mäkinen", "150390-913S", "maija@rakennus.fi", "Työnjohtaja");
        Fill(browser, 1, "Olli", "Ojala", "150390-914T", "olli@rakennus.fi", "Kirvesmies");
        browser.Driver.FindElement(By.Id("enrol-group")).Click();

        browser.WaitFor(d => d.FindElement(By.Id("employer-message")).Text.Contains("2 employees enrolled", StringComparison.Ordinal), "the group enrolled");
        var names = browser.Driver.FindElements(By.CssSelector("tr.roster-row .roster-name")).Select(e => e.Text).ToList();
        Assert.Equal(["Maija Mäkinen", "Olli Ojala"], names.Order(StringComparer.Ordinal));
        Assert.DoesNotContain("Ville", browser.Driver.PageSource, StringComparison.Ordinal);
        browser.Screenshot("training-employer-page");

        browser.Driver.FindElement(By.CssSelector("a[id^='export-csv-']")).Click();
        var csv = browser.WaitFor(_ => Directory.GetFiles(downloads.Path, "*.csv").FirstOrDefault(), "the exported list");
        var text = await File.ReadAllTextAsync(csv, Ct);
        Assert.Contains("Maija;Mäkinen;Työnjohtaja", text, StringComparison.Ordinal);
        Assert.Contains("Olli;Ojala;Kirvesmies", text, StringComparison.Ordinal);
        Assert.DoesNotContain("Ville", text, StringComparison.Ordinal);
    }

    /// <summary>Signs a trainee or an employer's contact in as they do: the sign-in page, the mailed link, its confirm button.</summary>
    internal static void SignIn(Browser browser, CustodianHost host, string email)
    {
        browser.Driver.Navigate().GoToUrl(host.Url("/training/sign-in"));
        browser.Driver.FindElement(By.Id("email")).SendKeys(email);
        browser.Driver.FindElement(By.Id("send-link")).Click();
        browser.WaitFor(d => d.FindElement(By.Id("link-sent")).Displayed, "the neutral notice");
        var link = browser.LinkIn(host.Mail, email.ToLowerInvariant(), "/training/sign-in/");
        Assert.DoesNotContain("@", link, StringComparison.Ordinal);
        browser.Driver.Navigate().GoToUrl(link);
        browser.Driver.FindElement(By.Id("sign-in-button")).Click();
    }

    private static void Fill(Browser browser, int row, string first, string last, string hetu, string email, string position)
    {
        foreach (var (field, value) in new[] { ("firstName", first), ("lastName", last), ("hetu", hetu), ("email", email), ("position", position) })
        {
            browser.Driver.FindElement(By.Id($"row-{row}-{field}")).SendKeys(value);
        }
    }

    private static async Task<(Guid Course, Guid Session)> SessionAsync(CustodianHost host, int days)
    {
        await using var scope = host.Scope();
        var catalogue = scope.ServiceProvider.GetRequiredService<ManageCatalogue>();
        await catalogue.EnsureStandardCardTypesAsync(Ct);
        var course = await catalogue.AddCourseAsync(new ManageCatalogue.CourseInput("tyoturvallisuuskortti", "Työturvallisuuskorttikoulutus", "Occupational safety card course", "", "", 120m, 8m), Ct);
        var start = DateTime.UtcNow.Date.AddDays(days).AddHours(6);
        return (course, await catalogue.AddSessionAsync(new ManageCatalogue.SessionInput(course, start, start.AddHours(8), "Mannerheimintie 1, 00100 Helsinki", 20, null), Ct));
    }

    internal static bool Complete(string zip)
    {
        try
        {
            using var archive = ZipFile.OpenRead(zip);
            return archive.GetEntry("data.json") is not null;
        }
        catch (Exception e) when (e is InvalidDataException or IOException)
        {
            return false;
        }
    }
}
