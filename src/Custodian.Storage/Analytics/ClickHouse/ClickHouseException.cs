using System.Globalization;
using System.Text.RegularExpressions;

namespace Custodian.Storage.Analytics.ClickHouse;

/// <summary>An error answered by ClickHouse, carrying its own code and message.</summary>
public sealed partial class ClickHouseException : Exception
{
    public ClickHouseException()
    {
    }

    public ClickHouseException(string message)
        : base(message)
    {
    }

    public ClickHouseException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    public ClickHouseException(int httpStatus, string body)
        : base(Describe(httpStatus, body))
    {
        HttpStatus = httpStatus;
        var match = CodePattern().Match(body);
        Code = match.Success ? int.Parse(match.Groups[1].Value, CultureInfo.InvariantCulture) : null;
    }

    /// <param name="address">Host and port of the server that answered.</param>
    public ClickHouseException(int httpStatus, string body, string address)
        : this(httpStatus, body)
    {
        Address = address;
    }

    /// <summary>Host and port of the server that answered with this error, when known.</summary>
    public string? Address { get; }

    /// <summary>ClickHouse's error code (e.g. 60 unknown table, 62 syntax error), when the body carried one.</summary>
    public int? Code { get; }

    public int HttpStatus { get; }

    private static string Describe(int httpStatus, string body)
    {
        var text = body.Trim();
        // ClickHouse echoes the query around the error position; keep the message short.
        if (text.Length > 600)
        {
            text = text[..600] + "…";
        }

        return $"ClickHouse answered HTTP {httpStatus.ToString(CultureInfo.InvariantCulture)}: {text}";
    }

    [GeneratedRegex(@"Code:\s*(\d+)")]
    private static partial Regex CodePattern();
}
