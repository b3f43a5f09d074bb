using Custodian.Modules.Guidance.Programmes;
using Custodian.Privacy.Abstractions.Access;
using Custodian.Testing;
using Microsoft.Extensions.DependencyInjection;
using OpenQA.Selenium;

namespace Custodian.Browser.Tests;

/// <summary>Client guidance in Chromium: a coach's record with written consent and entries, another coach and the sending organisation.</summary>
public sealed class GuidanceRecordTests(RunningApp app) : IClassFixture<RunningApp>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_coach_records_consent_and_entries_another_coach_cannot_open_them_and_the_sending_organisation_sees_only_what_is_shared()
    {
        var programme = await ProgrammeAsync("Selainohjelma", "coach.aino", "coach.bertta", "te.browser");
        using var coach = await SignInAsync("coach.aino", Roles.Coach);
        var driver = coach.Driver;

        driver.Navigate().GoToUrl(app.Url("/guidance"));
        driver.FindElement(By.Id("new-client-" + programme)).Click();
        driver.FindElement(By.Id("first-name")).SendKeys("Liisa");
        driver.FindElement(By.Id("last-name")).SendKeys("Mäkinen");
        driver.FindElement(By.Id("hetu")).SendKeys("240399-934K");
        driver.FindElement(By.Id("phone")).SendKeys("040 765 4321");
        driver.FindElement(By.CssSelector("#gender option[value='female']")).Click();
        driver.FindElement(By.Id("education")).SendKeys("Merkonomi");
        driver.FindElement(By.CssSelector("#referrer option[value='staff-te.browser']")).Click();
        driver.FindElement(By.Id("create-client")).Click();
        var record = coach.WaitFor(d => d.FindElements(By.Id("client-name")).FirstOrDefault(), "the new client's record");
        Assert.Equal("Liisa Mäkinen", record.Text);
        Assert.Equal(("Female", "Merkonomi"), (driver.FindElement(By.Id("client-gender")).Text, driver.FindElement(By.Id("client-education")).Text));
        var address = new Uri(driver.Url).AbsolutePath;
        Assert.Matches("^/guidance/clients/[0-9a-f-]{36}$", address);
        Assert.NotNull(driver.FindElement(By.Id("no-consent")));

        driver.FindElement(By.Id("area-employment")).Click();
        driver.FindElement(By.Id("area-guidance")).Click();
        driver.FindElement(By.Id("shared-employment")).Click();
        driver.FindElement(By.Id("reference")).SendKeys("ARK-2026-771");
        ((IJavaScriptExecutor)driver).ExecuteScript("document.getElementById('signed-on').value = arguments[0];", RunningApp.Today.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture));
        driver.FindElement(By.Id("notice")).SendKeys("2026-11");
        driver.FindElement(By.Id("record-consent")).Click();
        var consent = coach.WaitFor(d => d.FindElements(By.Id("consent-state")).FirstOrDefault(), "the recorded consent");
        Assert.Equal(("employment,guidance", "employment"), (consent.GetAttribute("data-areas"), consent.GetAttribute("data-shared")));

        driver.FindElement(By.CssSelector("#assessment-area option[value='employment']")).Click();
        driver.FindElement(By.Id("assessment-text")).SendKeys("Työkyky riittää osa-aikatyöhön. <b>ei lihavoitu</b>");
        driver.FindElement(By.Id("save-assessment")).Click();
        coach.WaitFor(d => d.FindElements(By.CssSelector("#section-assessment .entry")).Count == 1 ? true : (bool?)null, "the assessment");
        driver.FindElement(By.CssSelector("#coaching-area option[value='guidance']")).Click();
        driver.FindElement(By.Id("coaching-text")).SendKeys("Ensitapaaminen: tavoitteet sovittu.");
        driver.FindElement(By.Id("save-coaching")).Click();
        coach.WaitFor(d => d.FindElements(By.CssSelector("#section-coaching .entry")).Count == 1 ? true : (bool?)null, "the coaching entry");
        Assert.Contains("<b>ei lihavoitu</b>", driver.FindElement(By.CssSelector("#section-assessment .entry-text")).Text, StringComparison.Ordinal);
        coach.Screenshot("guidance-coach-record");

        using (var other = await SignInAsync("coach.bertta", Roles.Coach))
        {
            other.Driver.Navigate().GoToUrl(app.Url(address));
            other.WaitFor(d => d.FindElements(By.TagName("h1")).FirstOrDefault(), "the answer");
            Assert.Empty(other.Driver.FindElements(By.Id("client-name")));
            Assert.DoesNotContain("Mäkinen", other.Driver.PageSource, StringComparison.Ordinal);
            other.Driver.Navigate().GoToUrl(app.Url("/guidance"));
            Assert.DoesNotContain("Mäkinen", other.Driver.PageSource, StringComparison.Ordinal);
        }

        using var sender = await SignInAsync("te.browser", Roles.SendingOrganisation);
        sender.Driver.Navigate().GoToUrl(app.Url("/guidance"));
        sender.Driver.FindElement(By.LinkText("Liisa Mäkinen")).Click();
        sender.WaitFor(d => d.FindElements(By.Id("client-name")).FirstOrDefault(), "the referred client's record");
        Assert.Single(sender.Driver.FindElements(By.CssSelector("#section-assessment .entry")));
        Assert.Empty(sender.Driver.FindElements(By.CssSelector("#section-coaching .entry")));
        Assert.Empty(sender.Driver.FindElements(By.Id("consent")));
        Assert.Empty(sender.Driver.FindElements(By.Id("assessment-form")));
        Assert.DoesNotContain("Ensitapaaminen", sender.Driver.PageSource, StringComparison.Ordinal);
        sender.Screenshot("guidance-sending-organisation");

        driver.Navigate().GoToUrl(app.Url(address)); // not a refresh: the last page was a form's answer
        var log = coach.WaitFor(d => d.FindElements(By.Id("access-list")).FirstOrDefault(), "the access list").Text;
        Assert.Contains("TE-palvelut (browser)", log, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_coach_sends_questions_the_client_answers_through_the_mailed_link_without_an_account_and_the_answers_appear_in_the_record()
    {
        var programme = await ProgrammeAsync("Kyselyohjelma", "coach.kysely", "coach.toinen", "te.kysely");
        Guid client;
        await using (var scope = app.Host.Scope())
        {
            client = await scope.ServiceProvider.GetRequiredService<Custodian.Modules.Guidance.Clients.CreateClient>().CreateAsync("staff-coach.kysely",
                new(programme, "Pekka", "Laine", "311270-955J", null, null, "pekka.laine@example.fi", null), Ct);
            await scope.ServiceProvider.GetRequiredService<Custodian.Modules.Guidance.Clients.WrittenConsents>().RecordAsync("staff-coach.kysely", client,
                new(["guidance"], [], "ARK-9", RunningApp.Today.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture), "2026-11"), Ct);
        }

        using var coach = await SignInAsync("coach.kysely", Roles.Coach);
        var driver = coach.Driver;
        driver.Navigate().GoToUrl(app.Url("/guidance/clients/" + client));
        driver.FindElement(By.Id("questions-title")).SendKeys("Viikkokysely");
        driver.FindElement(By.Id("question-0")).SendKeys("Miten viikkosi on mennyt?");
        driver.FindElement(By.Id("question-1")).SendKeys("Sopiiko tiistai?");
        driver.FindElement(By.CssSelector("#kind-1 option[value='single-choice']")).Click();
        driver.FindElement(By.Id("options-1")).SendKeys("Kyllä; Ei");
        driver.FindElement(By.Id("send-questions")).Click();
        coach.WaitFor(d => d.FindElements(By.CssSelector("#section-questions .question-set[data-state='sent']")).FirstOrDefault(), "the sent set");

        using (var person = Browser.Start())
        {
            person.Driver.Navigate().GoToUrl(person.LinkIn(app.Host.Mail, "pekka.laine@example.fi", "/guidance/answer/"));
            Assert.Equal("Viikkokysely", person.WaitFor(d => d.FindElements(By.Id("question-set-title")).FirstOrDefault(), "the questions").Text);
            Assert.DoesNotContain("Laine", person.Driver.PageSource, StringComparison.Ordinal);
            person.Driver.FindElement(By.Id("q1")).SendKeys("Hyvin, kiitos.");
            person.Driver.FindElement(By.Id("q2-0")).Click();
            person.Driver.FindElement(By.Id("send-answers")).Click();
            person.WaitFor(d => d.FindElements(By.Id("answer-thanks")).FirstOrDefault(), "the thanks");
            person.Screenshot("guidance-client-answered");
        }

        driver.Navigate().GoToUrl(app.Url("/guidance/clients/" + client));
        coach.WaitFor(d => d.FindElements(By.CssSelector("#section-questions .question-set[data-state='answered']")).FirstOrDefault(), "the answered set");
        Assert.Equal(["Hyvin, kiitos.", "Kyllä"], driver.FindElements(By.CssSelector("#section-questions .answer")).Select(a => a.Text));
        coach.Screenshot("guidance-answers-in-record");
    }

    private async Task<Guid> ProgrammeAsync(string name, string coach, string otherCoach, string sender)
    {
        await using var scope = app.Host.Scope();
        var programmes = scope.ServiceProvider.GetRequiredService<ManageProgrammes>();
        var id = await programmes.CreateAsync(name, "guidance", "Custodian Valmennus Oy", Ct);
        await programmes.AssignAsync(id, "staff-" + coach, GuidanceRole.Coach, "A", "Custodian Valmennus Oy", Ct);
        await programmes.AssignAsync(id, "staff-" + otherCoach, GuidanceRole.Coach, "A", "Custodian Valmennus Oy", Ct);
        await programmes.AssignAsync(id, "staff-" + sender, GuidanceRole.SendingOrganisation, "-", "TE-palvelut (browser)", Ct);
        return id;
    }

    private async Task<Browser> SignInAsync(string handle, string role)
    {
        var link = await StaffSignIns.AddAsync(app.Host, handle, [role], Ct);
        var browser = Browser.Start();
        OperatorSession.Enrol(browser, app, link);
        browser.WaitFor(d => new Uri(d.Url).AbsolutePath != app.Url(link).AbsolutePath ? true : (bool?)null, "signed in");
        return browser;
    }
}
