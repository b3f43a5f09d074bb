using Custodian.Privacy.Abstractions.Protection;

namespace Custodian.Modules.Marketplace.Teams;

internal enum TeamRole
{
    /// <summary>Manages the team's marketplace keys and members.</summary>
    Owner,

    /// <summary>Sees the team's accounts and their state; cannot change keys or members.</summary>
    Member,
}

/// <summary>
/// A seller working in another seller's team (the team is named by the seller who owns its marketplace accounts).
/// Each member is a seller of their own, with their own e-mail and sign-in; membership only widens what they see.
/// </summary>
internal sealed class TeamMemberRecord
{
    public Guid TeamSellerId { get; set; }

    public Guid MemberSellerId { get; set; }

    public TeamRole Role { get; set; }

    public DateTime AddedAtUtc { get; set; }
}

/// <summary>
/// An invitation by e-mail, open for seven days: the address is encrypted under the
/// inviting seller's subject key (it is theirs to hold until the invitee accepts), found by its blind index, and the
/// link's token is kept only as a hash. Accepting deletes it.
/// </summary>
internal sealed class TeamInvitationRecord
{
    public Guid Id { get; set; }

    public Guid TeamSellerId { get; set; }

    public byte[] EmailIndex { get; set; } = [];

    public Encrypted<string> Email { get; set; } = null!;

    public TeamRole Role { get; set; }

    public byte[] TokenHash { get; set; } = [];

    public DateTime InvitedAtUtc { get; set; }

    public DateTime ExpiresAtUtc { get; set; }

    public static FieldAddress EmailField(Guid id) => new("marketplace_team_invitations", "email", id.ToString("N"));
}
