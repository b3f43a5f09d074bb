using Custodian.Modules.Guidance.Clients;
using Custodian.Modules.Guidance.Programmes;
using Custodian.Privacy.Abstractions.Access;
using Custodian.Testing;
using Microsoft.Extensions.DependencyInjection;
using OpenQA.Selenium;

namespace Custodian.Browser.Tests;

/// <summary>Appointments in Chromium: office staff book one on the client's record; it shows there and in their calendar.</summary>
public sealed class GuidanceAppointmentTests(RunningApp app) : IClassFixture<RunningApp>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Office_staff_book_an_appointment_on_the_record_and_find_it_there_and_on_their_calendar_by_day()
    {
        Guid client;
        await using (var scope = app.Host.Scope())
        {
            var programmes = scope.ServiceProvider.GetRequiredService<ManageProgrammes>();
            var programme = await programmes.CreateAsync("Tapaamisohjelma", "guidance", "Custodian Valmennus Oy", Ct);
            await programmes.AssignAsync(programme, "staff-coach.tapaaminen", GuidanceRole.Coach, "A", "Custodian Valmennus Oy", Ct);
            await programmes.AssignAsync(programme, "staff-office.tapaaminen", GuidanceRole.OfficeStaff, "A", "Custodian Valmennus Oy", Ct);
            client = await scope.ServiceProvider.GetRequiredService<CreateClient>().CreateAsync("staff-coach.tapaaminen",
                new(programme, "Ville", "Tapaninen", "010190-907X", null, null, "ville@example.fi", null), Ct);
        }

        using var office = await SignInAsync("office.tapaaminen", Roles.OfficeStaff);
        var driver = office.Driver;
        driver.Navigate().GoToUrl(app.Url("/guidance/clients/" + client));
        ((IJavaScriptExecutor)driver).ExecuteScript(
            "document.getElementById('appointment-day').value = '2026-11-18'; document.getElementById('appointment-start').value = '14:00'; document.getElementById('appointment-end').value = '15:00';");
        driver.FindElement(By.Id("appointment-place")).SendKeys("Toimisto, Mannerheimintie 1");
        driver.FindElement(By.Id("appointment-note")).SendKeys("Ota CV mukaan. <script>alert(1)</script>");
        driver.FindElement(By.Id("book-appointment")).Click();

        var booked = office.WaitFor(d => d.FindElements(By.CssSelector("#section-appointments .appointment[data-state='booked']")).FirstOrDefault(), "the booked appointment");
        Assert.Contains("Toimisto, Mannerheimintie 1", booked.Text, StringComparison.Ordinal);
        Assert.Contains("18.11.2026 14.00–15.00", booked.FindElement(By.CssSelector(".appointment-when")).Text, StringComparison.Ordinal);
        Assert.Contains("<script>alert(1)</script>", booked.FindElement(By.CssSelector(".appointment-note")).Text, StringComparison.Ordinal);
        Assert.NotNull(driver.FindElement(By.Id("guidance-message")));
        office.Screenshot("guidance-appointment-booked");

        driver.Navigate().GoToUrl(app.Url("/guidance/appointments"));
        var day = office.WaitFor(d => d.FindElements(By.CssSelector(".appointment-day[data-day='2026-11-18']")).FirstOrDefault(), "the day of the appointment");
        Assert.Contains("Ville Tapaninen", day.Text, StringComparison.Ordinal);
        Assert.Contains("18.11.2026 14.00–15.00", day.Text, StringComparison.Ordinal);
        Assert.Contains("Toimisto, Mannerheimintie 1", day.Text, StringComparison.Ordinal);
        office.Screenshot("guidance-appointment-calendar");
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
