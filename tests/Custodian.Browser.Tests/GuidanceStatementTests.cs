using System.Globalization;
using Custodian.Modules.Guidance.Clients;
using Custodian.Modules.Guidance.Programmes;
using Custodian.Privacy.Abstractions.Access;
using Custodian.Testing;
using Microsoft.Extensions.DependencyInjection;
using OpenQA.Selenium;

namespace Custodian.Browser.Tests;

/// <summary>A statement in Chromium: the coach drafts it, the team lead approves and issues it, the sending organisation reads it.</summary>
public sealed class GuidanceStatementTests(RunningApp app) : IClassFixture<RunningApp>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_coach_drafts_a_statement_the_team_lead_approves_and_issues_it_and_the_sending_organisation_then_reads_it()
    {
        Guid client;
        await using (var scope = app.Host.Scope())
        {
            var programmes = scope.ServiceProvider.GetRequiredService<ManageProgrammes>();
            var programme = await programmes.CreateAsync("Lausuntoohjelma", "guidance", "Custodian Valmennus Oy", Ct);
            await programmes.AssignAsync(programme, "staff-coach.lausunto", GuidanceRole.Coach, "A", "Custodian Valmennus Oy", Ct);
            await programmes.AssignAsync(programme, "staff-lead.lausunto", GuidanceRole.TeamLead, "A", "Custodian Valmennus Oy", Ct);
            await programmes.AssignAsync(programme, "staff-te.lausunto", GuidanceRole.SendingOrganisation, "-", "TE-palvelut (lausunto)", Ct);
            client = await scope.ServiceProvider.GetRequiredService<CreateClient>().CreateAsync("staff-coach.lausunto",
                new(programme, "Ville", "Nieminen", "150585-954D", null, null, null, "staff-te.lausunto"), Ct);
            await scope.ServiceProvider.GetRequiredService<WrittenConsents>().RecordAsync("staff-coach.lausunto", client,
                new(["employment", "guidance"], ["employment"], "ARK-55", RunningApp.Today.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), "2026-11"), Ct);
        }

        var record = "/guidance/clients/" + client;
        string statementPage;
        using (var coach = await SignInAsync("coach.lausunto", Roles.Coach))
        {
            var driver = coach.Driver;
            driver.Navigate().GoToUrl(app.Url(record));
            driver.FindElement(By.CssSelector("#statement-area option[value='employment']")).Click();
            driver.FindElement(By.Id("statement-text")).SendKeys("Asiakas soveltuu osa-aikatyöhön.");
            driver.FindElement(By.Id("save-statement")).Click();
            coach.WaitFor(d => d.FindElements(By.CssSelector("#statement[data-state='draft']")).FirstOrDefault(), "the saved draft");
            statementPage = new Uri(driver.Url).AbsolutePath;
            Assert.Matches("^/guidance/clients/[0-9a-f-]{36}/statements/[0-9a-f-]{36}$", statementPage);
            driver.FindElement(By.Id("submit-statement")).Click();
            coach.WaitFor(d => d.FindElements(By.CssSelector("#statement[data-state='in-review']")).FirstOrDefault(), "the statement in review");
            Assert.Empty(driver.FindElements(By.Id("edit-form")));
            Assert.Empty(driver.FindElements(By.Id("issue-form")));
            coach.Screenshot("guidance-statement-in-review");
        }

        using (var lead = await SignInAsync("lead.lausunto", Roles.UnitLead))
        {
            var driver = lead.Driver;
            driver.Navigate().GoToUrl(app.Url(record));
            lead.WaitFor(d => d.FindElements(By.CssSelector("#section-statements .statement[data-state='in-review'] a")).FirstOrDefault(), "the statement waiting for review").Click();
            lead.WaitFor(d => d.FindElements(By.Id("approve-statement")).FirstOrDefault(), "the approval button").Click();
            lead.WaitFor(d => d.FindElements(By.CssSelector("#statement[data-state='approved']")).FirstOrDefault(), "the approved statement");
            driver.FindElement(By.Id("issue-statement")).Click();
            lead.WaitFor(d => d.FindElements(By.CssSelector("#statement[data-state='issued']")).FirstOrDefault(), "the issued statement");
            Assert.Equal("TE-palvelut (lausunto)", driver.FindElement(By.Id("disclosure-recipient")).Text);
            Assert.NotEmpty(driver.FindElement(By.Id("disclosure-basis")).Text);
            lead.Screenshot("guidance-statement-issued");
        }

        using var sender = await SignInAsync("te.lausunto", Roles.SendingOrganisation);
        sender.Driver.Navigate().GoToUrl(app.Url(record));
        var seen = sender.WaitFor(d => d.FindElements(By.CssSelector("#section-statements .statement[data-state='issued']")).FirstOrDefault(), "the issued statement");
        Assert.Contains("Asiakas soveltuu osa-aikatyöhön.", seen.Text, StringComparison.Ordinal);
        Assert.Empty(sender.Driver.FindElements(By.Id("statement-form")));
        sender.Screenshot("guidance-statement-sending-organisation");
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
