using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Custodian.Modules.Training.Enrolment;
using Custodian.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Custodian.Modules.Training.Tests;

/// <summary>The public JSON API and pages over HTTP against the started host: answers, shapes, limits, the form and the cancellation link.</summary>
public sealed class EnrolmentApiTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static Task<TrainingWorld> StartAsync(RecordsProvider records = RecordsProvider.Sqlite, int capacity = 20, int perClient = 1000) =>
        TrainingWorld.StartAsync(records, capacity, b => b.Started().WithSetting("Privacy:Requests:PerClientPer10Minutes", perClient.ToString(System.Globalization.CultureInfo.InvariantCulture)));

    private static object Body(Guid session, int person, bool marketing = false) => new
    {
        sessionId = session,
        firstName = "Aino",
        lastName = "Virtanen",
        hetu = People.Hetu(person),
        email = People.Email(person),
        phone = "+358 40 123 4567",
        company = new { name = "Rakennus Oy", businessId = "1572860-0", position = "Työnjohtaja" },
        marketing,
    };

    [Fact]
    public async Task The_session_list_shows_card_type_place_dates_and_seats_left()
    {
        await using var world = await StartAsync(capacity: 12);
        using var client = world.Host.CreateClient();
        await client.PostAsJsonAsync("/api/training/enrolments", Body(world.Session, 1), Ct);

        using var sessions = JsonDocument.Parse(await client.GetStringAsync(new Uri("/api/training/sessions", UriKind.Relative), Ct));

        var only = Assert.Single(sessions.RootElement.EnumerateArray());
        Assert.Equal(world.Session, only.GetProperty("sessionId").GetGuid());
        Assert.Equal(("tyoturvallisuuskortti", "Työturvallisuuskortti", 60), (only.GetProperty("cardType").GetProperty("key").GetString(), only.GetProperty("cardType").GetProperty("nameFi").GetString(), only.GetProperty("cardType").GetProperty("validityMonths").GetInt32()));
        Assert.Equal(("Mannerheimintie 1, 00100 Helsinki", 11), (only.GetProperty("place").GetString(), only.GetProperty("seatsLeft").GetInt32()));
        Assert.Equal(new DateTime(2026, 12, 14, 6, 0, 0, DateTimeKind.Utc), only.GetProperty("startsAt").GetDateTime().ToUniversalTime());
    }

    [Theory]
    [InlineData(RecordsProvider.Sqlite)]
    [InlineData(RecordsProvider.Postgres)]
    public async Task The_list_filters_by_card_type_and_an_unknown_card_type_is_a_400_naming_the_field(RecordsProvider records)
    {
        await using var world = await StartAsync(records);
        using var client = world.Host.CreateClient();

        using var same = JsonDocument.Parse(await client.GetStringAsync(new Uri("/api/training/sessions?cardType=tyoturvallisuuskortti", UriKind.Relative), Ct));
        using var other = JsonDocument.Parse(await client.GetStringAsync(new Uri("/api/training/sessions?cardType=hygieniapassi", UriKind.Relative), Ct));
        using var unknown = await client.GetAsync(new Uri("/api/training/sessions?cardType=a%00b", UriKind.Relative), Ct);

        Assert.Equal(world.Session, Assert.Single(same.RootElement.EnumerateArray()).GetProperty("sessionId").GetGuid());
        Assert.Empty(other.RootElement.EnumerateArray());
        Assert.Equal(HttpStatusCode.BadRequest, unknown.StatusCode);
        Assert.Equal("application/problem+json", unknown.Content.Headers.ContentType?.MediaType);
        using var problem = JsonDocument.Parse(await unknown.Content.ReadAsStringAsync(Ct));
        Assert.Contains("hygieniapassi", problem.RootElement.GetProperty("errors").GetProperty("cardType")[0].GetString(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(RecordsProvider.Sqlite)]
    [InlineData(RecordsProvider.Postgres)]
    public async Task An_enrolment_answers_201_with_reference_and_status_then_409_for_the_same_person_and_404_for_an_unknown_session(RecordsProvider records)
    {
        await using var world = await StartAsync(records, capacity: 1);
        using var client = world.Host.CreateClient();

        using var first = await client.PostAsJsonAsync("/api/training/enrolments", Body(world.Session, 1, marketing: true), Ct);
        using var second = await client.PostAsJsonAsync("/api/training/enrolments", Body(world.Session, 2), Ct);
        using var again = await client.PostAsJsonAsync("/api/training/enrolments", Body(world.Session, 1), Ct);
        using var unknown = await client.PostAsJsonAsync("/api/training/enrolments", Body(Guid.NewGuid(), 3), Ct);

        Assert.Equal((HttpStatusCode.Created, HttpStatusCode.Created, HttpStatusCode.Conflict, HttpStatusCode.NotFound), (first.StatusCode, second.StatusCode, again.StatusCode, unknown.StatusCode));
        using var a = JsonDocument.Parse(await first.Content.ReadAsStringAsync(Ct));
        using var b = JsonDocument.Parse(await second.Content.ReadAsStringAsync(Ct));
        Assert.Equal(("enrolled", "waitlisted"), (a.RootElement.GetProperty("status").GetString(), b.RootElement.GetProperty("status").GetString()));
        Assert.Matches("^TR-[0-9A-Z]{8}$", a.RootElement.GetProperty("reference").GetString()!);
        Assert.Equal("application/problem+json", again.Content.Headers.ContentType?.MediaType);
        Assert.Contains("already enrolled", await again.Content.ReadAsStringAsync(Ct), StringComparison.Ordinal);
        Assert.DoesNotContain(People.Hetu(1), await again.Content.ReadAsStringAsync(Ct), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Bad_input_answers_400_naming_every_bad_field_and_wrong_types_and_broken_json_are_named_too()
    {
        await using var world = await StartAsync();
        using var client = world.Host.CreateClient();

        using var bad = await client.PostAsJsonAsync("/api/training/enrolments", new
        {
            sessionId = "not-a-guid",
            firstName = "<b>Aino</b>",
            lastName = 42,
            hetu = "131052-308U",
            email = "aino@",
            phone = "abc",
            company = new { name = "Oy", businessId = "1234567-8" },
            marketing = "yes",
        }, Ct);
        using var broken = await client.PostAsync(new Uri("/api/training/enrolments", UriKind.Relative), new StringContent("{\"sessionId\":", Encoding.UTF8, "application/json"), Ct);
        using var form = await client.PostAsync(new Uri("/api/training/enrolments", UriKind.Relative), new StringContent("a=b", Encoding.UTF8, "application/x-www-form-urlencoded"), Ct);

        Assert.Equal((HttpStatusCode.BadRequest, HttpStatusCode.BadRequest, HttpStatusCode.UnsupportedMediaType), (bad.StatusCode, broken.StatusCode, form.StatusCode));
        using var problem = JsonDocument.Parse(await bad.Content.ReadAsStringAsync(Ct));
        Assert.Equal(["company.businessId", "email", "firstName", "hetu", "lastName", "marketing", "phone", "sessionId"],
            problem.RootElement.GetProperty("errors").EnumerateObject().Select(p => p.Name).Order(StringComparer.Ordinal));
        using var brokenProblem = JsonDocument.Parse(await broken.Content.ReadAsStringAsync(Ct));
        Assert.True(brokenProblem.RootElement.GetProperty("errors").TryGetProperty("body", out _));
        Assert.Equal(0, await world.InScopeAsync(sp => sp.GetRequiredService<TrainingDb>().Trainees.CountAsync(Ct)));
    }

    [Theory]
    [InlineData(RecordsProvider.Sqlite)]
    [InlineData(RecordsProvider.Postgres)]
    public async Task Thirty_parallel_http_enrolments_into_twenty_seats_give_twenty_enrolled_and_ten_waitlisted(RecordsProvider records)
    {
        await using var world = await StartAsync(records, capacity: 20);

        var answers = await Task.WhenAll(Enumerable.Range(0, 30).Select(i => Task.Run(async () =>
        {
            using var client = world.Host.CreateClient();
            using var response = await client.PostAsJsonAsync("/api/training/enrolments", Body(world.Session, 100 + i), Ct);
            Assert.Equal(HttpStatusCode.Created, response.StatusCode);
            using var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync(Ct));
            return body.RootElement.GetProperty("status").GetString();
        }, Ct)));

        Assert.Equal((20, 10), (answers.Count(a => a == "enrolled"), answers.Count(a => a == "waitlisted")));
        Assert.Equal(20, await world.InScopeAsync(async sp => (await sp.GetRequiredService<TrainingDb>().Sessions.SingleAsync(Ct)).SeatsTaken));
    }

    [Fact]
    public async Task The_same_idempotency_key_answers_with_the_first_enrolment()
    {
        await using var world = await StartAsync();
        using var client = world.Host.CreateClient();
        client.DefaultRequestHeaders.Add("Idempotency-Key", "a1b2c3d4e5f6a7b8c9d0");

        using var first = await client.PostAsJsonAsync("/api/training/enrolments", Body(world.Session, 1), Ct);
        using var second = await client.PostAsJsonAsync("/api/training/enrolments", Body(world.Session, 1), Ct);

        Assert.Equal((HttpStatusCode.Created, HttpStatusCode.Created), (first.StatusCode, second.StatusCode));
        Assert.Equal(await first.Content.ReadAsStringAsync(Ct), await second.Content.ReadAsStringAsync(Ct));
    }

    [Fact]
    public async Task Enrolments_past_the_per_client_limit_answer_429()
    {
        await using var world = await StartAsync(perClient: 2);
        using var client = world.Host.CreateClient();

        var codes = new List<HttpStatusCode>();
        for (var i = 0; i < 3; i++)
        {
            using var response = await client.PostAsJsonAsync("/api/training/enrolments", Body(world.Session, i), Ct);
            codes.Add(response.StatusCode);
        }

        Assert.Equal([HttpStatusCode.Created, HttpStatusCode.Created, HttpStatusCode.TooManyRequests], codes);
    }

    [Theory]
    [InlineData(RecordsProvider.Sqlite)]
    [InlineData(RecordsProvider.Postgres)]
    public async Task Cancelling_from_the_mail_link_frees_the_seat_for_the_first_waiting_who_is_told_and_the_link_then_answers_404(RecordsProvider records)
    {
        await using var world = await StartAsync(records, capacity: 1);
        using var client = world.Host.CreateClient();
        await client.PostAsJsonAsync("/api/training/enrolments", Body(world.Session, 1), Ct);
        world.Host.SettableClock.Advance(TimeSpan.FromMinutes(1));
        await client.PostAsJsonAsync("/api/training/enrolments", Body(world.Session, 2), Ct);
        world.Host.SettableClock.Advance(TimeSpan.FromMinutes(1));
        await client.PostAsJsonAsync("/api/training/enrolments", Body(world.Session, 3), Ct);
        var link = "/training/cancel/" + world.CancelTokenIn(People.Email(1));

        using var look = await client.GetAsync(new Uri(link, UriKind.Relative), Ct);
        var seatsAfterLook = await world.InScopeAsync(async sp => (await sp.GetRequiredService<TrainingDb>().Enrolments.CountAsync(e => e.Status == EnrolmentStatus.Cancelled, Ct)));
        using var cancel = await client.PostFormAsync(link, [], cancellationToken: Ct);
        using var used = await client.GetAsync(new Uri(link, UriKind.Relative), Ct);
        using var unknown = await client.GetAsync(new Uri("/training/cancel/" + new string('A', 43), UriKind.Relative), Ct);

        Assert.Equal((HttpStatusCode.OK, 0, HttpStatusCode.OK, HttpStatusCode.NotFound, HttpStatusCode.NotFound), (look.StatusCode, seatsAfterLook, cancel.StatusCode, used.StatusCode, unknown.StatusCode));
        Assert.Contains("cancel-done", await cancel.Content.ReadAsStringAsync(Ct), StringComparison.Ordinal);
        var notFound = await used.Content.ReadAsStringAsync(Ct);
        Assert.DoesNotContain("cancel-reference", notFound, StringComparison.Ordinal);
        Assert.DoesNotContain("Occupational safety", notFound, StringComparison.Ordinal);
        await world.InScopeAsync(async sp =>
        {
            var db = sp.GetRequiredService<TrainingDb>();
            var statuses = (await db.Enrolments.ToListAsync(Ct)).OrderBy(e => e.CreatedAtUtc).Select(e => e.Status);
            Assert.Equal([EnrolmentStatus.Cancelled, EnrolmentStatus.Enrolled, EnrolmentStatus.Waitlisted], statuses);
            Assert.Equal(1, (await db.Sessions.SingleAsync(Ct)).SeatsTaken);
        });
        Assert.Contains("kurssilta vapautui paikka", world.MailsTo(People.Email(2))[^1], StringComparison.Ordinal);
        Assert.Single(world.Host.Mail.To(People.Email(3)));
    }

    [Theory]
    [InlineData(RecordsProvider.Sqlite)]
    [InlineData(RecordsProvider.Postgres)]
    public async Task Two_seats_cancelled_at_once_promote_two_different_people_and_never_overfill(RecordsProvider records)
    {
        await using var world = await TrainingWorld.StartAsync(records, capacity: 2);
        for (var i = 0; i < 5; i++)
        {
            await world.EnrolAsync(People.Person(i), marketing: false);
            world.Host.SettableClock.Advance(TimeSpan.FromMinutes(1));
        }

        var tokens = new[] { world.CancelTokenIn(People.Email(0)), world.CancelTokenIn(People.Email(1)) };
        var cancelled = await Task.WhenAll(tokens.Select(t => Task.Run(() => world.InScopeAsync(sp => sp.GetRequiredService<CancelEnrolment>().CancelAsync(t, Ct)), Ct)));

        Assert.Equal(2, cancelled.Select(c => c.PromotedReference).Distinct().Count(r => r is not null));
        await world.InScopeAsync(async sp =>
        {
            var db = sp.GetRequiredService<TrainingDb>();
            Assert.Equal((2, 2, 1), ((await db.Sessions.SingleAsync(Ct)).SeatsTaken, await db.Enrolments.CountAsync(e => e.Status == EnrolmentStatus.Enrolled, Ct), await db.Enrolments.CountAsync(e => e.Status == EnrolmentStatus.Waitlisted, Ct)));
        });
    }

    [Fact]
    public async Task The_form_shows_both_languages_and_an_unticked_marketing_box_and_a_double_submission_enrols_once_with_the_same_confirmation()
    {
        await using var world = await StartAsync();
        using var client = world.Host.CreateClient();
        var page = $"/training/enrol/{world.Session}";
        var html = await client.GetStringAsync(new Uri(page, UriKind.Relative), Ct);
        var token = System.Text.RegularExpressions.Regex.Match(html, "name=\"FormToken\" value=\"([^\"]+)\"").Groups[1].Value;
        KeyValuePair<string, string>[] fields = [new("FirstName", "Aino"), new("LastName", "Virtanen"), new("Hetu", People.Hetu(1)), new("Email", People.Email(1)), new("Phone", "040 123 4567"), new("FormToken", token)];

        using var first = await client.PostFormAsync(page, fields, cancellationToken: Ct);
        using var second = await client.PostFormAsync(page, fields, cancellationToken: Ct);

        Assert.Contains("First name / Etunimi", html, StringComparison.Ordinal);
        Assert.Contains("<input type=\"checkbox\" id=\"marketing\" name=\"Marketing\" value=\"true\">", html, StringComparison.Ordinal);
        Assert.Contains("href=\"/privacy/training/notice\"", html, StringComparison.Ordinal);
        var (a, b) = (await first.Content.ReadAsStringAsync(Ct), await second.Content.ReadAsStringAsync(Ct));
        var reference = System.Text.RegularExpressions.Regex.Match(a, "id=\"enrol-reference\">([^<]+)<").Groups[1].Value;
        Assert.Matches("^TR-", reference);
        Assert.Contains(reference, b, StringComparison.Ordinal);
        Assert.DoesNotContain(People.Hetu(1), a, StringComparison.Ordinal);
        Assert.Equal((1, 1), (await world.InScopeAsync(sp => sp.GetRequiredService<TrainingDb>().Enrolments.CountAsync(Ct)), world.Host.Mail.To(People.Email(1)).Count));
        Assert.Equal(0, await world.InScopeAsync(sp => sp.GetRequiredService<TrainingDb>().Enrolments.CountAsync(e => e.MarketingConsent, Ct)));
    }

    [Fact]
    public async Task The_form_marks_every_bad_field_in_finnish_and_stores_nothing()
    {
        await using var world = await StartAsync();
        using var client = world.Host.CreateClient();
        client.DefaultRequestHeaders.AcceptLanguage.ParseAdd("fi");
        var page = $"/training/enrol/{world.Session}";

        using var response = await client.PostFormAsync(page, [new("FirstName", "<script>x</script>"), new("LastName", ""), new("Hetu", "010190A9000"), new("Email", "x"), new("Phone", "1")], cancellationToken: Ct);

        var html = await response.Content.ReadAsStringAsync(Ct);
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("Etunimi / First name", html, StringComparison.Ordinal);
        foreach (var field in new[] { "firstName", "lastName", "hetu", "email", "phone" })
        {
            Assert.Matches($"id=\"{field}-error\">[^<]+<", html);
        }

        Assert.DoesNotContain("<script>x", html, StringComparison.Ordinal);
        Assert.Equal(0, await world.InScopeAsync(sp => sp.GetRequiredService<TrainingDb>().Trainees.CountAsync(Ct)));
    }
}
