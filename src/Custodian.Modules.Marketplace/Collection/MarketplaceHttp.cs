using System.Collections.Concurrent;
using System.Globalization;
using System.Net;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Threading.RateLimiting;
using Microsoft.Extensions.Logging;

namespace Custodian.Modules.Marketplace.Collection;

/// <summary>
/// Calls a marketplace the way its limits ask: a token bucket per key and method group at the documented rate,
/// waits on 429 as long as <c>X-Ratelimit-Retry</c> / <c>X-Ratelimit-Reset</c> / <c>Retry-After</c> say (else exponential with jitter), retries
/// server errors, timeouts and bodies cut short, and turns 401/403 into <see cref="MarketplaceKeyRejectedException"/>
/// at once (no retry storm against a dead key). Keys never reach logs or exceptions.
/// </summary>
internal sealed partial class MarketplaceHttp(HttpClient http, TimeProvider clock, ILogger<MarketplaceHttp> log) : IDisposable
{
    public const int MaxTransientAttempts = 5;
    public const int MaxThrottledAttempts = 12;
    private static readonly TimeSpan RequestTimeout = TimeSpan.FromSeconds(90);

    /// <summary>The longest wait a marketplace's answer can impose at once (a later 429 asks again).</summary>
    internal static readonly TimeSpan MaxAskedWait = TimeSpan.FromMinutes(10);

    private readonly ConcurrentDictionary<string, TokenBucketRateLimiter> _buckets = new(StringComparer.Ordinal);

    // Per key and method group: when this instance lets the next request go (one period after its last, or when a
    // 429 said), and when a request may go by what the previous instance to use the key handed over (ADR 0015).
    private readonly ConcurrentDictionary<string, DateTimeOffset> _nextAllowed = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, DateTimeOffset> _handedOver = new(StringComparer.Ordinal);

    /// <summary>
    /// The key's pace to hand to the next instance that calls with it: per method group, the earliest time its next
    /// request may go. A short text (<c>group=unix-ms;…</c>), no part of the key.
    /// </summary>
    public string? PaceOf(string key)
    {
        var prefix = Fingerprint(key) + "/";
        var now = clock.GetUtcNow();
        var pace = _nextAllowed.Where(p => p.Key.StartsWith(prefix, StringComparison.Ordinal) && p.Value > now)
            .Select(p => string.Create(CultureInfo.InvariantCulture, $"{p.Key[prefix.Length..]}={p.Value.ToUnixTimeMilliseconds()}")).Order(StringComparer.Ordinal).ToList();
        return pace.Count == 0 ? null : string.Join(';', pace);
    }

    /// <summary>Takes over a key's pace from the instance that called with it before (<see cref="PaceOf"/>); anything unreadable is ignored.</summary>
    public void Resume(string key, string? pace)
    {
        var prefix = Fingerprint(key) + "/";
        foreach (var entry in (pace ?? string.Empty).Split(';', StringSplitOptions.RemoveEmptyEntries))
        {
            if (entry.Split('=') is [var group, var at] && group.Length is > 0 and <= 64 && long.TryParse(at, NumberStyles.None, CultureInfo.InvariantCulture, out var ms) && ms <= DateTimeOffset.MaxValue.ToUnixTimeMilliseconds())
            {
                _handedOver[prefix + group] = DateTimeOffset.FromUnixTimeMilliseconds(ms);
            }
        }
    }

    /// <summary>Sends the request built by <paramref name="build"/> (anew for each attempt) and reads the answer.</summary>
    /// <param name="key">The marketplace key the request carries; only a hash of it names the bucket.</param>
    /// <param name="read">Reads a 200/204 body; a <see cref="JsonException"/> (a body cut short) is retried.</param>
    /// <param name="alsoRead">Refusals that are an answer for this call, not a failure (Ozon's 403 for a method the seller's plan lacks).</param>
    public async Task<T> FetchAsync<T>(Func<HttpRequestMessage> build, string key, string group, double requestsPerMinute, Func<HttpStatusCode, byte[], T> read, CancellationToken cancellationToken, HttpStatusCode? alsoRead = null)
    {
        var name = Fingerprint(key) + "/" + group;
        var bucket = _buckets.GetOrAdd(name, _ => NewBucket(requestsPerMinute));
        if (_handedOver.TryRemove(name, out var handedOver) && handedOver - clock.GetUtcNow() is var left && left > TimeSpan.Zero)
        {
            await Task.Delay(left > MaxAskedWait ? MaxAskedWait : left, clock, cancellationToken);
        }

        var (transient, throttled) = (0, 0);
        while (true)
        {
            using (var lease = await bucket.AcquireAsync(1, cancellationToken))
            {
                if (!lease.IsAcquired)
                {
                    throw new MarketplaceUnavailableException($"The local rate limiter for {group} refused to queue another request.");
                }
            }

            // The bucket refills on its own timer, not one period after the last request: after an idle spell its
            // token goes at once and the next one at the timer's next tick, sooner than a period later. Keep the gap.
            // At most one period: a 429's longer wait was already waited above, and a clock set back must not stall.
            if (_nextAllowed.TryGetValue(name, out var next) && next - clock.GetUtcNow() is var early && early > TimeSpan.Zero)
            {
                var period = Period(requestsPerMinute);
                await Task.Delay(early < period ? early : period, clock, cancellationToken);
            }

            _nextAllowed[name] = clock.GetUtcNow() + Period(requestsPerMinute);

            using var request = build();
            TimeSpan? wait;
            string problem;
            try
            {
                using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
                timeout.CancelAfter(RequestTimeout);
                using var response = await http.SendAsync(request, HttpCompletionOption.ResponseContentRead, timeout.Token);
                var body = await response.Content.ReadAsByteArrayAsync(timeout.Token);
                if (response.StatusCode == alsoRead)
                {
                    return read(response.StatusCode, body);
                }

                switch (response.StatusCode)
                {
                    case HttpStatusCode.OK or HttpStatusCode.NoContent:
                        try
                        {
                            return read(response.StatusCode, body);
                        }
                        catch (JsonException)
                        {
                            (wait, problem) = (null, "a response body that is not complete JSON");
                        }

                        break;
                    case HttpStatusCode.Unauthorized or HttpStatusCode.Forbidden:
                        throw new MarketplaceKeyRejectedException($"{(int)response.StatusCode}: {Detail(body)}");
                    case HttpStatusCode.TooManyRequests:
                        if (++throttled > MaxThrottledAttempts)
                        {
                            throw new MarketplaceUnavailableException($"{group}: still rate-limited after {MaxThrottledAttempts} waits.");
                        }

                        transient = 0; // the server answers sensibly: only consecutive failures count as an outage
                        var delay = RetryAfter(response) ?? Backoff(throttled, TimeSpan.FromSeconds(1), TimeSpan.FromMinutes(1));
                        _nextAllowed[name] = clock.GetUtcNow() + delay;
                        LogThrottled(log, group, delay.TotalSeconds);
                        await Task.Delay(delay, clock, cancellationToken);
                        continue;
                    case >= HttpStatusCode.InternalServerError or HttpStatusCode.RequestTimeout:
                        (wait, problem) = (RetryAfter(response), $"HTTP {(int)response.StatusCode}");
                        break;
                    default:
                        throw new MarketplaceUnavailableException($"{group} refused the request with HTTP {(int)response.StatusCode}: {Detail(body)}");
                }
            }
            catch (HttpRequestException e)
            {
                (wait, problem) = (null, "connection failed: " + e.HttpRequestError);
            }
            catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
            {
                (wait, problem) = (null, "no answer in time");
            }

            if (++transient >= MaxTransientAttempts)
            {
                throw new MarketplaceUnavailableException($"{group}: {problem}, still after {MaxTransientAttempts} attempts in a row.");
            }

            var pause = wait ?? Backoff(transient, TimeSpan.FromMilliseconds(500), TimeSpan.FromSeconds(30));
            LogRetry(log, group, problem, pause.TotalSeconds);
            await Task.Delay(pause, clock, cancellationToken);
        }
    }

    public void Dispose()
    {
        foreach (var bucket in _buckets.Values)
        {
            bucket.Dispose();
        }
    }

    private static TokenBucketRateLimiter NewBucket(double requestsPerMinute) => new(new TokenBucketRateLimiterOptions
    {
        TokenLimit = 1,
        TokensPerPeriod = 1,
        ReplenishmentPeriod = Period(requestsPerMinute),
        QueueLimit = int.MaxValue,
        QueueProcessingOrder = QueueProcessingOrder.OldestFirst,
        AutoReplenishment = true,
    });

    private static TimeSpan Period(double requestsPerMinute) => TimeSpan.FromSeconds(60 / Math.Max(requestsPerMinute, 0.001));

    /// <summary>
    /// How long the marketplace asks to wait, capped at <see cref="MaxAskedWait"/>. Wildberries documents its 429 headers:
    /// <c>X-Ratelimit-Retry</c> is the seconds until a request is allowed again (earlier ones get 429 again), and
    /// <c>X-Ratelimit-Reset</c> the seconds until the whole burst is back (so one request is allowed by then too); other
    /// servers send the standard <c>Retry-After</c> (seconds or a date). Ozon's 429 (code 8) names no wait: null.
    /// </summary>
    private TimeSpan? RetryAfter(HttpResponseMessage response)
    {
        var asked = Seconds(response, "X-Ratelimit-Retry") ?? Seconds(response, "X-Ratelimit-Reset") ?? response.Headers.RetryAfter switch
        {
            { Delta: { } delta } => delta,
            { Date: { } date } => date - clock.GetUtcNow() is var left && left > TimeSpan.Zero ? left : TimeSpan.Zero,
            _ => (TimeSpan?)null,
        };
        return asked > MaxAskedWait ? MaxAskedWait : asked;
    }

    private static TimeSpan? Seconds(HttpResponseMessage response, string header) =>
        response.Headers.TryGetValues(header, out var values) && double.TryParse(values.FirstOrDefault(), NumberStyles.Float, CultureInfo.InvariantCulture, out var seconds) && seconds >= 0
            ? TimeSpan.FromSeconds(Math.Min(seconds, MaxAskedWait.TotalSeconds))
            : null;

    /// <summary>Exponential with full jitter: a random pause up to base·2^attempt, capped.</summary>
    private static TimeSpan Backoff(int attempt, TimeSpan first, TimeSpan cap)
    {
        var ceiling = Math.Min(cap.TotalMilliseconds, first.TotalMilliseconds * Math.Pow(2, attempt - 1));
        return TimeSpan.FromMilliseconds((ceiling / 2) + (Random.Shared.NextDouble() * ceiling / 2));
    }

    /// <summary>The marketplace's own explanation (WB <c>detail</c>/<c>title</c>, Ozon <c>message</c>), short.</summary>
    internal static string Detail(byte[] body)
    {
        try
        {
            using var json = JsonDocument.Parse(body);
            foreach (var name in new[] { "detail", "message", "title", "errorText" })
            {
                if (json.RootElement.ValueKind == JsonValueKind.Object && json.RootElement.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String)
                {
                    var text = value.GetString()!;
                    return text.Length > 200 ? text[..200] : text;
                }
            }
        }
        catch (JsonException)
        {
        }

        return "no explanation given";
    }

    private static string Fingerprint(string key) => Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(key)), 0, 8);

    [LoggerMessage(Level = LogLevel.Information, Message = "Marketplace {Group} rate-limited the request; waiting {Seconds:0.#} s as it asked")]
    private static partial void LogThrottled(ILogger logger, string group, double seconds);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Marketplace {Group} failed ({Problem}); retrying in {Seconds:0.#} s")]
    private static partial void LogRetry(ILogger logger, string group, string problem, double seconds);
}
