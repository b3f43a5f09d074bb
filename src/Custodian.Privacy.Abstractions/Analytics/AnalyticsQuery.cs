using System.Globalization;

namespace Custodian.Privacy.Abstractions.Analytics;

/// <summary>
/// A read query written as an interpolated string. Interpolated <see cref="AnalyticsTable"/>s become table
/// references, <see cref="AnalyticsColumn"/>s quoted column names (plain identifiers, quoted the ANSI way both engines
/// read); every other value becomes a literal escaped by the engine (never string-concatenated SQL).
/// </summary>
public sealed class AnalyticsQuery
{
    private readonly string _format;
    private readonly object?[] _arguments;

    private AnalyticsQuery(string format, object?[] arguments)
    {
        _format = format;
        _arguments = arguments;
    }

    public static AnalyticsQuery Sql(FormattableString sql)
    {
        ArgumentNullException.ThrowIfNull(sql);
        return new AnalyticsQuery(sql.Format, sql.GetArguments());
    }

    /// <summary>Renders the query with the engine's table references and literals.</summary>
    public string Render(Func<AnalyticsTable, string> tableReference, Func<object?, string> literal)
    {
        ArgumentNullException.ThrowIfNull(tableReference);
        ArgumentNullException.ThrowIfNull(literal);
        var rendered = _arguments
            .Select(a => (object)(a switch
            {
                AnalyticsTable table => tableReference(table),
                AnalyticsColumn column => "\"" + column.Name + "\"",
                _ => literal(a),
            }))
            .ToArray();
        return string.Format(CultureInfo.InvariantCulture, _format, rendered);
    }

    /// <summary>The query with values hidden, safe for logs and error messages.</summary>
    public override string ToString() => Render(t => t.Name, _ => "?");
}
