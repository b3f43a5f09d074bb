using System.Text;
using Custodian.Privacy.Abstractions.Analytics;
using DuckDB.NET.Data;
using DuckDB.NET.Native;

namespace Custodian.Storage.Analytics.DuckDb;

/// <summary>
/// Appends rows to a table column by column through DuckDB's data-chunk C API: numbers, dates and times are written
/// straight into each column's vector, text as UTF-8 bytes. DuckDB.NET's row appender checks and dispatches every value
/// on its own (about 135 ns a value, measured: the slowest step of a large load); here a value costs a store, or one
/// call for text. Tables with a column kind it does not lay out (UUID, decimals wider than 18 digits) use the row appender.
/// </summary>
internal static class DuckDbChunkAppender
{
    private static readonly long EpochSeconds = DateTime.UnixEpoch.Ticks / TimeSpan.TicksPerSecond;
    private static readonly int EpochDay = DateOnly.FromDateTime(DateTime.UnixEpoch).DayNumber;

    public static bool Lays(AnalyticsTable table) => table.Columns.All(c => c.Type != AnalyticsType.Uuid && (c.Type != AnalyticsType.Decimal || c.Precision <= 18));

    public static async Task<long> AppendAsync(DuckDBConnection connection, AnalyticsTable table, IAsyncEnumerable<object?[]> rows, CancellationToken cancellationToken)
    {
        if (NativeMethods.Appender.DuckDBAppenderCreate(connection.NativeConnection, null, table.Name, out var appender) != DuckDBState.Success)
        {
            using (appender)
            {
                throw new InvalidOperationException($"DuckDB could not append to {table.Name}: {Error(appender)}");
            }
        }

        using (appender)
        {
            var types = Enumerable.Range(0, table.Columns.Count).Select(i => NativeMethods.Appender.DuckDBAppenderColumnType(appender, (ulong)i)).ToArray();
            try
            {
                using var chunk = NativeMethods.DataChunks.DuckDBCreateDataChunk([.. types.Select(t => t.DangerousGetHandle())], (ulong)types.Length);
                var capacity = (int)NativeMethods.Helpers.DuckDBVectorSize();
                var pending = new List<object?[]>(capacity);
                long count = 0;
                await foreach (var row in rows.WithCancellation(cancellationToken))
                {
                    if (row.Length != table.Columns.Count)
                    {
                        throw new ArgumentException($"A row for {table.Name} needs {table.Columns.Count} values, got {row.Length}.");
                    }

                    pending.Add(row);
                    if (pending.Count == capacity)
                    {
                        count += Write(appender, chunk, table, pending);
                    }
                }

                count += Write(appender, chunk, table, pending);
                Check(appender, NativeMethods.Appender.DuckDBAppenderFlush(appender), table);
                Check(appender, NativeMethods.Appender.DuckDBAppenderClose(appender), table);
                return count;
            }
            finally
            {
                foreach (var type in types)
                {
                    type.Dispose();
                }
            }
        }
    }

    /// <summary>Lays the pending rows into the chunk column by column, appends it and empties both.</summary>
    private static int Write(DuckDB.NET.Native.DuckDBAppender appender, DuckDBDataChunk chunk, AnalyticsTable table, List<object?[]> rows)
    {
        if (rows.Count == 0)
        {
            return 0;
        }

        NativeMethods.DataChunks.DuckDBDataChunkReset(chunk);
        for (var column = 0; column < table.Columns.Count; column++)
        {
            var vector = NativeMethods.DataChunks.DuckDBDataChunkGetVector(chunk, column);
            WriteColumn(vector, table.Columns[column], rows, column);
        }

        NativeMethods.DataChunks.DuckDBDataChunkSetSize(chunk, (ulong)rows.Count);
        Check(appender, NativeMethods.Appender.DuckDBAppendDataChunk(appender, chunk), table);
        var written = rows.Count;
        rows.Clear();
        return written;
    }

    private static unsafe void WriteColumn(IntPtr vector, AnalyticsColumn column, List<object?[]> rows, int index)
    {
        var data = NativeMethods.Vectors.DuckDBVectorGetData(vector);
        ulong* validity = null;
        var scale = column.Type == AnalyticsType.Decimal ? Pow10(column.Scale) : 1m;
        for (var row = 0; row < rows.Count; row++)
        {
            var value = Native(column, rows[row][index]);
            if (value is null)
            {
                if (validity is null)
                {
                    NativeMethods.Vectors.DuckDBVectorEnsureValidityWritable(vector);
                    validity = NativeMethods.Vectors.DuckDBVectorGetValidity(vector);
                }

                NativeMethods.ValidityMask.DuckDBValiditySetRowValidity(validity, (ulong)row, false);
                continue;
            }

            switch (column.Type)
            {
                case AnalyticsType.String:
                    WriteText(vector, row, (string)value);
                    break;
                case AnalyticsType.Int64:
                    ((long*)data)[row] = (long)value;
                    break;
                case AnalyticsType.Int32:
                    ((int*)data)[row] = (int)value;
                    break;
                case AnalyticsType.Float64:
                    ((double*)data)[row] = (double)value;
                    break;
                case AnalyticsType.Boolean:
                    ((byte*)data)[row] = (bool)value ? (byte)1 : (byte)0;
                    break;
                case AnalyticsType.Date:
                    ((int*)data)[row] = ((DateOnly)value).DayNumber - EpochDay;
                    break;
                case AnalyticsType.DateTime:
                    ((long*)data)[row] = ((((DateTime)value).Ticks / TimeSpan.TicksPerSecond) - EpochSeconds) * 1_000_000; // whole seconds, as the store promises
                    break;
                case AnalyticsType.Decimal:
                    WriteDecimal(data, row, column.Precision, decimal.ToInt64((decimal)value * scale));
                    break;
                default:
                    throw new ArgumentException($"Column {column.Name} cannot be laid out by the chunk appender.");
            }
        }
    }

    /// <summary>A value of the column's own .NET type (the store's conversions for anything else), or null.</summary>
    private static object? Native(AnalyticsColumn column, object? value) => (column.Type, value) switch
    {
        (_, null) => AnalyticsValues.ForColumn(column, null),
        (AnalyticsType.String, string) or (AnalyticsType.Int64, long) or (AnalyticsType.Int32, int) or (AnalyticsType.Boolean, bool) or (AnalyticsType.Date, DateOnly) or (AnalyticsType.Float64, double) => value,
        (AnalyticsType.Decimal, decimal m) when m.Scale <= column.Scale => m,
        (AnalyticsType.DateTime, DateTime { Kind: DateTimeKind.Utc }) => value,
        _ => AnalyticsValues.ForColumn(column, value),
    };

    private static unsafe void WriteText(IntPtr vector, int row, string text)
    {
        var most = Encoding.UTF8.GetMaxByteCount(text.Length);
        Span<byte> bytes = most <= 1024 ? stackalloc byte[most] : new byte[most];
        var length = Encoding.UTF8.GetBytes(text, bytes);
        fixed (byte* start = bytes)
        {
            NativeMethods.Vectors.DuckDBVectorAssignStringElementLength(vector, (ulong)row, start, length);
        }
    }

    /// <summary>DuckDB keeps a decimal as an integer of its scale, in 2, 4 or 8 bytes by its width.</summary>
    private static unsafe void WriteDecimal(void* data, int row, int precision, long scaled)
    {
        switch (precision)
        {
            case <= 4:
                ((short*)data)[row] = checked((short)scaled);
                break;
            case <= 9:
                ((int*)data)[row] = checked((int)scaled);
                break;
            default:
                ((long*)data)[row] = scaled;
                break;
        }
    }

    private static decimal Pow10(int scale)
    {
        var result = 1m;
        for (var i = 0; i < scale; i++)
        {
            result *= 10m;
        }

        return result;
    }

    private static void Check(DuckDB.NET.Native.DuckDBAppender appender, DuckDBState state, AnalyticsTable table)
    {
        if (state != DuckDBState.Success)
        {
            throw new InvalidOperationException($"DuckDB refused rows for {table.Name}: {Error(appender)}");
        }
    }

    private static string Error(DuckDB.NET.Native.DuckDBAppender appender)
    {
        using var error = NativeMethods.Appender.DuckDBAppenderErrorData(appender);
        return NativeMethods.ErrorData.DuckDBErrorDataMessage(error) ?? "no message";
    }
}
