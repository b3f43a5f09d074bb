namespace Custodian.Privacy.Scheduling;

/// <summary>One claimable piece of work (table <c>privacy_work_leases</c>): who holds it until when, when it was last done.</summary>
internal sealed class WorkLeaseRecord
{
    public string Name { get; set; } = string.Empty;

    public string? Holder { get; set; }

    public DateTime? HeldUntilUtc { get; set; }

    public DateTime? DoneAtUtc { get; set; }

    /// <summary>What the last holder left for the next (a small text the work defines), e.g. a key's pace.</summary>
    public string? HandOver { get; set; }
}
