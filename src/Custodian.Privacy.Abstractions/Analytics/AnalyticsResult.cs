namespace Custodian.Privacy.Abstractions.Analytics;

/// <summary>
/// Rows of a query. Values are normalised across engines: integers are <see cref="long"/>, fixed-point numbers
/// <see cref="decimal"/>, floats <see cref="double"/>, dates <see cref="DateOnly"/>, instants UTC
/// <see cref="System.DateTime"/>, plus <see cref="string"/>, <see cref="bool"/>, <see cref="Guid"/> and null.
/// </summary>
public sealed class AnalyticsResult(IReadOnlyList<string> columns, IReadOnlyList<object?[]> rows)
{
    public IReadOnlyList<string> Columns { get; } = columns;
    public IReadOnlyList<object?[]> Rows { get; } = rows;

    public object? this[int row, string column] => Rows[row][Ordinal(column)];

    public int Ordinal(string column)
    {
        for (var i = 0; i < Columns.Count; i++)
        {
            if (string.Equals(Columns[i], column, StringComparison.OrdinalIgnoreCase))
            {
                return i;
            }
        }

        throw new KeyNotFoundException($"The result has no column '{column}'. Columns: {string.Join(", ", Columns)}.");
    }

    /// <summary>The single value of a one-row, one-column result (an aggregate).</summary>
    public object? Scalar() => Rows.Count == 1 && Columns.Count == 1
        ? Rows[0][0]
        : throw new InvalidOperationException($"Expected one value, got {Rows.Count} rows x {Columns.Count} columns.");
}
