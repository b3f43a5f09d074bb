using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Custodian.Storage;
using Custodian.Web.Platform;

namespace Custodian.Cli;

/// <summary>
/// Sends a module verb to the service running on the same data folder (ADR 0014) and relays what it writes: the
/// service holds the embedded analytics file, which no second process may open. Found through the file the service
/// publishes in its data folder; when nothing answers at the published address (a service killed without cleaning
/// up), the verb runs in this process as before.
/// </summary>
internal sealed class OperatorChannelClient(OperatorChannelFile channel)
{
    /// <summary>Settings that only say where the data folder is: the service's own settings apply to everything else.</summary>
    private static readonly string[] Locating = [DataDirectory.Setting, "contentRoot", "environment"];

    /// <summary>The channel of a service on the data folder these host arguments name, or null when none is published.</summary>
    public static OperatorChannelClient? Find(string[] hostArgs)
    {
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions { Args = hostArgs, ApplicationName = typeof(Web.Program).Assembly.GetName().Name });
        var folder = DataDirectory.PathOf(builder.Configuration[DataDirectory.Setting], builder.Environment.ContentRootPath);
        // The secret goes to loopback only, whatever the file says.
        return OperatorChannelFile.TryRead(folder) is { Url.IsLoopback: true, Url.Scheme: "http" } file ? new OperatorChannelClient(file) : null;
    }

    /// <returns>The verb's exit code, or null when no service answers (the caller runs the verb itself).</returns>
    public async Task<int?> RunAsync(IReadOnlyList<string> commandLine, string[] hostArgs, CancellationToken cancellationToken)
    {
        using var http = new HttpClient(new SocketsHttpHandler { UseProxy = false, ConnectTimeout = TimeSpan.FromSeconds(5) })
        {
            BaseAddress = channel.Url,
            Timeout = Timeout.InfiniteTimeSpan, // a sync runs as long as it runs; Ctrl+C cancels it in the service too
        };
        using var request = new HttpRequestMessage(HttpMethod.Post, new Uri(OperatorChannel.Path, UriKind.Relative))
        {
            Content = JsonContent.Create(new { args = commandLine, width = Terminal.Width, interactive = Terminal.Interactive, user = Environment.UserName }),
        };
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", channel.Secret);
        HttpResponseMessage response;
        try
        {
            response = await http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, cancellationToken);
        }
        catch (HttpRequestException e) when (e.HttpRequestError == HttpRequestError.ConnectionError)
        {
            return null;
        }

        using (response)
        {
            if (!response.IsSuccessStatusCode)
            {
                await Console.Error.WriteLineAsync($"The running service (process {channel.ProcessId}) refused the verb: {await ProblemAsync(response, cancellationToken)}");
                return VerbExitFailed;
            }

            var ignored = hostArgs.Where(a => a.StartsWith("--", StringComparison.Ordinal)).Select(a => a[2..].Split('=')[0])
                .Where(key => !Locating.Contains(key, StringComparer.OrdinalIgnoreCase)).ToList();
            if (ignored.Count > 0)
            {
                await Console.Error.WriteLineAsync($"Run by the service (process {channel.ProcessId}) with its own settings; not applied: {string.Join(", ", ignored)}.");
            }

            using var reader = new StreamReader(await response.Content.ReadAsStreamAsync(cancellationToken));
            while (await reader.ReadLineAsync(cancellationToken) is { } line)
            {
                using var frame = JsonDocument.Parse(line);
                foreach (var part in frame.RootElement.EnumerateObject())
                {
                    switch (part.Name)
                    {
                        case "out":
                            await Console.Out.WriteAsync(part.Value.GetString());
                            break;
                        case "err":
                            await Console.Error.WriteAsync(part.Value.GetString());
                            break;
                        case "exit":
                            await Console.Out.FlushAsync(cancellationToken);
                            return part.Value.GetInt32();
                    }
                }
            }

            await Console.Error.WriteLineAsync($"The service (process {channel.ProcessId}) stopped before the verb finished.");
            return VerbExitFailed;
        }
    }

    private const int VerbExitFailed = Privacy.Abstractions.Hosting.VerbExit.Failed;

    private static async Task<string> ProblemAsync(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        try
        {
            using var problem = JsonDocument.Parse(await response.Content.ReadAsStringAsync(cancellationToken));
            return $"{problem.RootElement.GetProperty("title").GetString()}: {problem.RootElement.GetProperty("detail").GetString()}";
        }
        catch (Exception e) when (e is JsonException or KeyNotFoundException or InvalidOperationException)
        {
            return $"HTTP {(int)response.StatusCode}";
        }
    }
}
