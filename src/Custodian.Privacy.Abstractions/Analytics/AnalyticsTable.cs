using System.Text.RegularExpressions;

namespace Custodian.Privacy.Abstractions.Analytics;

/// <summary>Logical column types both engines can store exactly.</summary>
[System.Diagnostics.CodeAnalysis.SuppressMessage("Naming", "CA1720", Justification = "The members name SQL column types on purpose.")]
public enum AnalyticsType
{
    String,
    Int32,
    Int64,
    /// <summary>Fixed-point decimal; precision and scale come from the column.</summary>
    Decimal,
    Float64,
    Boolean,
    Date,
    /// <summary>A UTC instant with second precision.</summary>
    DateTime,
    Uuid,
}

public sealed record AnalyticsColumn(string Name, AnalyticsType Type, bool Nullable = false, int Precision = 18, int Scale = 2)
{
    public string Name { get; } = AnalyticsIdentifier.Require(Name);
}

/// <summary>
/// A fact table: its columns and the natural key that makes re-loads idempotent. When it is used as an argument
/// of an <see cref="AnalyticsQuery"/>, each engine renders the reference that reads de-duplicated rows.
/// </summary>
public sealed partial record AnalyticsTable
{
    public AnalyticsTable(string name, IReadOnlyList<AnalyticsColumn> columns, IReadOnlyList<string> key)
    {
        Name = AnalyticsIdentifier.Require(name);
        if (columns.Count == 0)
        {
            throw new ArgumentException($"Table {name} needs at least one column.", nameof(columns));
        }

        if (key.Count == 0)
        {
            throw new ArgumentException($"Table {name} needs a natural key.", nameof(key));
        }

        var duplicate = columns.GroupBy(c => c.Name, StringComparer.OrdinalIgnoreCase).FirstOrDefault(g => g.Count() > 1);
        if (duplicate is not null)
        {
            throw new ArgumentException($"Table {name} declares column {duplicate.Key} twice.", nameof(columns));
        }

        foreach (var keyColumn in key)
        {
            var column = columns.FirstOrDefault(c => c.Name == keyColumn)
                ?? throw new ArgumentException($"Key column {keyColumn} is not a column of {name}.", nameof(key));
            if (column.Nullable)
            {
                throw new ArgumentException($"Key column {keyColumn} of {name} cannot be nullable.", nameof(key));
            }
        }

        Columns = columns;
        Key = key;
    }

    public string Name { get; }
    public IReadOnlyList<AnalyticsColumn> Columns { get; }
    public IReadOnlyList<string> Key { get; }

    /// <summary>
    /// A DateTime column that grows with every load (e.g. when the row was loaded): of two rows with one key, the
    /// higher version wins on engines that merge later (ClickHouse). Null: the last row loaded wins.
    /// </summary>
    public string? Version
    {
        get;
        init => field = value is null ? null : RequireColumn(value, AnalyticsType.DateTime, nameof(Version));
    }

    /// <summary>A Date column that never changes for one key; engines that partition split the table by its month.</summary>
    public string? PartitionByMonthOf
    {
        get;
        init => field = value is null ? null : RequireColumn(value, AnalyticsType.Date, nameof(PartitionByMonthOf));
    }

    private string RequireColumn(string name, AnalyticsType type, string role) =>
        Columns.FirstOrDefault(c => c.Name == name) is { Nullable: false } column && column.Type == type
            ? name
            : throw new ArgumentException($"{role} of {Name} must be a non-nullable {type} column of the table; {name} is not.", role);
}

/// <summary>Table and column names are interpolated into SQL, so only plain identifiers are allowed.</summary>
public static partial class AnalyticsIdentifier
{
    public static string Require(string name)
    {
        if (!PlainIdentifier().IsMatch(name))
        {
            throw new ArgumentException($"'{name}' is not a plain identifier (letters, digits, underscore; max 64).", nameof(name));
        }

        return name;
    }

    [GeneratedRegex("^[A-Za-z_][A-Za-z0-9_]{0,63}$")]
    private static partial Regex PlainIdentifier();
}
