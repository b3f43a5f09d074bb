using System.Globalization;

namespace Custodian.Web.Tests.Routes;

/// <summary>Values the matrix and the fuzz put into routes, queries, forms and JSON bodies.</summary>
public static class Samples
{
    /// <summary>A value for a route parameter: a Guid where the route constrains it to one (<c>{id:guid}</c>), else by its name.</summary>
    public static string Plausible(Microsoft.AspNetCore.Routing.Patterns.RoutePatternParameterPart parameter) =>
        parameter?.ParameterPolicies.Any(p => p.Content == "guid") == true ? "0190f0c4-6a1e-7c3d-9b2a-3e4f5a6b7c8d" : Plausible(parameter?.Name ?? string.Empty);

    /// <summary>A value that matches the route and looks like what the app issues (the matrix needs the route to match, nothing more).</summary>
    public static string Plausible(string parameter) => (parameter ?? string.Empty).ToUpperInvariant() switch
    {
        "CODE" => "404",
        "REGISTER" or "ID" => "marketplace-sellers",
        "REFERENCE" => "DSR-0000TEST",
        "TOKEN" => "AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA",
        _ => "sample",
    };

    /// <summary>
    /// Route values: plausible, valid-looking GUIDs and one-time tokens, and garbage. No NUL: a path with %00 never
    /// reaches the app (Kestrel answers 400 itself; the in-memory server refuses to send it).
    /// </summary>
    public static IReadOnlyList<string> ForRoute(string parameter) =>
    [
        Plausible(parameter),
        Guid.NewGuid().ToString(),
        Guid.Empty.ToString("N"),
        Convert.ToBase64String(Guid.NewGuid().ToByteArray().Concat(Guid.NewGuid().ToByteArray()).ToArray()).TrimEnd('=').Replace('+', '-').Replace('/', '_'),
        "DSR-" + new string('Z', 8),
        "training",
        "500",
        "-1",
        "..",
        "\r\nX-Injected: 1",
        "\u3000",
        "' OR '1'='1",
        new('x', 3_000),
    ];

    /// <summary>Strings that break careless code: control characters, ideographic space, a 100 000-character value, markup and SQL.</summary>
    public static readonly IReadOnlyList<string> Strings =
    [
        "\0",
        "a\0b",
        "line\r\nInjected: header",
        "\t",
        "\u3000",
        new('x', 100_000),
        string.Empty,
        " ",
        "<script>alert(1)</script>",
        "'; DROP TABLE sellers; --",
        "😀\u202E",
        "../../../../etc/passwd",
        "%ZZ",
        "ё@пример.рф",
    ];

    /// <summary>Values for an input of <paramref name="type"/>: out of range, badly formed, or of the wrong kind.</summary>
    public static IReadOnlyList<string> For(Type type)
    {
        ArgumentNullException.ThrowIfNull(type);
        var t = Nullable.GetUnderlyingType(type) ?? type;
        if (t == typeof(bool))
        {
            // Never "true": the seller page's erasure checkbox would erase the fuzzing seller (the erased person is fuzzed on purpose, apart).
            return ["maybe", "1", string.Empty, "\0", "false\r\n", new('f', 100_000)];
        }

        if (t == typeof(int) || t == typeof(long) || t == typeof(short) || t == typeof(decimal) || t == typeof(double) || t == typeof(float))
        {
            return ["-1", "0", "2147483648", "-9223372036854775809", "79228162514264337593543950336", "1e400", "NaN", "-Infinity", "1,5", "٣", "0x10", " 7 ", "\u3000"];
        }

        if (t == typeof(Guid))
        {
            return [Guid.Empty.ToString(), Guid.NewGuid().ToString(), "not-a-guid", "{" + Guid.NewGuid() + "}", "\0"];
        }

        if (t == typeof(DateTime) || t == typeof(DateTimeOffset) || t == typeof(DateOnly))
        {
            return ["0001-01-01", "9999-12-31T23:59:59.9999999+14:00", "10000-01-01", "2026-02-30", "-1", "1/2/3", "24:61", "\u3000"];
        }

        if (t.IsEnum)
        {
            return [.. Enum.GetNames(t), "999", "-1", "NotAValue", "1,2", "\0"];
        }

        return Strings;
    }

    /// <summary>A plausible value for an input of <paramref name="type"/> (the others of a request keep these while one is fuzzed).</summary>
    public static string PlausibleFor(string name, Type type)
    {
        ArgumentNullException.ThrowIfNull(type);
        var t = Nullable.GetUnderlyingType(type) ?? type;
        return t == typeof(bool) ? "false"
            : t == typeof(Guid) ? Guid.NewGuid().ToString()
            : t == typeof(int) || t == typeof(long) || t == typeof(decimal) ? "1"
            : t == typeof(DateTime) || t == typeof(DateTimeOffset) ? "2026-11-16T09:00:00Z"
            : t == typeof(DateOnly) ? "2026-11-16"
            : t.IsEnum ? Enum.GetNames(t)[0]
            : name.Contains("email", StringComparison.OrdinalIgnoreCase) ? "fuzz@example.fi"
            : Plausible(name);
    }

    /// <summary>JSON values for one property of a JSON body: strings from <see cref="Strings"/>, numbers and dates out of range, wrong kinds.</summary>
    public static readonly IReadOnlyList<string> JsonValues =
    [
        .. Strings.Select(s => System.Text.Json.JsonSerializer.Serialize(s)),
        "99999999999999999999999999999999",
        "-1e400",
        "1.7976931348623157e309",
        "-0",
        "true",
        "null",
        "[]",
        "{}",
        "[[[[[[[[[[[[[[[[[[[[]]]]]]]]]]]]]]]]]]]]",
        "\"9999-12-31T23:59:59+14:00\"",
        "\"0000-00-00\"",
        "\"\\ud800\"",
    ];

    /// <summary>Bodies that are not JSON, or not quite: malformed, truncated, too deep, not UTF-8.</summary>
    public static readonly IReadOnlyList<byte[]> BrokenJson =
    [
        "{"u8.ToArray(),
        "{\"register\":"u8.ToArray(),
        "{\"register\":\"training\",\"kind\":\"acc"u8.ToArray(),
        "[1,2"u8.ToArray(),
        "nul"u8.ToArray(),
        "{'single':'quotes'}"u8.ToArray(),
        "{\"a\":1,}"u8.ToArray(),
        [0xFF, 0xFE, 0x00, 0x7B],
        [0xEF, 0xBB, 0xBF, .. "{\"bom\":true}"u8.ToArray()],
        System.Text.Encoding.UTF8.GetBytes(new string('[', 10_000) + new string(']', 10_000)),
        System.Text.Encoding.UTF8.GetBytes("{\"n\":" + new string('9', 100_000) + "}"),
        [],
    ];

    /// <summary>Content types the routes do not expect, with a body to match each.</summary>
    public static readonly IReadOnlyList<(string ContentType, string Body)> WrongContent =
    [
        ("text/plain", "{\"register\":\"training\"}"),
        ("application/xml", "<request><register>training</register></request>"),
        ("multipart/form-data; boundary=", "--\r\ngarbage"),
        ("multipart/form-data; boundary=x", "--x\r\nContent-Disposition: form-data; name=\"a\"\r\n\r\nunterminated"),
        ("application/x-www-form-urlencoded", "%%%=&&&=%ZZ&=&a=%E0%A4%A"),
        ("application/x-www-form-urlencoded; charset=no-such-charset", "a=b"),
        ("application/json; charset=no-such-charset", "{}"),
        ("application/json", "register=training&kind=access"),
        ("image/png", "\u0089PNG"),
    ];

    /// <summary>Request headers a browser would never send: broken languages, cookies, forwarding and accept values.</summary>
    public static readonly IReadOnlyList<(string Name, string Value)> Headers =
    [
        ("Accept-Language", "xx-INVALID;q=abc, *;q=-1, \u3000"),
        ("Accept-Language", new string('a', 20_000)),
        ("Cookie", "custodian.session=not-a-ticket; custodian.af=garbage"),
        ("Cookie", ".AspNetCore.Culture=c=zz-ZZ|uic=\u0000"),
        ("Cookie", "custodian.session=" + new string('A', 8_000)),
        ("X-Forwarded-For", "not-an-ip, 999.999.999.999, ::ffff:zz"),
        ("X-Forwarded-Proto", "gopher"),
        ("Accept", "*/*;q=abc, application/json;q=2"),
        ("If-Modified-Since", "yesterday"),
        ("Range", "bytes=99999999999-1"),
    ];

    public static string Describe(string value)
    {
        ArgumentNullException.ThrowIfNull(value);
        var shown = value.Length > 40 ? value[..40] + $"…({value.Length.ToString(CultureInfo.InvariantCulture)} chars)" : value;
        return System.Text.Json.JsonSerializer.Serialize(shown);
    }
}
