using System.IO.Compression;
using System.Text;
using Custodian.Modules.Training;
using Custodian.Modules.Training.Catalogue;
using Custodian.Modules.Training.Employers;
using Custodian.Modules.Training.Invoicing;
using Custodian.Privacy.Abstractions.Access;
using Custodian.Privacy.Abstractions.Scheduling;
using Custodian.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using OpenQA.Selenium;

namespace Custodian.Browser.Tests;

/// <summary>
/// The card-training issue's "done means", in one pass through the running app in Chromium: enrolment on the public
/// Finnish form, the trainer's roster, the registrar's card, the public check, the expiry reminder and a campaign by
/// mail, one-click unsubscribe, and the person's own access and erasure requests with the employer's open invoice
/// kept as a legal hold. Mail goes over SMTP to the loopback stand-in; the app's clock is the fixture's.
/// </summary>
public sealed class TrainingDoneMeansTests(RunningApp app) : IClassFixture<RunningApp>
{
    private const string Email = "ella.koskinen@example.fi";
    private const string Hetu = "120488-906W";
    private const string BusinessId = "2077474-0";
    private const string Trainer = "staff-trainer.valmis";

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_person_enrols_is_trained_and_carded_is_reminded_and_marketed_to_unsubscribes_and_gets_their_data_and_erasure_with_the_open_invoice_kept()
    {
        var (session, cardType) = await CatalogueAndEmployerAsync();

        // 1. The public form, in Finnish, naming the employer registered with us.
        using (var person = Browser.Start())
        {
            var driver = person.Driver;
            driver.Navigate().GoToUrl(app.Url("/training"));
            if (driver.FindElement(By.TagName("html")).GetAttribute("lang") != "fi")
            {
                driver.FindElement(By.CssSelector("#culture option[value='fi']")).Click();
            }

            person.WaitFor(d => d.FindElement(By.TagName("html")).GetAttribute("lang") == "fi", "the Finnish course list");
            person.WaitFor(d => d.FindElements(By.CssSelector($"a[href='/training/enrol/{session}']")).FirstOrDefault(), "the session's enrol link").Click();
            person.WaitFor(d => d.FindElements(By.Id("enrol-form")).FirstOrDefault(), "the enrolment form");
            foreach (var (field, value) in new[] { ("firstName", "Ella"), ("lastName", "Koskinen"), ("hetu", Hetu), ("email", Email), ("phone", "040 765 4321"), ("company-name", "Rakennus Virtanen Oy"), ("company-businessId", BusinessId), ("company-position", "Työnjohtaja") })
            {
                driver.FindElement(By.Id(field)).SendKeys(value);
            }

            driver.FindElement(By.Id("marketing")).Click();
            person.Screenshot("training-done-enrol-form");
            driver.FindElement(By.Id("enrol-submit")).Click();
            person.WaitFor(d => d.FindElements(By.Id("enrol-reference")).FirstOrDefault(), "the enrolment confirmation");
            Assert.Equal("fi", driver.FindElement(By.TagName("html")).GetAttribute("lang"));
            person.Screenshot("training-done-enrolled");
        }

        Guid enrolment;
        await using (var scope = app.Host.Scope())
        {
            enrolment = await scope.ServiceProvider.GetRequiredService<TrainingDb>().Enrolments.Where(e => e.SessionId == session).Select(e => e.Id).SingleAsync(Ct);
        }

        // 2. The trainer records attendance and the exam on the roster.
        var row = By.Id("enrolment-" + enrolment);
        var roster = "/training/staff/sessions/" + session;
        using (var trainer = await TrainingStaffTests.SignInAsync(app, "trainer.valmis", Roles.Trainer))
        {
            var driver = trainer.Driver;
            driver.Navigate().GoToUrl(app.Url(roster));
            trainer.WaitFor(d => d.FindElements(row).FirstOrDefault(), "the roster row").FindElement(By.CssSelector(".mark-present")).Click();
            trainer.WaitFor(d => d.FindElements(By.Id("training-message")).FirstOrDefault(), "attendance saved");
            driver.FindElement(row).FindElement(By.CssSelector(".exam-passed")).Click();
            driver.FindElement(row).FindElement(By.CssSelector(".exam-score")).SendKeys("46/50");
            using var paper = new TemporaryFolder();
            var pdf = Path.Combine(paper.Path, "koe.pdf");
            await File.WriteAllBytesAsync(pdf, Encoding.ASCII.GetBytes("%PDF-1.7\n1 0 obj << /Type /Catalog >> endobj\n%%EOF\n"), Ct);
            driver.FindElement(row).FindElement(By.CssSelector(".exam-paper")).SendKeys(pdf);
            driver.FindElement(row).FindElement(By.CssSelector(".record-exam")).Click();
            Assert.Contains("46/50", trainer.WaitFor(d => d.FindElements(By.CssSelector($"#enrolment-{enrolment} .exam-result")).FirstOrDefault(), "the exam result").Text, StringComparison.Ordinal);
            trainer.Screenshot("training-done-roster");
        }

        // 3. The registrar sets the card's validity (the card authority's rule, here one month so its expiry is near) and issues the card.
        using var registrar = await TrainingStaffTests.SignInAsync(app, "registrar.valmis", Roles.Registrar);
        registrar.Driver.Navigate().GoToUrl(app.Url("/training/staff/catalogue"));
        var validity = registrar.WaitFor(d => d.FindElements(By.CssSelector($"tr[data-card-type='{cardType}'] input[name='months']")).FirstOrDefault(), "the card type's validity");
        validity.Clear();
        validity.SendKeys("1");
        registrar.Driver.FindElement(By.CssSelector($"tr[data-card-type='{cardType}'] button[type='submit']")).Click();
        registrar.WaitFor(d => d.FindElements(By.CssSelector($"tr[data-card-type='{cardType}'] input[name='months'][value='1']")).FirstOrDefault(), "the validity saved");
        registrar.Driver.Navigate().GoToUrl(app.Url(roster));
        registrar.WaitFor(d => d.FindElements(By.CssSelector($"#enrolment-{enrolment} .issue-card")).FirstOrDefault(), "the issue button").Click();
        var number = registrar.WaitFor(d => d.FindElements(By.CssSelector($"#enrolment-{enrolment} .card-number")).FirstOrDefault(), "the card number").Text;
        registrar.Screenshot("training-done-card-issued");
        string code;
        DateOnly validUntil;
        string[] cardNames;
        await using (var scope = app.Host.Scope())
        {
            var db = scope.ServiceProvider.GetRequiredService<TrainingDb>();
            var card = await db.Certificates.SingleAsync(c => c.EnrolmentId == enrolment, Ct);
            (code, validUntil) = (card.VerificationCode, card.ValidUntil!.Value);
            cardNames = await db.CardTypes.Where(c => c.Key == cardType).Select(c => new[] { c.NameFi, c.NameEn }).SingleAsync(Ct);
        }

        // 4. Anyone checks the card on the public page: initials, card type, validity, nothing else of the person.
        using (var anyone = Browser.Start())
        {
            anyone.Driver.Navigate().GoToUrl(app.Url("/training/verify/" + code));
            Assert.Equal("E. K.", anyone.WaitFor(d => d.FindElements(By.Id("verified-initials")).FirstOrDefault(), "the verification").Text);
            Assert.Contains(anyone.Driver.FindElement(By.Id("verified-card")).Text, cardNames);
            Assert.Contains(validUntil.ToString("d.M.yyyy", System.Globalization.CultureInfo.InvariantCulture), anyone.Driver.FindElement(By.Id("verified-standing")).Text, StringComparison.Ordinal);
            foreach (var personal in new[] { "Ella", "Koskinen", Hetu, Hetu[..6], Email })
            {
                Assert.DoesNotContain(personal, anyone.Driver.PageSource, StringComparison.Ordinal);
            }

            anyone.Screenshot("training-done-verify");
        }

        // 5. The expiry reminder job and a campaign from the registrar's page mail the holder over SMTP.
        var before = app.Host.Mail.To(Email).Count;
        await RunAsync("training.expiry-reminders");
        Assert.Contains(Bodies(), b => b.Contains("korttisi", StringComparison.Ordinal) && b.Contains(validUntil.ToString("d.M.yyyy", System.Globalization.CultureInfo.InvariantCulture), StringComparison.Ordinal));
        SendCampaign(registrar, cardType, "Kertauskurssi alkaa", "Refresher course");
        Assert.Contains(Bodies(), b => b.Contains("/training/unsubscribe/", StringComparison.Ordinal));
        Assert.Equal(before + 2, app.Host.Mail.To(Email).Count);

        // 6. The mail's unsubscribe link works without signing in; the next campaign does not reach the address.
        using (var reader = Browser.Start())
        {
            reader.Driver.Navigate().GoToUrl(reader.LinkIn(app.Host.Mail, Email, "/training/unsubscribe/"));
            reader.WaitFor(d => d.FindElements(By.Id("unsubscribe")).FirstOrDefault(), "the unsubscribe page").Click();
            reader.WaitFor(d => d.FindElements(By.Id("unsubscribed")).FirstOrDefault(), "unsubscribed");
            reader.Screenshot("training-done-unsubscribed");
        }

        SendCampaign(registrar, cardType, "Uusi tarjous", "A new offer");
        Assert.Equal(before + 2, app.Host.Mail.To(Email).Count);

        // 7. The session has ended: the employer is invoiced through billing and the invoice is open.
        app.Clock.Set(new DateTimeOffset(2026, 11, 18, 15, 0, 0, TimeSpan.Zero));
        await RunAsync("training.invoice-ended-sessions");
        await RunAsync("privacy.events"); // billing issues the invoice
        await RunAsync("privacy.events"); // the module records billing's answer
        await using (var scope = app.Host.Scope())
        {
            var invoice = await scope.ServiceProvider.GetRequiredService<TrainingDb>().Invoices.SingleAsync(i => i.SessionId == session, Ct);
            Assert.Equal(InvoiceState.Issued, invoice.State);
        }

        // 8. The person signs in, downloads their data (an access request) and asks for erasure: the open invoice is kept, and they are told why.
        using var downloads = new TemporaryFolder();
        using var me = Browser.Start(downloads.Path);
        TrainingSelfServiceTests.SignIn(me, app.Host, Email);
        me.WaitFor(d => d.FindElement(By.Id("me-name")).Text == "Ella Koskinen", "the trainee's own page");
        me.Driver.FindElement(By.Id("download-my-data")).Click();
        me.WaitFor(d => d.FindElement(By.Id("download-button")).Displayed, "the download page");
        me.Driver.FindElement(By.Id("download-button")).Click();
        var zip = me.WaitFor(_ => Directory.GetFiles(downloads.Path, "*.zip").FirstOrDefault(TrainingSelfServiceTests.Complete), "the downloaded copy");
        using (var archive = ZipFile.OpenRead(zip))
        using (var data = new StreamReader(archive.GetEntry("data.json")!.Open()))
        {
            var json = await data.ReadToEndAsync(Ct);
            Assert.Contains(Hetu, json, StringComparison.Ordinal);
            Assert.Contains(number, json, StringComparison.Ordinal);
        }

        me.Driver.Navigate().GoToUrl(app.Url("/training/me"));
        me.WaitFor(d => d.FindElements(By.Id("erase-confirmed")).FirstOrDefault(), "the privacy actions").Click();
        me.Driver.FindElement(By.Id("erase")).Click();
        var outcome = me.WaitFor(d => d.FindElements(By.Id("me-message")).FirstOrDefault(), "the erasure's outcome").Text;
        me.Screenshot("training-done-erasure-held");
        Assert.Contains("Kept and restricted", outcome, StringComparison.Ordinal);
        Assert.Contains("is not paid yet", outcome, StringComparison.Ordinal);
        Assert.DoesNotContain(Hetu, me.Driver.Url, StringComparison.Ordinal);
    }

    /// <summary>
    /// What exists before the person arrives: the card types, a course and a session on 18.11.2026 taught by the
    /// trainer, and the employer registered with us for invoicing (no page registers employers yet: the use case does).
    /// </summary>
    private async Task<(Guid Session, string CardType)> CatalogueAndEmployerAsync()
    {
        await using var scope = app.Host.Scope();
        var sp = scope.ServiceProvider;
        var catalogue = sp.GetRequiredService<ManageCatalogue>();
        await catalogue.EnsureStandardCardTypesAsync(Ct);
        var course = await catalogue.AddCourseAsync(new ManageCatalogue.CourseInput("tyoturvallisuuskortti", "Työturvallisuuskorttikoulutus (valmis)", "Occupational safety card course (done)", "", "", 120m, 8m), Ct);
        var start = new DateTime(2026, 11, 18, 6, 0, 0, DateTimeKind.Utc);
        var session = await catalogue.AddSessionAsync(new ManageCatalogue.SessionInput(course, start, start.AddHours(8), "Mannerheimintie 1, 00100 Helsinki", 20, Trainer), Ct);
        await sp.GetRequiredService<RegisterEmployer>().RegisterAsync("staff-registrar", new RegisterEmployer.Input("Rakennus Virtanen Oy", BusinessId, "Liisa Virtanen", "liisa@rakennusvirtanen.fi", "003720774740", "003721291126", null, "Työmaa 12"), Ct);
        return (session, "tyoturvallisuuskortti");
    }

    private void SendCampaign(Browser registrar, string cardType, string subjectFi, string subjectEn)
    {
        var driver = registrar.Driver;
        driver.Navigate().GoToUrl(app.Url("/training/staff"));
        registrar.WaitFor(d => d.FindElements(By.Id("open-marketing")).FirstOrDefault(), "the marketing link").Click();
        registrar.WaitFor(d => d.FindElements(By.CssSelector("input[name='Audience'][value='expiring']")).FirstOrDefault(), "the campaign form").Click();
        driver.FindElement(By.CssSelector($"select[name='CardType'] option[value='{cardType}']")).Click();
        driver.FindElement(By.Name("SubjectFi")).SendKeys(subjectFi);
        driver.FindElement(By.Name("SubjectEn")).SendKeys(subjectEn);
        driver.FindElement(By.Name("BodyFi")).SendKeys("Uusi korttisi kertauskurssilla.");
        driver.FindElement(By.Name("BodyEn")).SendKeys("Renew your card on a refresher course.");
        driver.FindElement(By.Id("send")).Click();
        registrar.WaitFor(d => d.FindElements(By.Id("sent")).FirstOrDefault(), "the campaign sent");
        registrar.Screenshot("training-done-campaign-" + subjectEn.Replace(' ', '-').ToLowerInvariant());
    }

    private IReadOnlyList<string> Bodies() =>
        [.. app.Host.Mail.To(Email).Select(m => MimeKit.MimeMessage.Load(new MemoryStream(Encoding.UTF8.GetBytes(m.Data))).TextBody ?? string.Empty)];

    /// <summary>One run of a scheduled job, as the scheduler runs it.</summary>
    private async Task RunAsync(string job)
    {
        await using var scope = app.Host.Scope();
        await app.Host.Services.GetServices<IScheduledWork>().Single(w => w.Name == job).RunAsync(scope.ServiceProvider, Ct);
    }
}
