using System.Globalization;
using Custodian.Modules.Guidance.Clients;
using Custodian.Modules.Guidance.Programmes;
using Custodian.Privacy.Abstractions.Access;
using Custodian.Testing;
using Microsoft.Extensions.DependencyInjection;
using OpenQA.Selenium;

namespace Custodian.Browser.Tests;

/// <summary>Goals and plan in Chromium: the coach sets a goal with a target date and moves it on; the sending organisation reads what is shared.</summary>
public sealed class GuidancePlanTests(RunningApp app) : IClassFixture<RunningApp>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_coach_sets_a_goal_with_a_target_date_marks_it_in_progress_as_a_new_version_and_the_sending_organisation_sees_it()
    {
        Guid client;
        await using (var scope = app.Host.Scope())
        {
            var programmes = scope.ServiceProvider.GetRequiredService<ManageProgrammes>();
            var programme = await programmes.CreateAsync("Tavoiteohjelma", "guidance", "Custodian Valmennus Oy", Ct);
            await programmes.AssignAsync(programme, "staff-coach.tavoite", GuidanceRole.Coach, "A", "Custodian Valmennus Oy", Ct);
            await programmes.AssignAsync(programme, "staff-te.tavoite", GuidanceRole.SendingOrganisation, "-", "TE-palvelut (tavoite)", Ct);
            client = await scope.ServiceProvider.GetRequiredService<CreateClient>().CreateAsync("staff-coach.tavoite",
                new(programme, "Sanna", "Koski", "010190-905V", null, null, null, "staff-te.tavoite"), Ct);
            await scope.ServiceProvider.GetRequiredService<WrittenConsents>().RecordAsync("staff-coach.tavoite", client,
                new(["employment", "guidance"], ["employment"], "ARK-77", RunningApp.Today.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), "2026-11"), Ct);
        }

        var record = "/guidance/clients/" + client;
        using (var coach = await SignInAsync("coach.tavoite", Roles.Coach))
        {
            var driver = coach.Driver;
            driver.Navigate().GoToUrl(app.Url(record));
            driver.FindElement(By.CssSelector("#plan-kind option[value='goal']")).Click();
            driver.FindElement(By.CssSelector("#plan-area option[value='employment']")).Click();
            driver.FindElement(By.Id("plan-text")).SendKeys("Osa-aikatyö kevääseen mennessä.");
            ((IJavaScriptExecutor)driver).ExecuteScript("document.getElementById('plan-target').value = '2027-05-31';");
            driver.FindElement(By.Id("save-plan")).Click();
            var goal = coach.WaitFor(d => d.FindElements(By.CssSelector("#section-plan .plan-item[data-kind='goal']")).FirstOrDefault(), "the new goal");
            Assert.Equal(("open", "1"), (goal.GetAttribute("data-status"), goal.GetAttribute("data-version")));

            driver.FindElement(By.CssSelector("#section-plan .plan-item a")).Click();
            coach.WaitFor(d => d.FindElements(By.Id("stored-text")).FirstOrDefault(), "the goal's page");
            driver.FindElement(By.CssSelector("#plan-status option[value='in-progress']")).Click();
            driver.FindElement(By.Id("save-plan")).Click();
            goal = coach.WaitFor(d => d.FindElements(By.CssSelector("#section-plan .plan-item[data-version='2']")).FirstOrDefault(), "the goal's second version");
            Assert.Equal("in-progress", goal.GetAttribute("data-status"));
            coach.Screenshot("guidance-goal-in-progress");
        }

        using var sender = await SignInAsync("te.tavoite", Roles.SendingOrganisation);
        sender.Driver.Navigate().GoToUrl(app.Url(record));
        var seen = sender.WaitFor(d => d.FindElements(By.CssSelector("#section-plan .plan-item")).FirstOrDefault(), "the shared goal");
        Assert.Contains("Osa-aikatyö kevääseen mennessä.", seen.Text, StringComparison.Ordinal);
        Assert.Empty(sender.Driver.FindElements(By.Id("plan-form")));
        sender.Screenshot("guidance-goal-sending-organisation");
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
