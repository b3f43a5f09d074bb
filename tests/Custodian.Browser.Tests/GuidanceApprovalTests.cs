using Custodian.Modules.Guidance.Programmes;
using Custodian.Privacy.Abstractions.Access;
using Custodian.Privacy.Audit;
using Custodian.Privacy.Requests;
using Custodian.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using OpenQA.Selenium;

namespace Custodian.Browser.Tests;

/// <summary>Client guidance in Chromium: the city's admin decides a forwarded erasure request inside the app.</summary>
public sealed class GuidanceApprovalTests(RunningApp app) : IClassFixture<RunningApp>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task The_city_admin_approves_an_erasure_request_in_the_app_and_the_client_record_is_gone_while_the_audit_trail_stays()
    {
        string reference;
        Guid client;
        string subject;
        await using (var scope = app.Host.Scope())
        {
            var sp = scope.ServiceProvider;
            var programmes = sp.GetRequiredService<ManageProgrammes>();
            var programme = await programmes.CreateAsync("Kaupungin työvalmennus (selain)", GuidanceRegisters.City, "Esimerkin kaupunki", Ct);
            await programmes.AssignAsync(programme, "staff-coach.kaupunki", GuidanceRole.Coach, "A", "Custodian Valmennus Oy", Ct);
            await programmes.AssignAsync(programme, "staff-city.admin", GuidanceRole.ControllerAdmin, "-", "Esimerkin kaupunki", Ct);
            client = await sp.GetRequiredService<Custodian.Modules.Guidance.Clients.CreateClient>().CreateAsync("staff-coach.kaupunki",
                new(programme, "Ville", "Korhonen", "150585-9177", null, null, "ville.korhonen@example.fi", null), Ct);
            subject = (await sp.GetRequiredService<Custodian.Modules.Guidance.GuidanceDb>().Clients.SingleAsync(c => c.Id == client, Ct)).SubjectId.ToString();
            var receipt = await sp.GetRequiredService<SubmitRequest.Intake>().SubmitAsync(new(GuidanceRegisters.City, "erasure", "ville.korhonen@example.fi", "Poistakaa tietoni.", "fi"), RequestChannel.Email, null, Ct);
            await sp.GetRequiredService<VerifyRequest>().VerifyAsync(receipt.Reference, VerificationMethod.OperatorCheck, "Henkilökortti nähty toimistolla.", null, Ct);
            Assert.Equal(RequestStatus.Forwarded, (await sp.GetRequiredService<ExecuteRequest>().ExecuteAsync(receipt.Reference, new ExecutionInput(), Ct)).Status);
            reference = receipt.Reference;
        }

        using var admin = await SignInAsync("city.admin", Roles.ControllerAdmin);
        var driver = admin.Driver;
        driver.Navigate().GoToUrl(app.Url("/guidance"));
        driver.FindElement(By.Id("controller-requests")).Click();
        var request = admin.WaitFor(d => d.FindElements(By.Id("request-" + reference)).FirstOrDefault(), "the waiting request");
        Assert.Contains("Ville Korhonen", request.Text, StringComparison.Ordinal);
        Assert.Contains("Poistakaa tietoni.", request.Text, StringComparison.Ordinal);
        admin.Screenshot("guidance-city-admin-requests");

        driver.FindElement(By.Id("approve-" + reference)).Click();
        admin.WaitFor(d => d.FindElements(By.Id("guidance-message")).FirstOrDefault(), "the outcome");
        Assert.NotNull(driver.FindElement(By.Id("no-requests")));
        admin.Screenshot("guidance-city-admin-approved");

        driver.Navigate().GoToUrl(app.Url("/guidance/clients/" + client));
        admin.WaitFor(d => d.FindElements(By.TagName("h1")).FirstOrDefault(), "the answer");
        Assert.Empty(driver.FindElements(By.Id("client-name")));
        Assert.DoesNotContain("Korhonen", driver.PageSource, StringComparison.Ordinal);
        var status = ((IJavaScriptExecutor)driver).ExecuteAsyncScript("var done = arguments[arguments.length - 1]; fetch(arguments[0]).then(r => done(r.status));", "/guidance/clients/" + client);
        Assert.Equal(404L, status);
        await using (var scope = app.Host.Scope())
        {
            var sp = scope.ServiceProvider;
            Assert.False(await sp.GetRequiredService<Custodian.Modules.Guidance.GuidanceDb>().Clients.AnyAsync(c => c.Id == client, Ct));
            var audit = await sp.GetRequiredService<AuditReader>().ReadAsync(1, subject, Ct);
            Assert.Contains(audit, e => e.Action.StartsWith("guidance create client", StringComparison.Ordinal));
            Assert.Contains(audit, e => e.Action == "request.completed" && e.Actor == "account:staff-city.admin");
            Assert.Equal(RequestStatus.Completed, (await sp.GetRequiredService<RequestRules>().FindAsync(reference, Ct)).Status);
        }
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
