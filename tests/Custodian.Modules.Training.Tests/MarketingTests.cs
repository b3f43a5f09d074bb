using System.Net;
using System.Text.RegularExpressions;
using Custodian.Modules.Training.Cards;
using Custodian.Modules.Training.Marketing;
using Custodian.Privacy.Abstractions.Access;
using Custodian.Privacy.Abstractions.Consent;
using Custodian.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Custodian.Modules.Training.Tests;

/// <summary>
/// Campaign e-mails go only on a valid basis (consent, or the 917/2014 § 200(2) soft opt-in for customers), never to an
/// address that unsubscribed, once per person per campaign, each with a one-click unsubscribe link that works.
/// </summary>
public sealed partial class MarketingTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static readonly SendCampaign.Input Renewal = new("expiring", "tyoturvallisuuskortti", 60,
        "Korttisi vanhenee pian", "Your card expires soon", "Uusi työturvallisuuskorttisi kertauskurssilla.", "Renew your occupational safety card on a refresher course.");

    [Fact]
    public async Task Only_a_registrar_opens_the_campaign_page_and_a_trainer_can_neither_open_it_nor_send_from_it()
    {
        await using var world = await TrainingWorld.StartAsync(configure: b => b.Started());
        using var trainer = await world.Host.CreateClientForAsync(Roles.Trainer, Ct);
        using var registrar = await world.Host.CreateClientForAsync(Roles.Registrar, Ct);
        var trainerToken = await trainer.AntiforgeryTokenAsync("/training/staff", Ct);

        using var trainerLooks = await trainer.GetAsync(new Uri("/training/staff/marketing", UriKind.Relative), Ct);
        using var content = new FormUrlEncodedContent([new("Audience", "expiring"), new("SubjectFi", "Tarjous"), new("SubjectEn", "Offer"), new("BodyFi", "Teksti."), new("BodyEn", "Text."), new("__RequestVerificationToken", trainerToken)]);
        using var trainerSends = await trainer.PostAsync(new Uri("/training/staff/marketing?handler=Send", UriKind.Relative), content, Ct);
        using var registrarLooks = await registrar.GetAsync(new Uri("/training/staff/marketing", UriKind.Relative), Ct);
        var staffHome = await registrar.GetStringAsync(new Uri("/training/staff", UriKind.Relative), Ct);
        var trainersHome = await trainer.GetStringAsync(new Uri("/training/staff", UriKind.Relative), Ct);

        // A signed-in person outside the policy is sent to the access-denied page (the cookie scheme's answer to 403).
        Assert.Equal((HttpStatusCode.Redirect, HttpStatusCode.Redirect, HttpStatusCode.OK), (trainerLooks.StatusCode, trainerSends.StatusCode, registrarLooks.StatusCode));
        Assert.All([trainerLooks, trainerSends], r => Assert.Equal("/account/denied", new Uri(world.Host.BaseAddress, r.Headers.Location!).AbsolutePath));
        Assert.Contains("id=\"open-marketing\"", staffHome, StringComparison.Ordinal);
        Assert.DoesNotContain("open-marketing", trainersHome, StringComparison.Ordinal);
        Assert.Equal(0, await world.InScopeAsync(sp => sp.GetRequiredService<TrainingDb>().Campaigns.CountAsync(Ct)));
    }

    [Theory]
    [InlineData(RecordsProvider.Sqlite)]
    [InlineData(RecordsProvider.Postgres)]
    public async Task A_campaign_reaches_consent_and_soft_opt_in_once_and_never_a_withdrawn_or_suppressed_address_even_after_a_new_enrolment(RecordsProvider records)
    {
        await using var world = await TrainingWorld.StartAsync(records);
        var consented = await HolderAsync(world, "Matti", "131052-308T", "matti@example.fi", expiresInDays: 30);
        var customer = await HolderAsync(world, "Maija", "010203A1230", "maija@example.fi", expiresInDays: 59);
        var withdrew = await HolderAsync(world, "Pekka", "111111-111C", "pekka@example.fi", expiresInDays: 10);
        var unsubscribed = await HolderAsync(world, "Kalle", "020390-456M", "kalle@example.fi", expiresInDays: 20);
        var later = await HolderAsync(world, "Liisa", "010101-123N", "liisa@example.fi", expiresInDays: 200);
        await world.InScopeAsync(async sp =>
        {
            var ledger = sp.GetRequiredService<IConsentLedger>();
            await ledger.GiveAsync(consented.Subject, StopMarketing.Purpose, "Haluan kurssitarjouksia.", new ConsentEvidence(ConsentChannel.WebForm, "enrolment"), Ct);
            await ledger.GiveAsync(withdrew.Subject, StopMarketing.Purpose, "Haluan kurssitarjouksia.", new ConsentEvidence(ConsentChannel.WebForm, "enrolment"), Ct);
            await ledger.WithdrawAsync(withdrew.Subject, StopMarketing.Purpose, new ConsentEvidence(ConsentChannel.WebForm, "self-service"), Ct);
            var db = sp.GetRequiredService<TrainingDb>();
            var index = await db.Trainees.Where(t => t.Id == unsubscribed.TraineeId).Select(t => t.EmailIndex).SingleAsync(Ct);
            await sp.GetRequiredService<StopMarketing>().StopAsync(unsubscribed.Subject, index, "self-service", Ct);
        });
        var nextSession = await world.InScopeAsync(sp => sp.GetRequiredService<Catalogue.ManageCatalogue>().AddSessionAsync(new Catalogue.ManageCatalogue.SessionInput(world.Course, new DateTime(2027, 1, 11, 6, 0, 0, DateTimeKind.Utc), new DateTime(2027, 1, 11, 14, 0, 0, DateTimeKind.Utc), "Tampere", 10, null), Ct));
        await world.EnrolAsync(unsubscribed.TraineeId, nextSession, marketing: true); // a later enrolment ticks the box again

        var preview = await world.InScopeAsync(async sp => await sp.GetRequiredService<MarketingAudience>().PreviewAsync(await sp.GetRequiredService<SendCampaign>().TargetAsync(Renewal, Ct), Ct));
        var first = await world.InScopeAsync(sp => sp.GetRequiredService<SendCampaign>().SendAsync(Renewal, TrainingWorld.Registrar, Ct));
        var again = await world.InScopeAsync(sp => sp.GetRequiredService<SendCampaign>().SendAsync(first.CampaignId, TrainingWorld.Registrar, Ct));

        Assert.Equal((1, 1, 2, 0), (preview.Consent, preview.SoftOptIn, preview.OptedOut, preview.NoBasis));
        Assert.Equal((2, 0, 0), (first.Sent, first.SentBefore, first.Failed));
        Assert.Equal((0, 2, 0), (again.Sent, again.SentBefore, again.Failed));
        var toConsented = Assert.Single(await world.Host.Mail.MessagesToAsync("matti@example.fi", 1, Ct));
        var toCustomer = Assert.Single(await world.Host.Mail.MessagesToAsync("maija@example.fi", 1, Ct));
        Assert.Contains("annoit suostumuksen", toConsented.Data, StringComparison.Ordinal);
        Assert.Contains("vastaavia omia kurssejamme", toCustomer.Data, StringComparison.Ordinal);
        Assert.Contains("List-Unsubscribe-Post: List-Unsubscribe=One-Click", toCustomer.Data, StringComparison.Ordinal);
        Assert.Matches(@"List-Unsubscribe:\s*<http[^>]+/training/unsubscribe/[A-Za-z0-9_-]{43}>", toCustomer.Data);
        Assert.Empty(world.Host.Mail.To("pekka@example.fi"));
        Assert.Empty(world.Host.Mail.To("kalle@example.fi"));
        Assert.Empty(world.Host.Mail.To("liisa@example.fi")); // expires after the window
    }

    [Fact]
    public async Task The_mails_unsubscribe_link_stops_marketing_without_signing_in_and_a_forged_link_does_nothing()
    {
        await using var world = await TrainingWorld.StartAsync();
        var customer = await HolderAsync(world, "Maija", "010203A1230", "maija@example.fi", expiresInDays: 20);
        await world.InScopeAsync(sp => sp.GetRequiredService<SendCampaign>().SendAsync(Renewal, TrainingWorld.Registrar, Ct));
        var mail = Assert.Single(await world.Host.Mail.MessagesToAsync("maija@example.fi", 1, Ct));
        var token = TokenIn().Match(mail.Data).Groups[1].Value;
        var forged = token[..^2] + (token[^2] == 'A' ? "BA" : "AA");

        var forgedWorks = await world.InScopeAsync(sp => sp.GetRequiredService<Unsubscribe>().ConfirmAsync(forged, Ct));
        var works = await world.InScopeAsync(sp => sp.GetRequiredService<Unsubscribe>().ConfirmAsync(token, Ct));
        var preview = await world.InScopeAsync(async sp => await sp.GetRequiredService<MarketingAudience>().PreviewAsync(await sp.GetRequiredService<SendCampaign>().TargetAsync(Renewal, Ct), Ct));
        var withdrawn = await world.InScopeAsync(sp => sp.GetRequiredService<IConsentLedger>().CurrentAsync(customer.Subject, Ct));

        Assert.False(forgedWorks);
        Assert.True(works);
        Assert.Equal((0, 0, 1), (preview.Consent, preview.SoftOptIn, preview.OptedOut));
        Assert.False(Assert.Single(withdrawn, c => c.Purpose == StopMarketing.Purpose).Given);
    }

    [Fact]
    public async Task A_bad_campaign_names_the_field_and_stores_nothing()
    {
        await using var world = await TrainingWorld.StartAsync();

        var noDays = await world.InScopeAsync(sp => Assert.ThrowsAsync<TrainingInputException>(() => sp.GetRequiredService<SendCampaign>().SendAsync(Renewal with { WithinDays = 0 }, TrainingWorld.Registrar, Ct)));
        var noCard = await world.InScopeAsync(sp => Assert.ThrowsAsync<TrainingInputException>(() => sp.GetRequiredService<SendCampaign>().SendAsync(Renewal with { CardTypeKey = "no-such" }, TrainingWorld.Registrar, Ct)));
        var noText = await world.InScopeAsync(sp => Assert.ThrowsAsync<TrainingInputException>(() => sp.GetRequiredService<SendCampaign>().SendAsync(Renewal with { BodyEn = " " }, TrainingWorld.Registrar, Ct)));

        Assert.Equal(("withinDays", "cardType", "bodyEn"), (noDays.Field, noCard.Field, noText.Field));
        Assert.Equal(0, await world.InScopeAsync(sp => sp.GetRequiredService<TrainingDb>().Campaigns.CountAsync(Ct)));
    }

    /// <summary>A person who passed the world's course and holds an occupational safety card ending in so many days.</summary>
    private static async Task<TrainingPeople.Person> HolderAsync(TrainingWorld world, string first, string hetu, string email, int expiresInDays)
    {
        var person = await world.AddTraineeAsync(first, "Testinen", hetu, email);
        var enrolment = await world.EnrolAsync(person.TraineeId, attended: true);
        await world.InScopeAsync(async sp =>
        {
            var db = sp.GetRequiredService<TrainingDb>();
            db.Certificates.Add(new CertificateRecord
            {
                Id = Guid.CreateVersion7(),
                TraineeId = person.TraineeId,
                EnrolmentId = enrolment,
                CardTypeKey = "tyoturvallisuuskortti",
                CertificateNumber = "TTK-" + Guid.NewGuid().ToString("N")[..10],
                VerificationCode = Guid.NewGuid().ToString("N"),
                IssuedOn = new DateOnly(2021, 12, 1),
                ValidUntil = new DateOnly(2026, 12, 7).AddDays(expiresInDays),
                IssuedBy = TrainingWorld.Registrar,
                IssuedAtUtc = TrainingWorld.Start.UtcDateTime,
            });
            await db.SaveChangesAsync(Ct);
        });
        return person;
    }

    [GeneratedRegex("/training/unsubscribe/([A-Za-z0-9_-]{43})")]
    private static partial Regex TokenIn();
}
