using System.Net;
using Custodian.Modules.Training.Cards;
using Custodian.Testing;
using static Custodian.Modules.Training.Tests.StaffWorld;

namespace Custodian.Modules.Training.Tests;

/// <summary>The public verification page over HTTP: initials and validity only, 404 with no data for an unknown code, and a per-client limit.</summary>
public sealed class VerifyPageTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task The_page_confirms_a_card_by_initials_an_unknown_code_is_a_404_without_data_and_too_many_checks_are_refused()
    {
        await using var world = await TrainingWorld.StartAsync(configure: b => b.WithSetting("Training:Verify:PerClientPerMinute", "3").Started());
        var aino = await CardTests.PassedAsync(world);
        var card = await world.Use<IssueCard, IssuedCard>(c => c.IssueAsync(Registrar, aino.EnrolmentId, Ct));
        using var client = world.Host.CreateClient();

        using var found = await client.GetAsync("/training/verify/" + card.VerificationCode, Ct);
        using var unknown = await client.GetAsync("/training/verify/0000-0000-0000", Ct);
        using var typed = await client.GetAsync("/training/verify?c=" + card.VerificationCode.ToLowerInvariant().Replace("-", string.Empty, StringComparison.Ordinal), Ct);
        using var limited = await client.GetAsync("/training/verify/" + card.VerificationCode, Ct);

        var page = await found.Content.ReadAsStringAsync(Ct);
        Assert.Equal((HttpStatusCode.OK, HttpStatusCode.NotFound, HttpStatusCode.Redirect, HttpStatusCode.TooManyRequests), (found.StatusCode, unknown.StatusCode, typed.StatusCode, limited.StatusCode));
        Assert.Contains("A. V.", page, StringComparison.Ordinal);
        Assert.Contains("13.12.2031", page, StringComparison.Ordinal);
        foreach (var personal in new[] { "Aino", "Virtanen", "131052", "aino@example.fi", card.CertificateNumber })
        {
            Assert.DoesNotContain(personal, page, StringComparison.Ordinal);
        }

        Assert.DoesNotContain("A. V.", await unknown.Content.ReadAsStringAsync(Ct), StringComparison.Ordinal);
        Assert.Equal("/training/verify/" + card.VerificationCode, typed.Headers.Location!.OriginalString);
    }
}
