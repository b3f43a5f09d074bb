using System.Net.Http.Headers;
using System.Runtime.CompilerServices;
using System.Text;

namespace Custodian.Storage.Analytics.ClickHouse;

/// <summary>
/// The ClickHouse HTTP interface (works from 18.16 to current): SQL in the POST body, or in the <c>query</c>
/// URL parameter when the body carries streamed insert data. Credentials travel in a Basic auth header, never
/// in the URL.
/// </summary>
public sealed class ClickHouseHttp
{
    private readonly HttpClient _http;
    private readonly ClickHouseSettings _settings;
    private readonly Uri _url;

    public ClickHouseHttp(HttpClient http, ClickHouseSettings settings, Uri url)
    {
        ArgumentNullException.ThrowIfNull(http);
        ArgumentNullException.ThrowIfNull(settings);
        ArgumentNullException.ThrowIfNull(url);
        _http = http;
        _settings = settings;
        _url = url;
        _http.Timeout = TimeSpan.FromSeconds(settings.TimeoutSeconds);
    }

    public string Database => _settings.Database;

    public Uri Url => _url;

    /// <summary>Host and port of the server, for messages and health output (a URL may carry user info; this never does).</summary>
    public string Address => AddressOf(_url);

    public static string AddressOf(Uri url)
    {
        ArgumentNullException.ThrowIfNull(url);
        return url.HostNameType == UriHostNameType.IPv6 ? $"[{url.IdnHost}]:{url.Port}" : $"{url.IdnHost}:{url.Port}";
    }

    /// <summary>Runs a statement that returns nothing (DDL, OPTIMIZE, INSERT ... SELECT).</summary>
    public async Task ExecuteAsync(string sql, CancellationToken cancellationToken, bool useDatabase = true)
    {
        using var request = Request(sql, useDatabase, queryInUrl: null);
        using var response = await SendAsync(request, cancellationToken);
    }

    /// <summary>Runs a query and yields its rows as unescaped TSV fields; the first two rows are names and types.</summary>
    public async IAsyncEnumerable<List<string?>> QueryTsvAsync(string sql, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        using var request = Request(sql + "\nFORMAT TabSeparatedWithNamesAndTypes", useDatabase: true, queryInUrl: null);
        using var response = await SendAsync(request, cancellationToken);
        await using var body = await response.Content.ReadAsStreamAsync(cancellationToken);
        using var reader = new StreamReader(body, Encoding.UTF8);
        while (await reader.ReadLineAsync(cancellationToken) is { } line)
        {
            yield return TabSeparated.ParseLine(line);
        }
    }

    /// <summary>Streams rows as TabSeparated into <c>INSERT INTO table (columns)</c>.</summary>
    public async Task<long> InsertTsvAsync(string insertStatement, IAsyncEnumerable<string> lines, CancellationToken cancellationToken)
    {
        var content = new StreamedLinesContent(lines);
        using var request = Request(sql: null, useDatabase: true, queryInUrl: insertStatement + " FORMAT TabSeparated");
        request.Content = content;
        using var response = await SendAsync(request, cancellationToken);
        return content.LinesWritten;
    }

    public async Task PingAsync(CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, new Uri(_url, "ping"));
        using var response = await SendAsync(request, cancellationToken);
    }

    /// <summary><c>SELECT 1</c> with the configured credentials: the server answers and lets this user in.</summary>
    public Task SelectOneAsync(CancellationToken cancellationToken) => ExecuteAsync("SELECT 1", cancellationToken, useDatabase: false);

    private HttpRequestMessage Request(string? sql, bool useDatabase, string? queryInUrl)
    {
        var parameters = new List<string>
        {
            // Buffer the whole result server-side so an error mid-query becomes an HTTP error, not a torn body.
            "wait_end_of_query=1",
            // An insert into a Distributed table returns only when every shard has its rows (read-after-write).
            "insert_distributed_sync=1",
            // A portable "x IN (SELECT … FROM another table)" over Distributed tables runs its subquery once on the server
            // asked and sends the result to the shards (ClickHouse's default refuses such double-distributed subqueries).
            "distributed_product_mode=global",
        };
        if (useDatabase)
        {
            parameters.Add("database=" + Uri.EscapeDataString(_settings.Database));
        }

        if (queryInUrl is not null)
        {
            parameters.Add("query=" + Uri.EscapeDataString(queryInUrl));
        }

        var request = new HttpRequestMessage(HttpMethod.Post, new Uri(_url, "?" + string.Join('&', parameters)));
        if (sql is not null)
        {
            request.Content = new StringContent(sql, Encoding.UTF8, "text/plain");
        }

        if (!string.IsNullOrEmpty(_settings.User))
        {
            var credentials = Convert.ToBase64String(Encoding.UTF8.GetBytes($"{_settings.User}:{_settings.Password}"));
            request.Headers.Authorization = new AuthenticationHeaderValue("Basic", credentials);
        }

        return request;
    }

    private async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        HttpResponseMessage response;
        try
        {
            response = await _http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, cancellationToken);
        }
        catch (HttpRequestException e)
        {
            // .NET's text ends with the address already ("Connection refused (host:port)"): named once.
            throw new ClickHouseException($"ClickHouse at {Address} cannot be reached ({e.Message.Replace($" ({Address})", string.Empty, StringComparison.Ordinal).TrimEnd('.')}).", e);
        }
        catch (TaskCanceledException e) when (!cancellationToken.IsCancellationRequested)
        {
            // HttpClient.Timeout elapsed (the caller did not cancel).
            throw new ClickHouseException($"ClickHouse at {Address} did not answer within {_http.Timeout.TotalSeconds:0} s.", e);
        }

        if (response.IsSuccessStatusCode)
        {
            return response;
        }

        using (response)
        {
            var body = await response.Content.ReadAsStringAsync(cancellationToken);
            throw new ClickHouseException((int)response.StatusCode, body, Address);
        }
    }

    /// <summary>Request body written while rows are produced, so inserts never hold all rows in memory.</summary>
    private sealed class StreamedLinesContent(IAsyncEnumerable<string> lines) : HttpContent
    {
        public long LinesWritten { get; private set; }

        protected override async Task SerializeToStreamAsync(Stream stream, System.Net.TransportContext? context, CancellationToken cancellationToken)
        {
            await using var writer = new StreamWriter(stream, new UTF8Encoding(false), 64 * 1024, leaveOpen: true) { NewLine = "\n" };
            await foreach (var line in lines.WithCancellation(cancellationToken))
            {
                await writer.WriteLineAsync(line);
                LinesWritten++;
            }
        }

        protected override Task SerializeToStreamAsync(Stream stream, System.Net.TransportContext? context) =>
            SerializeToStreamAsync(stream, context, CancellationToken.None);

        protected override bool TryComputeLength(out long length)
        {
            length = 0;
            return false;
        }
    }
}
