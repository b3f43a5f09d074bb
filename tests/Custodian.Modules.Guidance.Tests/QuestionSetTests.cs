using System.Net;
using System.Text.RegularExpressions;
using Custodian.Modules.Guidance.Messages;
using Custodian.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Custodian.Modules.Guidance.Tests;

/// <summary>Question sets: sent by e-mail with a single-client link, answered without an account, answers in the record.</summary>
public sealed partial class QuestionSetTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static readonly QuestionSets.QuestionInput[] Questions =
    [
        new("Miten viikkosi on mennyt?", "free-text", null),
        new("Sopiiko tiistai?", "single-choice", "Kyllä; Ei; En tiedä"),
        new("Milloin aloitat työkokeilun?", "date", null),
    ];

    [Theory]
    [InlineData(RecordsProvider.Sqlite)]
    [InlineData(RecordsProvider.Postgres)]
    public async Task A_question_set_goes_out_by_mail_and_the_answers_given_through_its_link_land_in_the_record(RecordsProvider records)
    {
        await using var world = await GuidanceWorld.StartAsync(records);
        var client = await world.CreateClientAsync();
        await world.ConsentAsync(client, ["guidance"], []);

        var set = await SendAsync(world, client);
        var token = LinkToken(world);
        var opened = await world.InScopeAsync(sp => sp.GetRequiredService<QuestionSets>().OpenLinkAsync(token, Ct));
        await AnswerAsync(world, token, new() { ["q1"] = "Hyvin <b>kiitos</b>", ["q2"] = "Kyllä", ["q3"] = "2027-01-11" });

        Assert.Equal((set, "Viikkokysely", 3, (string?)null), (opened!.SetId, opened.Content!.Title, opened.Content.Questions.Count, opened.Refusal));
        var shown = Assert.Single(await SetsAsync(world, client));
        Assert.Equal(QuestionSetState.Answered, shown.State);
        Assert.Equal(new Dictionary<string, string> { ["q1"] = "Hyvin <b>kiitos</b>", ["q2"] = "Kyllä", ["q3"] = "2027-01-11" }, shown.Answers);
        Assert.Contains(await world.AuditAsync(client), e => e.Action == "guidance answer question set" && e.Actor.StartsWith("subject:", StringComparison.Ordinal));
    }

    [Fact]
    public async Task The_link_works_once_and_no_longer_after_it_expired_or_the_set_was_withdrawn()
    {
        await using var world = await GuidanceWorld.StartAsync();
        var client = await world.CreateClientAsync();
        await world.ConsentAsync(client, ["guidance"], []);
        await SendAsync(world, client);
        var used = LinkToken(world);
        await AnswerAsync(world, used, new() { ["q1"] = "x" });
        var withdrawnSet = await SendAsync(world, client);
        var withdrawn = LinkToken(world);
        await world.InScopeAsync(sp => sp.GetRequiredService<QuestionSets>().WithdrawAsync(GuidanceWorld.Coach, client, withdrawnSet, Ct));
        await SendAsync(world, client);
        var expiring = LinkToken(world);
        ((SettableClock)world.Host.Clock).Advance(QuestionSets.LinkLifetime);

        foreach (var (token, refusal) in new[] { (used, "answered already"), (withdrawn, "withdrawn"), (expiring, "expired") })
        {
            var again = await Assert.ThrowsAsync<GuidanceInputException>(() => AnswerAsync(world, token, new() { ["q1"] = "again" }));
            Assert.Contains(refusal, again.Message, StringComparison.Ordinal);
        }

        Assert.Equal(1, await world.InScopeAsync(sp => sp.GetRequiredService<GuidanceDb>().Answers.CountAsync(Ct)));
        Assert.Null(await world.InScopeAsync(sp => sp.GetRequiredService<QuestionSets>().OpenLinkAsync(used[..^1] + (used[^1] == 'A' ? 'B' : 'A'), Ct)));
    }

    [Theory]
    [InlineData("q2", "Ehkä", "Choose one of the given answers")]
    [InlineData("q3", "11.1.2027", "Give the date")]
    [InlineData("q3", "2027-02-30", "Give the date")]
    public async Task A_bad_answer_is_refused_and_nothing_is_stored(string question, string answer, string problem)
    {
        await using var world = await GuidanceWorld.StartAsync();
        var client = await world.CreateClientAsync();
        await world.ConsentAsync(client, ["guidance"], []);
        await SendAsync(world, client);
        var token = LinkToken(world);

        var refused = await Assert.ThrowsAsync<GuidanceInputException>(() => AnswerAsync(world, token, new() { ["q1"] = "Hyvin", [question] = answer }));

        Assert.StartsWith(problem, refused.Message, StringComparison.Ordinal);
        Assert.Equal(QuestionSetState.Sent, Assert.Single(await SetsAsync(world, client)).State);
        Assert.Equal(0, await world.InScopeAsync(sp => sp.GetRequiredService<GuidanceDb>().Answers.CountAsync(Ct)));
    }

    [Fact]
    public async Task No_questions_go_out_before_written_consent_or_to_a_client_without_e_mail_or_from_another_coach()
    {
        await using var world = await GuidanceWorld.StartAsync();
        var client = await world.CreateClientAsync();

        await Assert.ThrowsAsync<GuidanceInputException>(() => SendAsync(world, client));
        await world.ConsentAsync(client, ["guidance"], []);
        await Assert.ThrowsAsync<GuidanceNotFoundException>(() => world.InScopeAsync(sp => sp.GetRequiredService<QuestionSets>().SendAsync(GuidanceWorld.OtherCoach, client, "x", Questions, Ct)));
        await Assert.ThrowsAsync<GuidanceInputException>(() => world.InScopeAsync(sp => sp.GetRequiredService<QuestionSets>().SendAsync(GuidanceWorld.TeamLead, client, "x", Questions, Ct)));
        Assert.Empty(world.Host.Mail.To("aino@example.fi"));
    }

    [Fact]
    public async Task The_client_answers_on_the_page_without_an_account_and_a_used_or_unknown_link_is_refused()
    {
        await using var world = await GuidanceWorld.StartAsync(started: true);
        var client = await world.CreateClientAsync();
        await world.ConsentAsync(client, ["guidance"], []);
        await SendAsync(world, client);
        var page = "/guidance/answer/" + LinkToken(world);
        using var browser = world.Host.CreateClient();

        var form = await browser.GetStringAsync(new Uri(page, UriKind.Relative), Ct);
        using var answered = await browser.PostFormAsync(page, [new("q1", "Hyvin"), new("q2", "Ei"), new("q3", "")], tokenFrom: page, cancellationToken: Ct);
        using var again = await browser.GetAsync(new Uri(page, UriKind.Relative), Ct);
        using var unknown = await browser.GetAsync(new Uri("/guidance/answer/" + new string('A', 43), UriKind.Relative), Ct);

        Assert.Contains("Miten viikkosi on mennyt?", form, StringComparison.Ordinal);
        Assert.DoesNotContain("Virtanen", form, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, answered.StatusCode);
        Assert.Contains("answer-thanks", await answered.Content.ReadAsStringAsync(Ct), StringComparison.Ordinal);
        Assert.Equal((HttpStatusCode.Gone, HttpStatusCode.NotFound), (again.StatusCode, unknown.StatusCode));
        Assert.Equal("Ei", Assert.Single(await SetsAsync(world, client)).Answers!["q2"]);
    }

    private static Task<Guid> SendAsync(GuidanceWorld world, Guid client) =>
        world.InScopeAsync(sp => sp.GetRequiredService<QuestionSets>().SendAsync(GuidanceWorld.Coach, client, "Viikkokysely", Questions, Ct));

    private static Task AnswerAsync(GuidanceWorld world, string token, Dictionary<string, string?> answers) =>
        world.InScopeAsync(sp => sp.GetRequiredService<QuestionSets>().AnswerAsync(token, answers, Ct));

    private static Task<IReadOnlyList<QuestionSetView>> SetsAsync(GuidanceWorld world, Guid client) => world.InScopeAsync(async sp =>
        (await sp.GetRequiredService<QuestionSets>().ForClientAsync(await sp.GetRequiredService<Clients.ClientScope>().FindAsync(GuidanceWorld.Coach, client, Ct), Ct))!);

    /// <summary>The token of the newest answer link mailed to the client.</summary>
    private static string LinkToken(GuidanceWorld world) =>
        world.Host.Mail.To("aino@example.fi")
            .Select(m => MimeKit.MimeMessage.Load(new MemoryStream(System.Text.Encoding.UTF8.GetBytes(m.Data))).TextBody ?? string.Empty)
            .Select(body => AnswerLinkPattern().Match(body)).Last(m => m.Success).Groups[1].Value;

    [GeneratedRegex("/guidance/answer/([A-Za-z0-9_-]{43})")]
    private static partial Regex AnswerLinkPattern();
}
