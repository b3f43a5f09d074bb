using Custodian.Modules.Guidance.Clients;
using Custodian.Privacy.Abstractions.Protection;

namespace Custodian.Modules.Guidance.Plan;

/// <summary>A goal agreed with the client and the authorities, or a step of the plan towards the goals.</summary>
internal enum PlanItemKind
{
    Goal,
    Step,
}

internal enum PlanItemStatus
{
    Open,
    InProgress,
    Achieved,
    Dropped,
}

/// <summary>
/// A goal or plan step of a client's record (<c>guidance_plan_items</c>): kind, consent area and current version. Text,
/// target date and status live in its versions; an edit adds a version (who, when) and names the version it started from.
/// </summary>
internal sealed class PlanItemRecord
{
    public Guid Id { get; set; }

    public Guid ClientId { get; set; }

    public PlanItemKind Kind { get; set; }

    public ConsentArea Area { get; set; }

    public int Version { get; set; }

    public DateTime CreatedAtUtc { get; set; }

    public string CreatedBy { get; set; } = string.Empty;

    public const string Table = "guidance_plan_items";
}

/// <summary>One version of a goal or step (<c>guidance_plan_item_versions</c>): its text under the client's key (<c>plan_text</c>), target date and status.</summary>
internal sealed class PlanItemVersionRecord
{
    public Guid ItemId { get; set; }

    public int Version { get; set; }

    public Encrypted<string> Text { get; set; } = null!;

    public DateOnly? TargetDate { get; set; }

    public PlanItemStatus Status { get; set; }

    public DateTime WrittenAtUtc { get; set; }

    public string WrittenBy { get; set; } = string.Empty;

    public const string Table = "guidance_plan_item_versions";

    public static FieldAddress Field(Guid itemId, int version) => new(Table, "plan_text", itemId.ToString("N") + "/" + version.ToString(System.Globalization.CultureInfo.InvariantCulture));
}

internal static class PlanWords
{
    public static string Key(PlanItemStatus status) => status switch
    {
        PlanItemStatus.Open => "open",
        PlanItemStatus.InProgress => "in-progress",
        PlanItemStatus.Achieved => "achieved",
        PlanItemStatus.Dropped => "dropped",
        _ => throw new ArgumentOutOfRangeException(nameof(status)),
    };

    public static string Label(PlanItemStatus status) => status switch
    {
        PlanItemStatus.Open => "Not started",
        PlanItemStatus.InProgress => "In progress",
        PlanItemStatus.Achieved => "Achieved",
        PlanItemStatus.Dropped => "Dropped",
        _ => throw new ArgumentOutOfRangeException(nameof(status)),
    };

    public static PlanItemStatus? Parse(string? key) => Enum.GetValues<PlanItemStatus>().Cast<PlanItemStatus?>().FirstOrDefault(s => Key(s!.Value) == key?.Trim());

    public static string Key(PlanItemKind kind) => kind == PlanItemKind.Goal ? "goal" : "step";
}
