using System.Text;
using Custodian.Modules.Training;
using Custodian.Modules.Training.Catalogue;
using Custodian.Modules.Training.Enrolment;
using Custodian.Modules.Training.Staff;
using Custodian.Privacy.Abstractions.Access;
using Custodian.Privacy.Abstractions.Identifiers;
using Custodian.Privacy.Abstractions.Protection;
using Custodian.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using OpenQA.Selenium;

namespace Custodian.Browser.Tests;

/// <summary>
/// Card training in Chromium: the trainer records attendance, the identity check (a kind of document, no number field)
/// and a passed exam with its paper; the registrar issues the card; the public page confirms it by initials only, and says
/// "revoked" once the registrar revokes it.
/// </summary>
public sealed class TrainingStaffTests(RunningApp app) : IClassFixture<RunningApp>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_trainer_records_attendance_identity_and_exam_a_registrar_issues_the_card_the_public_page_confirms_it_by_initials_and_after_a_revocation_says_revoked()
    {
        var (session, enrolment) = await SessionWithTraineeAsync("staff-trainer.selain");
        var folder = Directory.CreateTempSubdirectory("training-exam-");
        try
        {
            var pdf = Path.Combine(folder.FullName, "koe.pdf");
            await File.WriteAllBytesAsync(pdf, Encoding.ASCII.GetBytes("%PDF-1.7\n1 0 obj << /Type /Catalog >> endobj\n%%EOF\n"), Ct);
            var roster = "/training/staff/sessions/" + session;
            var row = By.Id("enrolment-" + enrolment);

            using (var trainer = await SignInAsync(app, "trainer.selain", Roles.Trainer))
            {
                var driver = trainer.Driver;
                driver.Navigate().GoToUrl(app.Url("/training/staff"));
                trainer.WaitFor(d => d.FindElements(By.CssSelector($"#staff-sessions tr[data-session='{session}'] a")).FirstOrDefault(), "the trainer's session").Click();
                Assert.Contains("Virtanen, Aino", trainer.WaitFor(d => d.FindElements(row).FirstOrDefault(), "the roster row").Text, StringComparison.Ordinal);

                driver.FindElement(row).FindElement(By.CssSelector(".mark-present")).Click();
                trainer.WaitFor(d => d.FindElements(By.Id("training-message")).FirstOrDefault(), "attendance saved");

                // The identity check asks for the kind of document only: there is nothing to type a number into.
                var identityForm = driver.FindElement(row).FindElement(By.CssSelector(".record-identity")).FindElement(By.XPath("./ancestor::form"));
                Assert.Empty(identityForm.FindElements(By.CssSelector("input:not([type=hidden]), textarea")));
                driver.FindElement(row).FindElement(By.CssSelector(".identity-document option[value='identity-card']")).Click();
                driver.FindElement(row).FindElement(By.CssSelector(".record-identity")).Click();
                trainer.WaitFor(d => d.FindElements(By.CssSelector($"#enrolment-{enrolment} .identity-checked")).FirstOrDefault(), "the identity check");

                driver.FindElement(row).FindElement(By.CssSelector(".exam-passed")).Click();
                driver.FindElement(row).FindElement(By.CssSelector(".exam-score")).SendKeys("44/50");
                driver.FindElement(row).FindElement(By.CssSelector(".exam-paper")).SendKeys(pdf);
                driver.FindElement(row).FindElement(By.CssSelector(".record-exam")).Click();
                var result = trainer.WaitFor(d => d.FindElements(By.CssSelector($"#enrolment-{enrolment} .exam-result")).FirstOrDefault(), "the exam result");
                Assert.Contains("44/50", result.Text, StringComparison.Ordinal);
                Assert.Empty(driver.FindElements(By.CssSelector(".issue-card")));
                trainer.Screenshot("training-roster-trainer");
            }

            string code;
            using (var registrar = await SignInAsync(app, "registrar.selain", Roles.Registrar))
            {
                registrar.Driver.Navigate().GoToUrl(app.Url(roster));
                registrar.WaitFor(d => d.FindElements(By.CssSelector($"#enrolment-{enrolment} .issue-card")).FirstOrDefault(), "the issue button").Click();
                var number = registrar.WaitFor(d => d.FindElements(By.CssSelector($"#enrolment-{enrolment} .card-number")).FirstOrDefault(), "the card number");
                Assert.StartsWith("TK-2026-", number.Text, StringComparison.Ordinal);
                registrar.Screenshot("training-card-issued");
                await using var scope = app.Host.Scope();
                code = await scope.ServiceProvider.GetRequiredService<TrainingDb>().Certificates.Where(c => c.EnrolmentId == enrolment).Select(c => c.VerificationCode).SingleAsync(Ct);
            }

            using var anyone = Browser.Start();
            anyone.Driver.Navigate().GoToUrl(app.Url("/training/verify"));
            anyone.WaitFor(d => d.FindElements(By.Id("verify-code")).FirstOrDefault(), "the verification form").SendKeys(code.ToLowerInvariant().Replace("-", "", StringComparison.Ordinal));
            anyone.Driver.FindElement(By.Id("verify-button")).Click();
            var initials = anyone.WaitFor(d => d.FindElements(By.Id("verified-initials")).FirstOrDefault(), "the verification");
            Assert.Equal("A. V.", initials.Text);
            Assert.Contains("16.11.2031", anyone.Driver.FindElement(By.Id("verified-standing")).Text, StringComparison.Ordinal);
            var page = anyone.Driver.PageSource;
            foreach (var personal in new[] { "Aino", "Virtanen", "170385", "aino.selain@example.fi" })
            {
                Assert.DoesNotContain(personal, page, StringComparison.Ordinal);
            }

            anyone.Screenshot("training-verify");
            anyone.Driver.Navigate().GoToUrl(app.Url("/training/verify/0000-0000-0000"));
            anyone.WaitFor(d => d.FindElements(By.Id("verification-unknown")).FirstOrDefault(), "the unknown code");
            Assert.Empty(anyone.Driver.FindElements(By.Id("verified-initials")));

            // The card turns out to be issued in error: the registrar revokes it on the trainee's page, and the public check says so at once.
            using (var registrar = await SignInAsync(app, "registrar.selain2", Roles.Registrar))
            {
                registrar.Driver.Navigate().GoToUrl(app.Url($"/training/staff/enrolments/{enrolment}"));
                registrar.WaitFor(d => d.FindElements(By.Id("revoke-reason")).FirstOrDefault(), "the revoke form").FindElement(By.CssSelector("option[value='issued-in-error']")).Click();
                registrar.Driver.FindElement(By.Id("revoke-card")).Click();
                var revoked = registrar.WaitFor(d => d.FindElements(By.Id("card-revoked")).FirstOrDefault(), "the revoked card");
                Assert.Contains("Issued in error", revoked.Text, StringComparison.Ordinal);
                Assert.Empty(registrar.Driver.FindElements(By.Id("revoke-card")));
                registrar.Screenshot("training-card-revoked");
            }

            anyone.Driver.Navigate().GoToUrl(app.Url("/training/verify/" + code));
            Assert.Contains("Revoked", anyone.WaitFor(d => d.FindElements(By.Id("verified-standing")).FirstOrDefault(), "the revoked standing").Text, StringComparison.Ordinal);
        }
        finally
        {
            folder.Delete(recursive: true);
        }
    }

    [Fact]
    public async Task A_registrar_registers_a_company_after_a_wrong_y_tunnus_is_refused_and_its_contact_then_signs_in_to_the_employer_page()
    {
        const string Email = "hanna.hankinta@rakennuspaja.fi";
        using (var registrar = await SignInAsync(app, "registrar.yritys", Roles.Registrar))
        {
            registrar.Driver.Navigate().GoToUrl(app.Url("/training/staff"));
            registrar.WaitFor(d => d.FindElements(By.Id("open-employers")).FirstOrDefault(), "the companies link").Click();
            FillEmployer(registrar, "1234567-8", Email);
            var problem = registrar.WaitFor(d => d.FindElements(By.Id("training-problem")).FirstOrDefault(), "the refusal");
            Assert.Contains("Y-tunnus", problem.Text, StringComparison.Ordinal);
            registrar.Screenshot("training-employer-refused");
            await using (var scope = app.Host.Scope())
            {
                Assert.False(await scope.ServiceProvider.GetRequiredService<TrainingDb>().Employers.AnyAsync(e => e.Name == "Rakennuspaja Oy", Ct));
            }

            FillEmployer(registrar, "1234567-1", Email);
            registrar.WaitFor(d => d.FindElements(By.Id("training-message")).FirstOrDefault(), "the confirmation");
            var row = registrar.Driver.FindElement(By.CssSelector("#employers tbody")).Text;
            Assert.Contains("Rakennuspaja Oy", row, StringComparison.Ordinal);
            Assert.Contains("1234567-1", row, StringComparison.Ordinal);
            Assert.DoesNotContain(Email, registrar.Driver.PageSource, StringComparison.Ordinal);
            registrar.Screenshot("training-employer-registered");
        }

        using var contact = Browser.Start();
        TrainingSelfServiceTests.SignIn(contact, app.Host, Email);
        contact.WaitFor(d => d.FindElements(By.CssSelector(".group-enrol-form")).FirstOrDefault(), "the employer page");
        Assert.Contains("Rakennuspaja Oy", contact.Driver.PageSource, StringComparison.Ordinal);
    }

    private static void FillEmployer(Browser registrar, string businessId, string email)
    {
        registrar.WaitFor(d => d.FindElements(By.Id("new-employer")).FirstOrDefault(), "the registration form");
        foreach (var (field, value) in new[] { ("Name", "Rakennuspaja Oy"), ("BusinessId", businessId), ("ContactName", "Hanna Hankinta"), ("ContactEmail", email), ("EInvoiceAddress", "003712345671"), ("EInvoiceOperator", "003721291126") })
        {
            registrar.Driver.FindElement(By.CssSelector($"#new-employer [name='{field}']")).SendKeys(value);
        }

        registrar.Driver.FindElement(By.Id("register-employer")).Click();
    }

    /// <summary>A session tomorrow taught by <paramref name="trainer"/>, with Aino Virtanen enrolled (stored as the enrolment form stores people).</summary>
    private async Task<(Guid Session, Guid Enrolment)> SessionWithTraineeAsync(string trainer)
    {
        await using var scope = app.Host.Scope();
        var sp = scope.ServiceProvider;
        var catalogue = sp.GetRequiredService<ManageCatalogue>();
        await catalogue.EnsureStandardCardTypesAsync(Ct);
        var course = await catalogue.AddCourseAsync(new ManageCatalogue.CourseInput("tyoturvallisuuskortti", "Työturvallisuuskortti (selain)", "Occupational safety card (browser)", "", "", 120m, 8m), Ct);
        var start = new DateTime(2026, 11, 17, 6, 0, 0, DateTimeKind.Utc);
        var session = await catalogue.AddSessionAsync(new ManageCatalogue.SessionInput(course, start, start.AddHours(8), "Mannerheimintie 1, Helsinki", 20, trainer), Ct);
        var vault = sp.GetRequiredService<IPersonalDataVault>();
        var db = sp.GetRequiredService<TrainingDb>();
        var subject = SubjectId.New();
        var key = KeyScope.Subject(subject);
        const string Hetu = "170385-903E";
        var trainee = new TraineeRecord { Id = Guid.CreateVersion7(), SubjectId = subject, CreatedAtUtc = RunningApp.Today.UtcDateTime, LastActivityAtUtc = RunningApp.Today.UtcDateTime };
        trainee.FirstName = await vault.SealAsync(key, TrainingFields.Trainee("first_name", trainee.Id), "Aino", Ct);
        trainee.LastName = await vault.SealAsync(key, TrainingFields.Trainee("last_name", trainee.Id), "Virtanen", Ct);
        trainee.Hetu = await vault.SealAsync(key, TrainingFields.Trainee("hetu", trainee.Id), Hetu, Ct);
        trainee.HetuIndex = vault.BlindIndexOf(IdentifierType.Hetu, Hetu);
        trainee.Email = await vault.SealAsync(key, TrainingFields.Trainee("email", trainee.Id), "aino.selain@example.fi", Ct);
        trainee.EmailIndex = vault.BlindIndexOf(IdentifierType.Email, "aino.selain@example.fi");
        var enrolment = new EnrolmentRecord
        {
            Id = Guid.CreateVersion7(), SessionId = session, TraineeId = trainee.Id, Reference = OneTimeTokens.NewReference("K"), Status = EnrolmentStatus.Enrolled,
            Source = EnrolmentSource.Person, CancelTokenHash = OneTimeTokens.New().Hash, CreatedAtUtc = RunningApp.Today.UtcDateTime,
        };
        db.Trainees.Add(trainee);
        db.Enrolments.Add(enrolment);
        await db.SaveChangesAsync(Ct);
        return (session, enrolment.Id);
    }

    /// <summary>A staff member added with <paramref name="role"/> enrols through their first-time link and is signed in.</summary>
    internal static async Task<Browser> SignInAsync(RunningApp app, string handle, string role)
    {
        var link = await StaffSignIns.AddAsync(app.Host, handle, [role], Ct);
        var browser = Browser.Start();
        OperatorSession.Enrol(browser, app, link);
        browser.WaitFor(d => new Uri(d.Url).AbsolutePath != app.Url(link).AbsolutePath ? true : (bool?)null, "signed in");
        return browser;
    }
}
