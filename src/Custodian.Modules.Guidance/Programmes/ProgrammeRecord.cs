namespace Custodian.Modules.Guidance.Programmes;

/// <summary>
/// A client programme (<c>guidance_programmes</c>). Its register is the declaration its clients' data falls under:
/// <c>guidance</c> when the provider is controller, <c>guidance-city</c> when a commissioning city is controller and the
/// provider processes for it.
/// </summary>
internal sealed class ProgrammeRecord
{
    public Guid Id { get; set; }

    public string Name { get; set; } = string.Empty;

    public string Register { get; set; } = GuidanceRegisters.Provider;

    /// <summary>The controller's organisation as staff see it (the provider, or the city).</summary>
    public string Controller { get; set; } = string.Empty;

    public DateTime CreatedAtUtc { get; set; }
}

/// <summary>A staff account assigned to a programme with one role there (<c>guidance_assignments</c>): the account id, never the person's name.</summary>
internal sealed class AssignmentRecord
{
    public Guid Id { get; set; }

    public Guid ProgrammeId { get; set; }

    /// <summary>The staff identity's account id (<c>staff-</c> and the handle), as the session names it.</summary>
    public string Account { get; set; } = string.Empty;

    public GuidanceRole Role { get; set; }

    /// <summary>The team within the programme (coaches and their team lead share it).</summary>
    public string Team { get; set; } = string.Empty;

    /// <summary>The organisation the person acts for (the provider, the city, an employment office): what a client's access list names.</summary>
    public string Organisation { get; set; } = string.Empty;

    public DateTime AssignedAtUtc { get; set; }
}

/// <summary>The two register variants the module serves.</summary>
internal static class GuidanceRegisters
{
    public const string Provider = "guidance";
    public const string City = "guidance-city";

    public static readonly IReadOnlyList<string> All = [Provider, City];
}
