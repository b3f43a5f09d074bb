namespace Custodian.Modules.Marketplace.Dashboards;

/// <summary>How a column's values read: plain text, a count, money in roubles, a percentage or a day.</summary>
internal enum ColumnKind
{
    Text,
    Count,
    Money,
    Percent,
    Day,
}

internal sealed record DashboardColumn(string Title, ColumnKind Kind);

/// <summary>
/// The data behind one widget: what its table view shows, what its chart draws, and what CSV/XLSX export writes — one
/// source, so the three never disagree. Values are strings, longs, decimals, <see cref="DateOnly"/>s or null.
/// </summary>
internal sealed record DashboardTable(string Id, string Title, IReadOnlyList<DashboardColumn> Columns, IReadOnlyList<object?[]> Rows)
{
    /// <summary>The chart drawn from the table: the first column along the axis, the named columns as series.</summary>
    public ChartSpec? Chart { get; init; }
}

/// <param name="Kind"><c>line</c> or <c>bar</c>.</param>
/// <param name="Series">Indexes of the columns drawn as series.</param>
/// <param name="Horizontal">Bars along the vertical axis (long category names such as regions).</param>
internal sealed record ChartSpec(string Kind, IReadOnlyList<int> Series, bool Horizontal = false);
