using System.Globalization;
using Custodian.Modules.Guidance.Clients;
using Custodian.Modules.Guidance.Programmes;
using Custodian.Privacy.Abstractions.Access;
using Custodian.Testing;
using Microsoft.Extensions.DependencyInjection;
using OpenQA.Selenium;

namespace Custodian.Browser.Tests;

/// <summary>In Chromium: the coach closes a client relationship (the record then refuses a new entry); office staff change basic data and see no section.</summary>
public sealed class GuidanceClosingTests(RunningApp app) : IClassFixture<RunningApp>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_coach_closes_a_client_relationship_and_the_record_then_refuses_a_new_coaching_entry()
    {
        Guid client;
        var today = app.Clock.GetUtcNow().ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        await using (var scope = app.Host.Scope())
        {
            var programmes = scope.ServiceProvider.GetRequiredService<ManageProgrammes>();
            var programme = await programmes.CreateAsync("Päättymisohjelma", "guidance", "Custodian Valmennus Oy", Ct);
            await programmes.AssignAsync(programme, "staff-coach.paatos", GuidanceRole.Coach, "A", "Custodian Valmennus Oy", Ct);
            client = await scope.ServiceProvider.GetRequiredService<CreateClient>().CreateAsync("staff-coach.paatos",
                new(programme, "Veera", "Lahti", "010190-906W", null, null, null, null), Ct);
            await scope.ServiceProvider.GetRequiredService<WrittenConsents>().RecordAsync("staff-coach.paatos", client,
                new(["guidance"], [], "ARK-91", today, "2026-11"), Ct);
        }

        using var coach = await SignInAsync("coach.paatos", Roles.Coach);
        var driver = coach.Driver;
        driver.Navigate().GoToUrl(app.Url("/guidance/clients/" + client));
        coach.WaitFor(d => d.FindElements(By.Id("client-open")).FirstOrDefault(), "the open relationship");
        ((IJavaScriptExecutor)driver).ExecuteScript($"document.getElementById('close-end-date').value = '{today}';");
        driver.FindElement(By.CssSelector("#close-reason option[value='goals-reached']")).Click();
        driver.FindElement(By.Id("close-submit")).Click();
        var closed = coach.WaitFor(d => d.FindElements(By.Id("client-closed")).FirstOrDefault(), "the closed relationship");
        Assert.Equal(today, closed.GetAttribute("data-ended"));
        Assert.DoesNotContain("goals-reached", closed.Text, StringComparison.Ordinal);
        Assert.Empty(driver.FindElements(By.Id("close-form")));
        coach.Screenshot("guidance-client-closed");

        driver.FindElement(By.CssSelector("#coaching-area option[value='guidance']")).Click();
        driver.FindElement(By.Id("coaching-text")).SendKeys("Merkintä päättymisen jälkeen.");
        driver.FindElement(By.Id("save-coaching")).Click();
        coach.WaitFor(d => d.FindElements(By.Id("guidance-problem")).FirstOrDefault(), "the refusal");
        Assert.Empty(driver.FindElements(By.CssSelector("#section-coaching .entry")));
        coach.Screenshot("guidance-closed-entry-refused");
    }

    [Fact]
    public async Task Office_staff_change_a_client_s_address_and_see_no_section_of_the_record()
    {
        Guid client;
        await using (var scope = app.Host.Scope())
        {
            var programmes = scope.ServiceProvider.GetRequiredService<ManageProgrammes>();
            var programme = await programmes.CreateAsync("Toimisto-ohjelma", "guidance", "Custodian Valmennus Oy", Ct);
            await programmes.AssignAsync(programme, "staff-coach.toimisto", GuidanceRole.Coach, "A", "Custodian Valmennus Oy", Ct);
            await programmes.AssignAsync(programme, "staff-office.toimisto", GuidanceRole.OfficeStaff, "A", "Custodian Valmennus Oy", Ct);
            client = await scope.ServiceProvider.GetRequiredService<CreateClient>().CreateAsync("staff-coach.toimisto",
                new(programme, "Ville", "Salo", "010190-907X", "Vanhakatu 1", null, null, null), Ct);
        }

        using var office = await SignInAsync("office.toimisto", Roles.OfficeStaff);
        var driver = office.Driver;
        driver.Navigate().GoToUrl(app.Url("/guidance/clients/" + client));
        var address = office.WaitFor(d => d.FindElements(By.Id("basic-address")).FirstOrDefault(), "the basic data form");
        address.Clear();
        address.SendKeys("Uusikatu 5 B 12");
        driver.FindElement(By.Id("save-basic")).Click();
        office.WaitFor(d => d.FindElements(By.Id("guidance-message")).FirstOrDefault(), "the saved message");
        Assert.Equal("Uusikatu 5 B 12", driver.FindElement(By.Id("basic-address")).GetAttribute("value"));
        Assert.Empty(driver.FindElements(By.Id("consent")));
        Assert.Empty(driver.FindElements(By.Id("section-coaching")));
        office.Screenshot("guidance-office-basic-data");
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
