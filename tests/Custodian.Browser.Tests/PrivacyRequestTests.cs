using System.IO.Compression;
using System.Text.Json;
using Custodian.Privacy.Abstractions.Consent;
using Custodian.Privacy.Abstractions.Protection;
using Custodian.Privacy.Abstractions.Requests;
using Custodian.Simulators.Smtp;
using Custodian.Testing;
using Microsoft.Extensions.DependencyInjection;
using OpenQA.Selenium;

namespace Custodian.Browser.Tests;

/// <summary>The app with a stand-in training module holding personal data, so requests have something to find.</summary>
public sealed class RunningAppWithTraining : RunningApp
{
    protected override CustodianHostBuilder Compose(CustodianHostBuilder builder) =>
        (builder ?? throw new ArgumentNullException(nameof(builder))).WithServices(services =>
        {
            services.AddSingleton(sp => new SampleTrainingProvider(sp.GetRequiredService<IPersonalDataVault>()));
            services.AddSingleton<IPersonalDataProvider>(sp => sp.GetRequiredService<SampleTrainingProvider>());
        });
}

/// <summary>A subject asks through the public form, an operator verifies and carries it out, the subject downloads once.</summary>
public sealed class PrivacyRequestTests(RunningAppWithTraining app) : IClassFixture<RunningAppWithTraining>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Access_request_from_the_form_confirmed_by_email_to_a_downloaded_copy()
    {
        await app.Services.GetRequiredService<SampleTrainingProvider>().EnrolAsync("Anna", "anna.access@example.fi", withExam: false, Ct, app.Clock.GetUtcNow());
        var mailbox = app.Services.GetRequiredService<SmtpSimulator>();
        using var downloads = new TemporaryFolder();
        using var subject = Browser.Start(downloads.Path);

        var reference = SubmitFromPrivacyCentre(subject, "access", "anna.access@example.fi");
        subject.Driver.Navigate().GoToUrl(LinkIn(subject, mailbox, "anna.access@example.fi", "/privacy/requests/confirm/"));
        subject.Driver.FindElement(By.Id("confirm-button")).Click();
        subject.WaitFor(d => d.FindElement(By.Id("request-confirmed")).Displayed, "the confirmation");
        using var operatorBrowser = await OperatorSession.SignInAsync(app);
        CarryOut(operatorBrowser, reference, verifyFirst: false, "access-operator");
        Assert.True(operatorBrowser.Driver.FindElement(By.Id("download-link-mailed")).Displayed);

        var link = LinkIn(subject, mailbox, "anna.access@example.fi", "/privacy/requests/download/");
        subject.Driver.Navigate().GoToUrl(link);
        Assert.Contains("\"package_sha256\"", subject.Driver.FindElement(By.Id("receipt-text")).GetAttribute("textContent"), StringComparison.Ordinal);
        subject.Driver.FindElement(By.Id("download-button")).Click();
        var zip = subject.WaitFor(_ => Directory.GetFiles(downloads.Path, reference + ".zip").FirstOrDefault(), "the downloaded copy");
        using (var archive = ZipFile.OpenRead(zip))
        {
            using var data = JsonDocument.Parse(archive.GetEntry("data.json")!.Open());
            var enrolment = data.RootElement.GetProperty("records").EnumerateArray().Single(r => r.GetProperty("type").GetString() == "enrolment");
            Assert.Contains(enrolment.GetProperty("fields").EnumerateArray(), f => f.GetProperty("name").GetString() == "first_name" && f.GetProperty("value").GetString() == "Anna");
        }

        subject.Driver.Navigate().GoToUrl(link);
        subject.WaitFor(d => d.FindElement(By.Id("download-used")).Displayed, "the used-link notice");
        subject.Screenshot("request-download-used");
        Assert.DoesNotContain(subject.ConsoleErrors(), e => !e.Contains("410", StringComparison.Ordinal)); // the used link answers 410 Gone
        Assert.Empty(operatorBrowser.ConsoleErrors());
    }

    [Fact]
    public async Task Erasure_request_keeps_only_the_held_exam_and_says_why()
    {
        var training = app.Services.GetRequiredService<SampleTrainingProvider>();
        var bob = await training.EnrolAsync("Bob", "bob.erasure@example.fi", withExam: true, Ct, app.Clock.GetUtcNow());
        using var subject = Browser.Start();

        var reference = SubmitFromPrivacyCentre(subject, "erasure", "bob.erasure@example.fi");
        using var operatorBrowser = await OperatorSession.SignInAsync(app);
        CarryOut(operatorBrowser, reference, verifyFirst: true, "erasure-operator");

        var outcome = operatorBrowser.Driver.FindElement(By.Id("outcome")).Text;
        Assert.Contains("Erased 1 record(s).", outcome, StringComparison.Ordinal);
        Assert.Contains("The exam record is kept as proof of the certificate issued on it.", outcome, StringComparison.Ordinal);
        var left = await training.ExportAsync(bob, "training", Ct);
        Assert.Equal("exam", Assert.Single(left).Record.RecordType);
        Assert.True(left[0].Restricted);
        Assert.Empty(subject.ConsoleErrors());
        Assert.Empty(operatorBrowser.ConsoleErrors());
    }

    [Fact]
    public async Task Rectification_and_objection_are_carried_out_with_the_choices_the_operator_makes()
    {
        var training = app.Services.GetRequiredService<SampleTrainingProvider>();
        var cara = await training.EnrolAsync("Kara", "cara.fix@example.fi", withExam: false, Ct, app.Clock.GetUtcNow());
        await using (var scope = app.Services.CreateAsyncScope())
        {
            await scope.ServiceProvider.GetRequiredService<IConsentLedger>().GiveAsync(cara, new ConsentPurpose("training", "marketing"), "Course offers by e-mail.", new ConsentEvidence(ConsentChannel.WebForm, "form-9"), Ct);
        }

        using var subject = Browser.Start();
        var rectification = SubmitFromPrivacyCentre(subject, "rectification", "cara.fix@example.fi");
        var objection = SubmitFromPrivacyCentre(subject, "objection", "cara.fix@example.fi");
        using var operatorBrowser = await OperatorSession.SignInAsync(app);

        Open(operatorBrowser, rectification);
        Verify(operatorBrowser);
        operatorBrowser.Driver.FindElement(By.CssSelector("#target option[value$=':first_name']")).Click();
        operatorBrowser.Driver.FindElement(By.Id("value")).SendKeys("Cara");
        operatorBrowser.Driver.FindElement(By.Id("execute-submit")).Click();
        operatorBrowser.WaitFor(d => d.FindElement(By.Id("status")).Text == "Completed", "the rectification");
        Open(operatorBrowser, objection);
        Verify(operatorBrowser);
        operatorBrowser.Driver.FindElement(By.CssSelector("#purpose option[value='marketing']")).Click();
        operatorBrowser.Driver.FindElement(By.Id("execute-submit")).Click();
        operatorBrowser.WaitFor(d => d.FindElement(By.Id("status")).Text == "Completed", "the objection");
        operatorBrowser.Screenshot("objection-operator");

        var enrolment = Assert.Single(await training.ExportAsync(cara, "training", Ct));
        Assert.Equal("Cara", enrolment.Fields.Single(f => f.Name == "first_name").Value);
        await using var check = app.Services.CreateAsyncScope();
        Assert.False(await check.ServiceProvider.GetRequiredService<IConsentLedger>().HasConsentAsync(cara, new ConsentPurpose("training", "marketing"), Ct));
        Assert.Contains("GDPR art. 21(3)", operatorBrowser.Driver.FindElement(By.Id("outcome")).Text, StringComparison.Ordinal);
        Assert.Empty(operatorBrowser.ConsoleErrors());
    }

    private static void Open(Browser operatorBrowser, string reference)
    {
        operatorBrowser.Driver.Navigate().GoToUrl(new Uri(new Uri(operatorBrowser.Driver.Url), "/operator/requests/" + reference));
        operatorBrowser.WaitFor(d => d.FindElement(By.Id("reference")).Text == reference, "the request page");
    }

    private static void Verify(Browser operatorBrowser)
    {
        operatorBrowser.Driver.FindElement(By.Id("evidence")).SendKeys("Called back on the registered number.");
        operatorBrowser.Driver.FindElement(By.Id("verify-submit")).Click();
        operatorBrowser.WaitFor(d => d.FindElement(By.Id("status")).Text == "Verified", "verification");
    }

    [Fact]
    public void A_bad_email_is_refused_on_the_form_with_the_reason_and_nothing_is_registered()
    {
        using var subject = Browser.Start();
        subject.Driver.Navigate().GoToUrl(app.Url("/privacy/training/request"));

        subject.Driver.FindElement(By.Id("email")).SendKeys("not-an-address");
        subject.Driver.FindElement(By.Id("request-submit")).Click();

        var error = subject.WaitFor(d => d.FindElement(By.Id("email-error")).Text is { Length: > 0 } text ? text : null, "the e-mail error");
        Assert.StartsWith("The e-mail address is not valid:", error, StringComparison.Ordinal);
        Assert.Empty(subject.Driver.FindElements(By.Id("request-received")));
    }

    private string SubmitFromPrivacyCentre(Browser subject, string kind, string email)
    {
        subject.Driver.Navigate().GoToUrl(app.Url("/privacy"));
        subject.Driver.FindElement(By.CssSelector("#training a.make-request")).Click();
        subject.WaitFor(d => d.FindElement(By.Id("request-submit")).Displayed, "the request form");
        subject.Driver.FindElement(By.CssSelector($"#kind option[value='{kind}']")).Click();
        subject.Driver.FindElement(By.Id("email")).SendKeys(email);
        subject.Driver.FindElement(By.Id("details")).SendKeys("Please handle this for the card training register.");
        subject.Driver.FindElement(By.Id("request-submit")).Click();
        var reference = subject.WaitFor(d => d.FindElement(By.Id("request-reference")).Text is { Length: > 0 } text ? text : null, "the request reference");
        subject.Screenshot($"request-{kind}-received");
        return reference;
    }

    /// <summary>The last link to <paramref name="path"/> e-mailed to the address, as the subject's mail program shows it.</summary>
    private static string LinkIn(Browser subject, SmtpSimulator mailbox, string address, string path) => subject.LinkIn(mailbox, address, path);

    /// <summary>Opens the request from the dashboard, verifies identity if asked, and carries it out.</summary>
    private static void CarryOut(Browser operatorBrowser, string reference, bool verifyFirst, string screenshot)
    {
        operatorBrowser.Driver.Navigate().Refresh();
        operatorBrowser.Driver.FindElement(By.CssSelector($"tr[data-reference='{reference}'] a")).Click();
        operatorBrowser.WaitFor(d => d.FindElement(By.Id("reference")).Text == reference, "the request page");
        if (verifyFirst)
        {
            operatorBrowser.Driver.FindElement(By.Id("evidence")).SendKeys("ID card seen at the office; number not copied.");
            operatorBrowser.Driver.FindElement(By.Id("verify-submit")).Click();
        }

        operatorBrowser.WaitFor(d => d.FindElement(By.Id("status")).Text == "Verified", "verification");
        operatorBrowser.Driver.FindElement(By.Id("execute-submit")).Click();
        operatorBrowser.WaitFor(d => d.FindElement(By.Id("status")).Text == "Completed", "completion");
        operatorBrowser.Screenshot(screenshot);
    }
}
