using System.Collections.Concurrent;
using System.Net;
using System.Text;
using System.Threading.Channels;
using Custodian.Modules.Marketplace.Collection;
using Custodian.Modules.Marketplace.Collection.Wildberries;
using Custodian.Simulators.Wildberries;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;

namespace Custodian.Modules.Marketplace.Tests;

/// <summary>
/// A 429 is retried exactly when the marketplace says it may be: the clock is a fake that only moves when the test moves
/// it, and every wait the caller starts on it is seen, so a wait of the wrong length (or none) fails the test.
/// </summary>
public sealed class MarketplaceHttpTests
{
    /// <summary>A wrong wait leaves a call waiting on the fake clock for ever: fail after this (real) time instead of hanging.</summary>
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(30);

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Theory]
    [InlineData("X-Ratelimit-Retry: 7; X-Ratelimit-Reset: 29; X-Ratelimit-Limit: 10", 7)] // Wildberries' documented answer: Retry, not Reset
    [InlineData("X-Ratelimit-Retry: 2.5", 2.5)]
    [InlineData("X-Ratelimit-Reset: 29; X-Ratelimit-Limit: 10", 29)] // the whole burst is back by then, so one request is too
    [InlineData("Retry-After: 12", 12)]
    [InlineData("X-Ratelimit-Retry: 86400", 600)] // a day is asked: wait at most ten minutes, then ask again
    [InlineData("Retry-After: 86400", 600)]
    [InlineData("X-Ratelimit-Retry: 3; Retry-After: 40", 3)] // Wildberries' own headers first
    [InlineData("X-Ratelimit-Reset: 29; Retry-After: 40", 29)]
    public async Task A_429_is_retried_after_exactly_the_wait_its_headers_ask_for(string headers, double seconds)
    {
        var clock = new WatchedClock();
        using var marketplace = new ScriptedMarketplace(clock, Throttled(headers), Ok("done"));
        using var http = new MarketplaceHttp(new HttpClient(marketplace), clock, NullLogger<MarketplaceHttp>.Instance);

        var fetch = FetchAsync(http);
        var wait = await clock.NextWaitAsync();

        Assert.Equal(TimeSpan.FromSeconds(seconds), wait);
        clock.Fake.Advance(wait - TimeSpan.FromMilliseconds(1));
        Assert.False(fetch.IsCompleted, "asked again before the wait was over");
        Assert.Single(marketplace.Requests);
        clock.Fake.Advance(TimeSpan.FromMilliseconds(1));
        Assert.Equal("done", await fetch.WaitAsync(Patience, Ct));
        Assert.Equal(wait, marketplace.Requests[1] - marketplace.Requests[0]);
    }

    [Fact]
    public async Task A_429_that_asks_for_no_wait_is_asked_again_at_once()
    {
        var clock = new WatchedClock();
        using var marketplace = new ScriptedMarketplace(clock, Throttled("X-Ratelimit-Retry: 0; X-Ratelimit-Reset: 30"), Ok("done"));
        using var http = new MarketplaceHttp(new HttpClient(marketplace), clock, NullLogger<MarketplaceHttp>.Instance);

        Assert.Equal("done", await FetchAsync(http).WaitAsync(Patience, Ct));

        Assert.Equal(0, clock.WaitsStarted);
        Assert.Equal(marketplace.Requests[0], marketplace.Requests[1]);
    }

    [Fact]
    public async Task A_retry_after_date_is_waited_for_until_that_moment()
    {
        var clock = new WatchedClock();
        var at = clock.GetUtcNow().AddSeconds(90);
        using var marketplace = new ScriptedMarketplace(clock, () => new HttpResponseMessage(HttpStatusCode.TooManyRequests) { Headers = { RetryAfter = new(at) } }, Ok("done"));
        using var http = new MarketplaceHttp(new HttpClient(marketplace), clock, NullLogger<MarketplaceHttp>.Instance);

        var fetch = FetchAsync(http);

        Assert.Equal(TimeSpan.FromSeconds(90), await clock.NextWaitAsync());
        clock.Fake.Advance(TimeSpan.FromSeconds(90));
        Assert.Equal("done", await fetch.WaitAsync(Patience, Ct));
        Assert.Equal(at, clock.GetUtcNow());
    }

    [Fact]
    public async Task A_429_that_names_no_wait_backs_off_about_a_second_then_twice_as_long()
    {
        // Ozon's 429 (code 8, "You have reached request rate limit per second") carries no header saying how long.
        var clock = new WatchedClock();
        var ozonRefusal = () => new HttpResponseMessage(HttpStatusCode.TooManyRequests) { Content = new StringContent("""{"code":8,"message":"You have reached request rate limit per second","details":[]}""") };
        using var marketplace = new ScriptedMarketplace(clock, ozonRefusal, ozonRefusal, Ok("done"));
        using var http = new MarketplaceHttp(new HttpClient(marketplace), clock, NullLogger<MarketplaceHttp>.Instance);

        var fetch = FetchAsync(http);
        var first = await clock.NextWaitAsync();
        clock.Fake.Advance(first);
        var second = await clock.NextWaitAsync();
        clock.Fake.Advance(second);

        Assert.Equal("done", await fetch.WaitAsync(Patience, Ct));
        Assert.InRange(first, TimeSpan.FromSeconds(0.5), TimeSpan.FromSeconds(1));
        Assert.InRange(second, TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(2));
        Assert.Equal(3, marketplace.Requests.Count);
    }

    [Fact]
    public async Task The_wildberries_stand_in_is_asked_again_only_once_its_window_has_passed()
    {
        var clock = new WatchedClock();
        await using var wildberries = await WildberriesSimulator.StartAsync(new WildberriesSimulatorOptions { RequestsPerWindow = 1, Window = TimeSpan.FromMinutes(1) }, clock: clock, cancellationToken: Ct);
        var token = wildberries.Tokens.Issue(1, WildberriesCategories.All, clock.GetUtcNow().AddDays(180));
        using var http = new MarketplaceHttp(new HttpClient(), clock, NullLogger<MarketplaceHttp>.Instance);
        Task<string> Ping() => http.FetchAsync(() => WildberriesRequest.Get(wildberries.BaseAddress, "ping", token), token, "common", 60_000, (_, body) => Encoding.UTF8.GetString(body), Ct);
        await Ping();

        var second = Ping();
        var gap = await clock.NextWaitAsync(); // one period (1 ms) after the first request, whatever the bucket's timer says
        clock.Fake.Advance(gap);
        var wait = await clock.NextWaitAsync();
        clock.Fake.Advance(wait);
        await second.WaitAsync(Patience, Ct);

        Assert.Equal(TimeSpan.FromMilliseconds(1), gap);
        Assert.Equal(TimeSpan.FromMinutes(1), wait); // X-Ratelimit-Retry: the whole window, as nothing of it had passed
        Assert.Equal(1, wildberries.Throttled);
    }

    [Theory]
    [InlineData(HttpStatusCode.Unauthorized)]
    [InlineData(HttpStatusCode.Forbidden)]
    public async Task A_refused_key_fails_at_once_with_the_marketplaces_reason_and_is_not_asked_again(HttpStatusCode status)
    {
        var clock = new WatchedClock();
        using var marketplace = new ScriptedMarketplace(clock, () => new HttpResponseMessage(status) { Content = new StringContent("""{"title":"unauthorized","detail":"token withdrawn"}""") });
        using var http = new MarketplaceHttp(new HttpClient(marketplace), clock, NullLogger<MarketplaceHttp>.Instance);

        var error = await Assert.ThrowsAsync<MarketplaceKeyRejectedException>(() => FetchAsync(http));

        Assert.Equal($"{(int)status}: token withdrawn", error.Message);
        Assert.Single(marketplace.Requests);
    }

    [Fact]
    public async Task A_method_the_plan_lacks_is_an_answer_when_the_caller_reads_that_refusal()
    {
        var clock = new WatchedClock();
        using var marketplace = new ScriptedMarketplace(clock, () => new HttpResponseMessage(HttpStatusCode.Forbidden) { Content = new StringContent("premium only") });
        using var http = new MarketplaceHttp(new HttpClient(marketplace), clock, NullLogger<MarketplaceHttp>.Instance);

        var read = await http.FetchAsync(() => new HttpRequestMessage(HttpMethod.Get, "http://marketplace.test/api"), "key", "group", 60_000, (status, body) => $"{(int)status} {Encoding.UTF8.GetString(body)}", Ct, alsoRead: HttpStatusCode.Forbidden);

        Assert.Equal("403 premium only", read);
    }

    [Fact]
    public async Task Server_errors_and_cut_bodies_are_retried_after_a_growing_pause_or_the_retry_after_asked()
    {
        var clock = new WatchedClock();
        using var marketplace = new ScriptedMarketplace(
            clock,
            () => new HttpResponseMessage(HttpStatusCode.BadGateway),
            () => new HttpResponseMessage(HttpStatusCode.OK) { Content = new StringContent("""[{"a":1},{"a""") },
            () => new HttpResponseMessage(HttpStatusCode.ServiceUnavailable) { Headers = { RetryAfter = new(TimeSpan.FromSeconds(20)) } },
            () => throw new HttpRequestException("refused", null, HttpStatusCode.BadGateway),
            Ok("""[{"a":1}]"""));
        using var http = new MarketplaceHttp(new HttpClient(marketplace), clock, NullLogger<MarketplaceHttp>.Instance);

        var fetch = http.FetchAsync(() => new HttpRequestMessage(HttpMethod.Get, "http://marketplace.test/api"), "key", "group", 60_000, (_, body) => System.Text.Json.JsonDocument.Parse(body).RootElement.GetArrayLength(), Ct);
        var waits = new List<TimeSpan>();
        for (var i = 0; i < 4; i++)
        {
            waits.Add(await clock.NextWaitAsync());
            clock.Fake.Advance(waits[^1]);
        }

        Assert.Equal(1, await fetch.WaitAsync(Patience, Ct));
        Assert.InRange(waits[0], TimeSpan.FromMilliseconds(250), TimeSpan.FromMilliseconds(500)); // the first pause: up to half a second
        Assert.InRange(waits[1], TimeSpan.FromMilliseconds(500), TimeSpan.FromSeconds(1)); // then up to twice that
        Assert.Equal(TimeSpan.FromSeconds(20), waits[2]); // a server error that says how long
        Assert.InRange(waits[3], TimeSpan.FromSeconds(2), TimeSpan.FromSeconds(4));
        Assert.Equal(5, marketplace.Requests.Count);
    }

    [Fact]
    public async Task Five_failures_in_a_row_give_up_but_a_429_in_between_starts_the_count_again()
    {
        var clock = new WatchedClock();
        Func<HttpResponseMessage> down = () => new HttpResponseMessage(HttpStatusCode.InternalServerError);
        using var marketplace = new ScriptedMarketplace(clock, down, down, down, down, Throttled("X-Ratelimit-Retry: 1"), down, down, down, down, down);
        using var http = new MarketplaceHttp(new HttpClient(marketplace), clock, NullLogger<MarketplaceHttp>.Instance);

        var fetch = FetchAsync(http);
        for (var i = 0; i < 9; i++)
        {
            clock.Fake.Advance(await clock.NextWaitAsync());
        }

        var error = await Assert.ThrowsAsync<MarketplaceUnavailableException>(() => fetch.WaitAsync(Patience, Ct));
        Assert.Equal($"group: HTTP 500, still after {MarketplaceHttp.MaxTransientAttempts} attempts in a row.", error.Message);
        Assert.Equal(10, marketplace.Requests.Count);
    }

    [Fact]
    public async Task A_marketplace_that_keeps_throttling_is_given_up_after_twelve_waits()
    {
        var clock = new WatchedClock();
        using var marketplace = new ScriptedMarketplace(clock, [.. Enumerable.Repeat(Throttled("X-Ratelimit-Retry: 3"), MarketplaceHttp.MaxThrottledAttempts + 1)]);
        using var http = new MarketplaceHttp(new HttpClient(marketplace), clock, NullLogger<MarketplaceHttp>.Instance);

        var fetch = FetchAsync(http);
        for (var i = 0; i < MarketplaceHttp.MaxThrottledAttempts; i++)
        {
            clock.Fake.Advance(await clock.NextWaitAsync());
        }

        var error = await Assert.ThrowsAsync<MarketplaceUnavailableException>(() => fetch.WaitAsync(Patience, Ct));
        Assert.Equal($"group: still rate-limited after {MarketplaceHttp.MaxThrottledAttempts} waits.", error.Message);
        Assert.Equal(MarketplaceHttp.MaxThrottledAttempts + 1, marketplace.Requests.Count);
    }

    [Theory]
    [InlineData("""{"detail":"dateFrom: invalid value"}""", "dateFrom: invalid value")]
    [InlineData("""{"code":3,"message":"invalid filter"}""", "invalid filter")]
    [InlineData("""{"title":"bad request"}""", "bad request")]
    [InlineData("""{"errorText":"period too long"}""", "period too long")]
    [InlineData("""{"detail":42}""", "no explanation given")]
    [InlineData("""[1,2]""", "no explanation given")]
    [InlineData("not json", "no explanation given")]
    public async Task Another_refusal_fails_at_once_with_the_marketplaces_own_explanation(string body, string explanation)
    {
        var clock = new WatchedClock();
        using var marketplace = new ScriptedMarketplace(clock, () => new HttpResponseMessage(HttpStatusCode.BadRequest) { Content = new StringContent(body) });
        using var http = new MarketplaceHttp(new HttpClient(marketplace), clock, NullLogger<MarketplaceHttp>.Instance);

        var error = await Assert.ThrowsAsync<MarketplaceUnavailableException>(() => FetchAsync(http));

        Assert.Equal($"group refused the request with HTTP 400: {explanation}", error.Message);
        Assert.Single(marketplace.Requests);
    }

    [Fact]
    public void A_long_explanation_is_cut_to_200_characters()
    {
        var detail = new string('x', 250);

        Assert.Equal(new string('x', 200), MarketplaceHttp.Detail(Encoding.UTF8.GetBytes($$"""{"detail":"{{detail}}"}""")));
        Assert.Equal(new string('x', 200), MarketplaceHttp.Detail(Encoding.UTF8.GetBytes($$"""{"detail":"{{detail[..200]}}"}""")));
    }

    private static Task<string> FetchAsync(MarketplaceHttp http) =>
        http.FetchAsync(() => new HttpRequestMessage(HttpMethod.Get, "http://marketplace.test/api"), "key", "group", 60_000, (_, body) => Encoding.UTF8.GetString(body), Ct);

    private static Func<HttpResponseMessage> Ok(string body) => () => new HttpResponseMessage(HttpStatusCode.OK) { Content = new StringContent(body) };

    /// <summary>A 429 with the headers written as <c>Name: value; Name: value</c>.</summary>
    private static Func<HttpResponseMessage> Throttled(string headers) => () =>
    {
        var response = new HttpResponseMessage(HttpStatusCode.TooManyRequests) { Content = new StringContent("""{"title":"too many requests","detail":"limited"}""") };
        foreach (var header in headers.Split("; "))
        {
            var (name, value) = (header[..header.IndexOf(':', StringComparison.Ordinal)], header[(header.IndexOf(':', StringComparison.Ordinal) + 2)..]);
            response.Headers.Add(name, value);
        }

        return response;
    };

    /// <summary>Answers each request with the next scripted response and notes the (fake) time it arrived.</summary>
    private sealed class ScriptedMarketplace(TimeProvider clock, params Func<HttpResponseMessage>[] script) : HttpMessageHandler
    {
        private readonly ConcurrentQueue<Func<HttpResponseMessage>> _script = new(script);
        private readonly ConcurrentQueue<DateTimeOffset> _requests = new();

        public IReadOnlyList<DateTimeOffset> Requests => [.. _requests];

        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            _requests.Enqueue(clock.GetUtcNow());
            Assert.True(_script.TryDequeue(out var next), "asked more often than the script answers");
            return Task.FromResult(next());
        }
    }

    /// <summary>A fake clock that reports the length of every wait started on it.</summary>
    private sealed class WatchedClock : TimeProvider
    {
        private readonly Channel<TimeSpan> _waits = Channel.CreateUnbounded<TimeSpan>();
        private int _started;

        public int WaitsStarted => Volatile.Read(ref _started);

        public FakeTimeProvider Fake { get; } = new(new DateTimeOffset(2026, 12, 7, 9, 0, 0, TimeSpan.Zero));

        public override DateTimeOffset GetUtcNow() => Fake.GetUtcNow();

        public override long GetTimestamp() => Fake.GetTimestamp();

        public override long TimestampFrequency => Fake.TimestampFrequency;

        public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period)
        {
            var timer = Fake.CreateTimer(callback, state, dueTime, period);
            Interlocked.Increment(ref _started);
            _waits.Writer.TryWrite(dueTime);
            return timer;
        }

        public Task<TimeSpan> NextWaitAsync() => _waits.Reader.ReadAsync(TestContext.Current.CancellationToken).AsTask().WaitAsync(Patience, TestContext.Current.CancellationToken);
    }
}
