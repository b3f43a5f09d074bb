using System.Globalization;

namespace Custodian.Modules.Marketplace.Collection;

/// <summary>
/// When a run's unreadable items mean its data cannot be trusted: a page of which nothing could be read (the reader no
/// longer matches the marketplace's schema), or more unreadable items than the configured share. Never a silent success.
/// </summary>
internal static class RejectedRows
{
    /// <summary>How every refusal begins (operators search the log and the stats for it).</summary>
    public const string Prefix = "rows rejected: ";

    /// <summary>The failure reason for operators (field names, counts; no values), or null when the run may count as a success.</summary>
    public static string? Verdict(DatasetRun run, double maxRejectedPercent)
    {
        var rejected = run.Rejected.Count;
        if (rejected == 0)
        {
            return null;
        }

        var read = run.Rows + rejected;
        var percent = 100.0 * rejected / read;
        var counts = string.Create(CultureInfo.InvariantCulture, $"{rejected} of {read} items could not be read ({run.Rejected})");
        if (run.FullyRejectedPages > 0)
        {
            return string.Create(CultureInfo.InvariantCulture, $"{Prefix}{counts}; {run.FullyRejectedPages} page(s) had not one readable item");
        }

        return percent > maxRejectedPercent
            ? string.Create(CultureInfo.InvariantCulture, $"{Prefix}{counts}, {percent:0.##} % > the {maxRejectedPercent:0.##} % allowed")
            : null;
    }
}
