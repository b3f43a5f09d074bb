using Custodian.Web.Platform;
using Microsoft.Extensions.DependencyInjection;
using OpenQA.Selenium;

namespace Custodian.Browser.Tests;

/// <summary>A browser signed in to the operator console through a single-use sign-in link.</summary>
internal static class OperatorSession
{
    public static async Task<Browser> SignInAsync(RunningApp app)
    {
        string token;
        await using (var scope = app.Services.CreateAsyncScope())
        {
            token = await scope.ServiceProvider.GetRequiredService<OperatorSignInLinks>().IssueAsync("ops.test", TestContext.Current.CancellationToken);
        }

        var browser = Browser.Start();
        browser.Driver.Navigate().GoToUrl(app.Url("/account/operator-link/" + token));
        browser.Driver.FindElement(By.Id("operator-sign-in")).Click();
        browser.WaitFor(d => d.Url.EndsWith("/operator/requests", StringComparison.Ordinal), "the request dashboard");
        return browser;
    }
}
