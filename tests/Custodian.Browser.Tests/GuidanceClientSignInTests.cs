using Custodian.Modules.Guidance.Clients;
using Custodian.Modules.Guidance.Programmes;
using Custodian.Simulators.OpenIdBroker;
using Custodian.Testing;
using Microsoft.Extensions.DependencyInjection;
using OpenQA.Selenium;

namespace Custodian.Browser.Tests;

/// <summary>
/// Client guidance in Chromium: a client identifies through the identification broker's stand-in and sees their record
/// and who viewed it. The app on Kestrel and the stand-in run on the system clock (the handler checks the nonce and the
/// token's lifetime against it).
/// </summary>
public sealed class GuidanceClientSignInTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_client_signs_in_through_the_broker_and_sees_their_record_and_who_viewed_it()
    {
        await using var broker = await OpenIdBrokerSimulator.StartAsync("guidance-browser", "browser secret", cancellationToken: Ct);
        broker.TestPeople.Add(("010190-901R", "Aino", "Virtanen"));
        await using var host = await CustodianHost.Builder().InEnvironment("Development").OnKestrel()
            .WithSetting("Guidance:ClientSignIn:Authority", broker.BaseAddress.ToString())
            .WithSetting("Guidance:ClientSignIn:ClientId", "guidance-browser")
            .WithSetting("Guidance:ClientSignIn:ClientSecret", "browser secret")
            .WithSetting("Guidance:ClientSignIn:DisplayName", "Suomi.fi")
            .BuildAsync(Ct);
        Guid client;
        await using (var scope = host.Scope())
        {
            var sp = scope.ServiceProvider;
            var programmes = sp.GetRequiredService<ManageProgrammes>();
            var programme = await programmes.CreateAsync("Työvalmennus (asiakas)", GuidanceRegisters.Provider, "Custodian Valmennus Oy", Ct);
            await programmes.AssignAsync(programme, "staff-coach.asiakas", GuidanceRole.Coach, "A", "Custodian Valmennus Oy", Ct);
            await programmes.AssignAsync(programme, "staff-te.asiakas", GuidanceRole.SendingOrganisation, "-", "TE-palvelut Helsinki", Ct);
            client = await sp.GetRequiredService<CreateClient>().CreateAsync("staff-coach.asiakas",
                new(programme, "Aino", "Virtanen", "010190-901R", "Esimerkkikatu 1", null, "aino@example.fi", "staff-te.asiakas"), Ct);
            await sp.GetRequiredService<WrittenConsents>().RecordAsync("staff-coach.asiakas", client, new(["employment", "guidance"], ["employment"], "ARK-2026-7", "2026-12-01", "2026-12"), Ct);
        }

        await using (var scope = host.Scope())
        {
            await scope.ServiceProvider.GetRequiredService<OpenClientRecord>().OpenAsync("staff-coach.asiakas", client, Ct);
        }

        await using (var scope = host.Scope())
        {
            await scope.ServiceProvider.GetRequiredService<OpenClientRecord>().OpenAsync("staff-te.asiakas", client, Ct);
        }

        using var browser = Browser.Start();
        var driver = browser.Driver;
        driver.Navigate().GoToUrl(host.Url("/guidance/me"));
        Assert.Contains("Suomi.fi", driver.FindElement(By.Id("me-sign-in")).Text, StringComparison.Ordinal);
        driver.FindElement(By.Id("me-sign-in")).Click();
        browser.WaitFor(d => d.FindElements(By.Id("broker-person-0")).FirstOrDefault(), "the broker's identification page");
        Assert.StartsWith(broker.BaseAddress.GetLeftPart(UriPartial.Authority), driver.Url, StringComparison.Ordinal);
        driver.FindElement(By.Id("broker-person-0")).Click();

        var record = browser.WaitFor(d => d.FindElements(By.Id("record-" + client)).FirstOrDefault(), "the client's own record");
        Assert.Equal(host.Url("/guidance/me").AbsoluteUri, driver.Url);
        Assert.Contains("Aino Virtanen", record.FindElement(By.ClassName("own-name")).Text, StringComparison.Ordinal);
        var access = record.FindElement(By.ClassName("own-access-list")).Text;
        Assert.Contains("TE-palvelut Helsinki", access, StringComparison.Ordinal);
        Assert.Contains("Custodian Valmennus Oy", access, StringComparison.Ordinal);
        Assert.DoesNotContain("010190-901R", driver.PageSource, StringComparison.Ordinal);
        browser.Screenshot("guidance-client-own-record");

        driver.FindElement(By.Id("me-sign-out")).Click();
        browser.WaitFor(d => d.FindElements(By.Id("me-sign-in")).FirstOrDefault(), "signed out");
        Assert.Empty(driver.FindElements(By.Id("record-" + client)));
        Assert.DoesNotContain(browser.ConsoleErrors(), e => e.StartsWith(host.BaseAddress.GetLeftPart(UriPartial.Authority), StringComparison.Ordinal)); // the stand-in's own page has no favicon
    }
}
