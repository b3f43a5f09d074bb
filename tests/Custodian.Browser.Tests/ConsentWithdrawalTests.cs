using Custodian.Privacy.Abstractions.Consent;
using Custodian.Privacy.Abstractions.Protection;
using Custodian.Privacy.Consent;
using Custodian.Testing;
using Microsoft.Extensions.DependencyInjection;
using OpenQA.Selenium;

namespace Custodian.Browser.Tests;

public sealed class ConsentWithdrawalTests(RunningApp app) : IClassFixture<RunningApp>
{
    private static readonly ConsentPurpose Marketing = new("training", "marketing");

    [Fact]
    public async Task A_person_withdraws_marketing_consent_with_one_click_from_the_link()
    {
        var subject = SubjectId.New();
        await using (var scope = app.Services.CreateAsyncScope())
        {
            var ledger = scope.ServiceProvider.GetRequiredService<IConsentLedger>();
            await ledger.GiveAsync(subject, Marketing, "Course offers by e-mail.", new ConsentEvidence(ConsentChannel.WebForm, "enrolment"), TestContext.Current.CancellationToken);
            Assert.True(await ledger.HasConsentAsync(subject, Marketing, TestContext.Current.CancellationToken));
        }

        using var browser = Browser.Start();
        browser.Driver.Navigate().GoToUrl(app.Url(app.Services.GetRequiredService<ConsentLinks>().WithdrawPath(subject, Marketing)));
        browser.Driver.FindElement(By.Id("withdraw-button")).Click();

        browser.WaitFor(d => d.FindElement(By.Id("withdraw-done")).Displayed, "the confirmation");
        browser.Screenshot("consent-withdrawn");
        await using var check = app.Services.CreateAsyncScope();
        var after = check.ServiceProvider.GetRequiredService<IConsentLedger>();
        Assert.False(await after.HasConsentAsync(subject, Marketing, TestContext.Current.CancellationToken));
        Assert.Equal([true, false], (await after.HistoryAsync(subject, TestContext.Current.CancellationToken)).Select(e => e.Given)); // withdrawn by the click, once
        Assert.Empty(browser.ConsoleErrors());
    }

    [Fact]
    public void The_privacy_centre_lists_every_register_and_jumps_to_one()
    {
        using var browser = Browser.Start();
        browser.Driver.Navigate().GoToUrl(app.Url("/privacy"));

        Assert.Equal(Directory.GetFiles(Path.Combine(Repository.Root, "registers"), "*.yaml").Length, browser.Driver.FindElements(By.CssSelector(".register-index a")).Count);
        browser.Driver.FindElement(By.CssSelector(".register-index a[href='#guidance-city']")).Click();

        browser.WaitFor(d => d.Url.EndsWith("#guidance-city", StringComparison.Ordinal), "the register anchor");
        Assert.Contains("Client guidance — for a city (processor)", browser.Driver.FindElement(By.CssSelector("#guidance-city h2")).Text, StringComparison.Ordinal);
        browser.Screenshot("privacy-centre");
    }
}
