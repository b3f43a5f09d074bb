namespace Custodian.Modules.Marketplace.Collection;

/// <summary>
/// Where collection of one dataset of one account stands. Saved after each batch of pages is in the analytics store, so a
/// sync killed at any moment starts again after the last stored batch; rows of a page loaded twice replace themselves
/// (natural keys), so the result is the same as an uninterrupted sync.
/// </summary>
internal sealed class SyncCheckpointRecord
{
    public Guid AccountId { get; set; }

    public string Dataset { get; set; } = string.Empty;

    /// <summary>The marketplace's own paging position (a lastChangeDate, rrdId, cursor or last_id), as it gave it.</summary>
    public string? Cursor { get; set; }

    public long RowsLoaded { get; set; }

    /// <summary>Rows the marketplace sent that could not be read (missing key, unparseable date or amount).</summary>
    public long RowsRejected { get; set; }

    /// <summary>
    /// <see cref="RowsRejected"/> per reason (the field that could not be read), as a JSON object such as
    /// <c>{"created_at":120}</c>; null while nothing was rejected.
    /// </summary>
    public string? RejectedByReason { get; set; }

    public DateTime? LastAttemptUtc { get; set; }

    public DateTime? LastSuccessUtc { get; set; }

    /// <summary>Why the last attempt failed (no secrets, no personal data), or null.</summary>
    public string? LastError { get; set; }

    /// <summary>What the last successful run could not collect and why, when that is not an error (e.g. a plan without the method).</summary>
    public string? Notice { get; set; }

    /// <summary>
    /// Moscow days whose rows are stored but whose daily totals are not yet added up again (ISO dates, comma-separated),
    /// saved together with the cursor after each stored batch, so a run that stops before its refresh (cancelled, the
    /// process killed, the refresh failing) leaves them for the next run; null when nothing waits.
    /// </summary>
    public string? TotalsPendingDays { get; set; }

    public IReadOnlyList<DateOnly> TotalsPending() =>
        TotalsPendingDays is { Length: > 0 } days ? [.. days.Split(',').Select(d => DateOnly.ParseExact(d, "yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture))] : [];

    public void AddTotalsPending(IEnumerable<DateOnly> days)
    {
        var all = TotalsPending().Concat(days).Distinct().Order().ToList();
        TotalsPendingDays = all.Count == 0 ? null : string.Join(',', all.Select(d => d.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture)));
    }

    public IReadOnlyDictionary<string, long> RejectionsByReason() =>
        RejectedByReason is { Length: > 0 } json ? System.Text.Json.JsonSerializer.Deserialize<SortedDictionary<string, long>>(json) ?? [] : new SortedDictionary<string, long>();

    public void AddRejections(Rejections rejected)
    {
        if (rejected.Count == 0)
        {
            return;
        }

        var counts = new SortedDictionary<string, long>(RejectionsByReason().ToDictionary(), StringComparer.Ordinal);
        foreach (var (reason, count) in rejected.ByReason)
        {
            counts[reason] = counts.GetValueOrDefault(reason) + count;
        }

        RejectedByReason = System.Text.Json.JsonSerializer.Serialize(counts);
    }
}
