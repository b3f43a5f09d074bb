using System.Globalization;
using System.Text;
using Custodian.Modules.Guidance.Clients;
using Custodian.Modules.Guidance.Programmes;
using Custodian.Privacy.Abstractions.Access;
using Custodian.Testing;
using Microsoft.Extensions.DependencyInjection;
using OpenQA.Selenium;

namespace Custodian.Browser.Tests;

/// <summary>Attachments in Chromium: a renamed file is refused by its content, a PDF is attached, the sending organisation does not see it.</summary>
public sealed class GuidanceAttachmentTests(RunningApp app) : IClassFixture<RunningApp>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_coach_attaches_a_pdf_after_a_renamed_text_file_is_refused_and_the_sending_organisation_does_not_see_it()
    {
        Guid client;
        await using (var scope = app.Host.Scope())
        {
            var programmes = scope.ServiceProvider.GetRequiredService<ManageProgrammes>();
            var programme = await programmes.CreateAsync("Liiteohjelma", "guidance", "Custodian Valmennus Oy", Ct);
            await programmes.AssignAsync(programme, "staff-coach.liite", GuidanceRole.Coach, "A", "Custodian Valmennus Oy", Ct);
            await programmes.AssignAsync(programme, "staff-te.liite", GuidanceRole.SendingOrganisation, "-", "TE-palvelut (liite)", Ct);
            client = await scope.ServiceProvider.GetRequiredService<CreateClient>().CreateAsync("staff-coach.liite",
                new(programme, "Outi", "Salo", "010190-906W", null, null, null, "staff-te.liite"), Ct);
            await scope.ServiceProvider.GetRequiredService<WrittenConsents>().RecordAsync("staff-coach.liite", client,
                new(["employment"], ["employment"], "ARK-88", RunningApp.Today.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), "2026-11"), Ct);
        }

        var folder = Directory.CreateTempSubdirectory("guidance-attachments-");
        try
        {
            var renamed = Path.Combine(folder.FullName, "todistus.pdf");
            await File.WriteAllTextAsync(renamed, "just text, not a pdf", Ct);
            var pdf = Path.Combine(folder.FullName, "lausunto.pdf");
            await File.WriteAllBytesAsync(pdf, Encoding.ASCII.GetBytes("%PDF-1.7\n1 0 obj << /Type /Catalog >> endobj\n%%EOF\n"), Ct);
            var record = "/guidance/clients/" + client;

            using (var coach = await SignInAsync("coach.liite", Roles.Coach))
            {
                var driver = coach.Driver;
                driver.Navigate().GoToUrl(app.Url(record));
                driver.FindElement(By.Id("attachment-file")).SendKeys(renamed);
                driver.FindElement(By.Id("upload-attachment")).Click();
                var problem = coach.WaitFor(d => d.FindElements(By.Id("guidance-problem")).FirstOrDefault(), "the refusal");
                Assert.StartsWith("Only PDF, PNG and JPEG files can be attached", problem.Text, StringComparison.Ordinal);
                coach.Screenshot("guidance-attachment-refused");

                driver.FindElement(By.Id("attachment-file")).SendKeys(pdf);
                driver.FindElement(By.Id("upload-attachment")).Click();
                var listed = coach.WaitFor(d => d.FindElements(By.CssSelector("#section-attachments .attachment")).FirstOrDefault(), "the attachment");
                Assert.Equal("application/pdf", listed.GetAttribute("data-type"));
                Assert.Contains("lausunto.pdf", listed.Text, StringComparison.Ordinal);
                coach.Screenshot("guidance-attachment-listed");
            }

            using var sender = await SignInAsync("te.liite", Roles.SendingOrganisation);
            sender.Driver.Navigate().GoToUrl(app.Url(record));
            sender.WaitFor(d => d.FindElements(By.Id("client-name")).FirstOrDefault(), "the referred client's record");
            Assert.Empty(sender.Driver.FindElements(By.Id("section-attachments")));
            Assert.DoesNotContain("lausunto.pdf", sender.Driver.PageSource, StringComparison.Ordinal);
        }
        finally
        {
            folder.Delete(recursive: true);
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
