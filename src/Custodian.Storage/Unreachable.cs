using System.Data.Common;
using System.Net.Http;
using System.Net.Sockets;
using System.Text.RegularExpressions;
using Custodian.Storage.Analytics.ClickHouse;
using DuckDB.NET.Data;
using Microsoft.Data.Sqlite;
using Npgsql;

namespace Custodian.Storage;

/// <summary>
/// One line naming the engine or server a command could not use (host:port or file, never a password), for a failure
/// that is the environment's and not a bug: a ClickHouse server or shard that does not answer, PostgreSQL that cannot
/// be reached or refuses the connection, a DuckDB or SQLite file that cannot be opened, any server a request could
/// not connect to. Null for everything else, which keeps its stack trace.
/// </summary>
public static partial class Unreachable
{
    // ClickHouse's own network errors: a Distributed query whose shard does not answer (SOCKET_TIMEOUT, NETWORK_ERROR,
    // ALL_CONNECTION_TRIES_FAILED, NO_REMOTE_SHARD_AVAILABLE, ALL_REPLICAS_ARE_STALE).
    private static readonly HashSet<int> ClickHouseNetworkCodes = [209, 210, 279, 519, 369];

    public static string? Explain(Exception e) => OneLine(e switch
    {
        ClickHouseException { InnerException: HttpRequestException or TaskCanceledException } clickHouse => clickHouse.Message,
        ClickHouseException { Code: { } code } clickHouse when ClickHouseNetworkCodes.Contains(code) =>
            $"ClickHouse{(clickHouse.Address is { } at ? " at " + at : string.Empty)} cannot reach a shard{(ShardAddress().Match(clickHouse.Message) is { Success: true } shard ? " (" + shard.Groups[1].Value + ")" : string.Empty)}: {ClickHouseText(clickHouse.Message)}",
        PostgresException postgres when IsConnectionRefusal(postgres.SqlState) =>
            $"PostgreSQL refused the connection: {postgres.SqlState}: {postgres.MessageText}",
        NpgsqlException { InnerException: SocketException or TimeoutException or IOException } npgsql =>
            $"PostgreSQL cannot be reached: {npgsql.Message.TrimEnd('.')} ({npgsql.InnerException!.Message.TrimEnd('.')})",
        NpgsqlException npgsql when npgsql is not PostgresException && npgsql.Message.StartsWith("Failed to connect", StringComparison.Ordinal) =>
            $"PostgreSQL cannot be reached: {npgsql.Message.TrimEnd('.')}",
        DuckDBException duck when duck.Message.Contains("IO Error", StringComparison.Ordinal) =>
            $"The DuckDB analytics file cannot be used: {duck.Message}",
        SqliteException { SqliteErrorCode: 14 } sqlite => $"The SQLite records file cannot be opened: {sqlite.Message}",
        HttpRequestException { HttpRequestError: HttpRequestError.ConnectionError or HttpRequestError.NameResolutionError } http =>
            $"A server cannot be reached: {http.Message}",
        AggregateException { InnerExceptions.Count: 1 } aggregate => Explain(aggregate.InnerExceptions[0]),
        _ when e.InnerException is not null => Explain(e.InnerException),
        _ => null,
    });

    // 08: connection exception; 28: authorization (wrong password, no such role); 3D000: no such database;
    // 57P01-57P03: shutting down, starting up, cannot connect now; 53300: too many connections.
    private static bool IsConnectionRefusal(string state) =>
        state.StartsWith("08", StringComparison.Ordinal) || state.StartsWith("28", StringComparison.Ordinal)
        || state is "3D000" or "57P01" or "57P02" or "57P03" or "53300";

    // "ClickHouse answered HTTP 500: Code: 279, e.displayText() = DB::NetException: All connection tries failed. Log: …"
    private static string ClickHouseText(string message)
    {
        var text = message.Contains("e.displayText() = ", StringComparison.Ordinal) ? message[(message.IndexOf("e.displayText() = ", StringComparison.Ordinal) + 18)..] : message;
        var end = text.IndexOf(". Log", StringComparison.Ordinal);
        return (end > 0 ? text[..end] : text).Trim();
    }

    private static string? OneLine(string? message) =>
        message is null ? null : string.Join(' ', message.Split(['\r', '\n'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries));

    [GeneratedRegex(@"\((\[?[A-Za-z0-9.:\-\]]+:\d+)\)")]
    private static partial Regex ShardAddress();
}
