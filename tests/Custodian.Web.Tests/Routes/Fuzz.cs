using System.Net.Http.Headers;
using System.Text;

namespace Custodian.Web.Tests.Routes;

/// <summary>One fuzz request: what it is (for the failure message), who sends it, and how to make it (a message is sent once).</summary>
public sealed record FuzzRequest(string Description, Person Person, Func<HttpRequestMessage> Create);

/// <summary>
/// The requests the fuzz sends to one route: every method (TRACE, PUT, DELETE, … ), pages' unknown and missing
/// handlers, each input of each handler with sampled bad values (in the query and in the form), broken and wrongly typed
/// bodies, sampled route values, headers a browser never sends, the roles the route turns away, and for the Telegram
/// webhook updates with out-of-range numbers and dates. Inputs are sampled (a few values per input, every value
/// somewhere), so every route is covered and the run stays short.
/// </summary>
public sealed class Fuzz(IReadOnlyList<Person> people)
{
    public const string WebhookPattern = "/telegram/webhook";

    private static readonly string[] Methods = ["GET", "POST", "PUT", "DELETE", "PATCH", "TRACE", "OPTIONS", "HEAD"];

    private const int ValuesPerInput = 5;

    public IEnumerable<FuzzRequest> For(AppRoute route, IReadOnlyList<Person> letIn)
    {
        ArgumentNullException.ThrowIfNull(route);
        ArgumentNullException.ThrowIfNull(letIn);
        var turn = 0;
        Person Next() => letIn.Count > 0 ? letIn[turn++ % letIn.Count] : people[turn++ % people.Count];
        var path = route.PathWith(Samples.Plausible);

        foreach (var method in Methods)
        {
            yield return Send(route, $"{method} {path}", Next(), method, path, null);
        }

        if (route.IsPage)
        {
            foreach (var handler in (string[])["no-such-handler", "\0", "Connect\r\nX: y", new('h', 5_000), string.Empty])
            {
                yield return Send(route, $"POST {path}?handler={Samples.Describe(handler)}", Next(), "POST", path + "?handler=" + Uri.EscapeDataString(handler), Form([]));
            }

            yield return Send(route, $"GET {path}?handler=Nope", Next(), "GET", path + "?handler=Nope", null);
        }

        foreach (var call in route.Calls)
        {
            var target = call.Handler is null ? path : path + "?handler=" + call.Handler;
            var separator = call.Handler is null ? "?" : "&";
            var inputs = call.Inputs.Where(i => i.Source == InputSource.QueryOrForm).ToList();
            for (var i = 0; i < inputs.Count; i++)
            {
                var values = Samples.For(inputs[i].Type);
                for (var j = 0; j < ValuesPerInput; j++)
                {
                    var value = values[(i * ValuesPerInput + j) % values.Count];
                    var fields = inputs.Select((input, k) => new KeyValuePair<string, string>(input.Name, k == i ? value : Samples.PlausibleFor(input.Name, input.Type))).ToList();
                    var described = $"{call.Describe(path)} {inputs[i].Name}={Samples.Describe(value)}";
                    yield return call.Method == "GET" || j % 2 == 1
                        ? Send(route, described + " (query)", Next(), call.Method, target + separator + Query(fields), call.Method == "GET" ? null : Form([]))
                        : Send(route, described + " (form)", Next(), call.Method, target, Form(fields));
                }
            }

            if (inputs.Count > 0)
            {
                var long100k = inputs.Select(input => new KeyValuePair<string, string>(input.Name, Samples.Strings[5])).ToList();
                yield return Send(route, $"{call.Describe(path)} every input 100 000 characters", Next(), call.Method, target, call.Method == "GET" ? null : Form(long100k));
            }

            foreach (var body in call.Inputs.Where(i => i.Source == InputSource.JsonBody))
            {
                var properties = body.Type.GetProperties().Select(p => p.Name).ToList();
                for (var i = 0; i < properties.Count; i++)
                {
                    for (var j = 0; j < ValuesPerInput; j++)
                    {
                        var value = Samples.JsonValues[(i * ValuesPerInput + j) % Samples.JsonValues.Count];
                        var json = "{" + string.Join(',', properties.Select((p, k) => $"\"{Camel(p)}\":{(k == i ? value : System.Text.Json.JsonSerializer.Serialize(Samples.PlausibleFor(p, typeof(string))))}")) + "}";
                        yield return Send(route, $"{call.Describe(path)} JSON {Camel(properties[i])}={Samples.Describe(value)}", Next(), call.Method, target, Json(json));
                    }
                }

                yield return Send(route, $"{call.Describe(path)} JSON of nulls", Next(), call.Method, target, Json("{" + string.Join(',', properties.Select(p => $"\"{Camel(p)}\":null")) + "}"));
            }

            if (call.Method != "GET")
            {
                var broken = route.IsPage ? Samples.BrokenJson.Take(3) : Samples.BrokenJson;
                foreach (var (bytes, n) in broken.Select((b, n) => (b, n)))
                {
                    yield return Send(route, $"{call.Describe(path)} broken JSON #{n}", Next(), call.Method, target, Bytes(bytes, "application/json"));
                }

                foreach (var (type, text) in Samples.WrongContent)
                {
                    yield return Send(route, $"{call.Describe(path)} as {type}", Next(), call.Method, target, Bytes(Encoding.UTF8.GetBytes(text), type));
                }
            }
        }

        foreach (var parameter in route.RouteParameters)
        {
            var post = route.Calls.FirstOrDefault(c => c.Method == "POST");
            foreach (var (value, n) in Samples.ForRoute(parameter.Name).Select((v, n) => (v, n)))
            {
                var other = route.PathWith(p => p.Name == parameter.Name ? value : Samples.Plausible(p));
                yield return Send(route, $"GET {route.Pattern} {parameter.Name}={Samples.Describe(value)}", Next(), "GET", other, null);
                if (post is not null && n % 3 == 0)
                {
                    yield return Send(route, $"{post.Describe(route.Pattern)} {parameter.Name}={Samples.Describe(value)}", Next(), "POST", post.Handler is null ? other : other + "?handler=" + post.Handler, Form([]));
                }
            }
        }

        foreach (var (name, value) in Samples.Headers)
        {
            var person = people[turn++ % people.Count];
            yield return new FuzzRequest($"GET {path} with {name}: {Samples.Describe(value)}", person, () =>
            {
                var request = Message(route, "GET", path, person, null);
                if (name == "Cookie")
                {
                    request.Headers.Remove("Cookie");
                }

                request.Headers.TryAddWithoutValidation(name, value);
                return request;
            });
        }

        foreach (var outsider in people.Where(p => !letIn.Contains(p)))
        {
            foreach (var call in route.Calls.Take(3))
            {
                yield return Send(route, $"{call.Describe(path)} as {outsider.Role}", outsider, call.Method, call.Handler is null ? path : path + "?handler=" + call.Handler, call.Method == "GET" ? null : Form([]));
            }
        }

        if (route.Pattern == WebhookPattern)
        {
            foreach (var (update, n) in TelegramUpdates.Select((u, n) => (u, n)))
            {
                yield return Send(route, $"POST {WebhookPattern} update #{n} {Samples.Describe(update)}", Next(), "POST", path, Json(update));
            }
        }
    }

    /// <summary>Updates as Telegram might post them, and as it never would: numbers and dates out of range, wrong kinds, missing parts.</summary>
    public static readonly IReadOnlyList<string> TelegramUpdates =
    [
        WholeApp.Update(700_001, "/start"),
        WholeApp.Update(700_001, "fuzz.seller@example.ru"),
        WholeApp.Update(700_001, "/status"),
        WholeApp.Update(700_001, "Где мои продажи?\0\r\n"),
        WholeApp.Update(700_001, "/stop"),
        WholeApp.Update(700_002, new string('я', 100_000)),
        WholeApp.Update(700_003, "/start\u3000\t"),
        WholeApp.Update(700_003, "Anna@Example.RU\r\nBcc: victim@example.ru"),
        WholeApp.Update(9_223_372_036_854_775_807, "/start"),
        WholeApp.Update(-1, "/status"),
        WholeApp.Update(700_004, "/status", updateId: long.MaxValue),
        WholeApp.Update(700_004, "/status", date: -62_135_596_801),
        WholeApp.Update(700_004, "/status", date: 253_402_300_800_000),
        WholeApp.Update(700_004, "/status", date: long.MaxValue),
        """{"update_id":99999999999999999999999,"message":{"message_id":1,"date":1,"chat":{"id":1,"type":"private"},"text":"/start"}}""",
        """{"update_id":1,"message":{"message_id":1,"date":"yesterday","chat":{"id":1,"type":"private"},"text":"/start"}}""",
        """{"update_id":1,"message":{"message_id":1,"date":1,"chat":{"id":1e30,"type":"private"},"text":"/start"}}""",
        """{"update_id":1,"message":{"message_id":1,"date":1,"chat":{"id":1,"type":"no-such-type"},"text":"/start"}}""",
        """{"update_id":1,"message":{"message_id":1,"date":1,"from":{"id":"abc","is_bot":false,"first_name":"A"},"chat":{"id":1,"type":"private"},"text":"/start"}}""",
        """{"update_id":1,"message":{"message_id":1,"date":1,"text":"/start"}}""",
        """{"update_id":1,"message":null}""",
        """{"update_id":1,"edited_message":{"message_id":1,"date":1,"chat":{"id":1,"type":"private"},"text":"/stop"}}""",
        """{"update_id":1,"callback_query":{"id":"x","from":{"id":1,"is_bot":false,"first_name":"A"},"chat_instance":"1","data":"\u0000"}}""",
        """{"update_id":1,"message":{"message_id":1,"date":1,"from":{"id":1,"is_bot":false,"first_name":"A"},"chat":{"id":1,"type":"private"},"contact":{"phone_number":"\u0000","first_name":""}}}""",
        """{"update_id":1}""",
        """{}""",
        """[]""",
        "\"update\"",
        "12345678901234567890",
    ];

    private FuzzRequest Send(AppRoute route, string description, Person person, string method, string pathAndQuery, Func<HttpContent>? content) =>
        new(description + (person.Role == people[0].Role ? string.Empty : $" as {person.Role}"), person, () => Message(route, method, pathAndQuery, person, content));

    private static HttpRequestMessage Message(AppRoute route, string method, string pathAndQuery, Person person, Func<HttpContent>? content)
    {
        var request = new HttpRequestMessage(new HttpMethod(method), pathAndQuery);
        request.Headers.Add("Cookie", person.Cookie);
        // The token in the header lets the handler read even a body the antiforgery check cannot (a broken form, JSON).
        request.Headers.Add("RequestVerificationToken", person.FormToken);
        if (route.Pattern == WebhookPattern)
        {
            request.Headers.Add(WholeApp.WebhookSecretHeader, WholeApp.WebhookSecret);
        }

        request.Content = content?.Invoke();
        return request;
    }

    private static Func<HttpContent> Form(IReadOnlyList<KeyValuePair<string, string>> fields) => () => new ByteArrayContent(Encoding.UTF8.GetBytes(Query(fields)))
    {
        Headers = { ContentType = new MediaTypeHeaderValue("application/x-www-form-urlencoded") },
    };

    private static Func<HttpContent> Json(string json) => Bytes(Encoding.UTF8.GetBytes(json), "application/json");

    private static Func<HttpContent> Bytes(byte[] bytes, string contentType) => () =>
    {
        var content = new ByteArrayContent(bytes);
        content.Headers.TryAddWithoutValidation("Content-Type", contentType);
        return content;
    };

    private static string Query(IEnumerable<KeyValuePair<string, string>> fields) =>
        string.Join('&', fields.Select(f => Uri.EscapeDataString(f.Key) + "=" + Uri.EscapeDataString(f.Value)));

    private static string Camel(string name) => char.ToLowerInvariant(name[0]) + name[1..];
}
