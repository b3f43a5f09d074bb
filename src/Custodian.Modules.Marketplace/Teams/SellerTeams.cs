using Custodian.Modules.Marketplace.Sellers;
using Custodian.Privacy.Abstractions.Audit;
using Custodian.Privacy.Abstractions.Identifiers;
using Custodian.Privacy.Abstractions.Messaging;
using Custodian.Privacy.Abstractions.Protection;
using Microsoft.EntityFrameworkCore;

namespace Custodian.Modules.Marketplace.Teams;

public sealed record TeamMemberView(Guid SellerId, string? Email, TeamRole Role, DateTime AddedAtUtc);

public sealed record TeamInvitationView(Guid Id, string? Email, TeamRole Role, DateTime ExpiresAtUtc);

/// <summary>The seller's own team: who works in it and who is invited.</summary>
public sealed record OwnTeamView(IReadOnlyList<TeamMemberView> Members, IReadOnlyList<TeamInvitationView> Invitations);

/// <summary>A team the seller works in: whose it is, the seller's role there, and its marketplace accounts.</summary>
public sealed record TeamView(Guid TeamSellerId, string? OwnerEmail, TeamRole Role, IReadOnlyList<AccountView> Accounts);

/// <summary>Team members of a seller's marketplace accounts, invited by e-mail, as owners or members.</summary>
public interface ISellerTeams
{
    Task<OwnTeamView> OwnTeamAsync(Guid sellerId, CancellationToken cancellationToken);

    Task<IReadOnlyList<TeamView>> TeamsAsync(Guid sellerId, CancellationToken cancellationToken);

    /// <summary>Mails an invitation (a link valid for seven days) to join <paramref name="teamSellerId"/>'s team.</summary>
    /// <exception cref="MarketplaceInputException">Bad address, the team's own seller or a member already, or too many open invitations.</exception>
    Task InviteAsync(Guid teamSellerId, string email, TeamRole role, string language, CancellationToken cancellationToken);

    /// <summary>
    /// Accepts an invitation: the link proves the address, so a seller with it is found (or made, active) and joins.
    /// Returns that seller, or null for an unknown, used or expired link; <paramref name="peekOnly"/> does not use it up.
    /// </summary>
    Task<Guid?> JoinAsync(string token, bool peekOnly, CancellationToken cancellationToken);

    /// <summary>Removes a member or withdraws an invitation of the seller's own team; false when there was none.</summary>
    Task<bool> RemoveAsync(Guid teamSellerId, Guid memberOrInvitationId, CancellationToken cancellationToken);
}

internal sealed class SellerTeams(MarketplaceDb db, IPersonalDataVault vault, SellerAccounts accounts, AddSeller addSeller, IMailSender mail, IPublicLinks links, IAuditLog audit, ICurrentActor actor, TimeProvider clock) : ISellerTeams
{
    public static readonly TimeSpan InvitationLifetime = TimeSpan.FromDays(7);
    public const int MaxOpenInvitations = 20;

    public async Task<OwnTeamView> OwnTeamAsync(Guid sellerId, CancellationToken cancellationToken)
    {
        var members = new List<TeamMemberView>();
        foreach (var member in await db.TeamMembers.AsNoTracking().Where(m => m.TeamSellerId == sellerId).OrderBy(m => m.AddedAtUtc).ToListAsync(cancellationToken))
        {
            members.Add(new TeamMemberView(member.MemberSellerId, await EmailOfAsync(member.MemberSellerId, cancellationToken), member.Role, member.AddedAtUtc));
        }

        var now = clock.GetUtcNow().UtcDateTime;
        var invitations = new List<TeamInvitationView>();
        foreach (var invitation in await db.TeamInvitations.AsNoTracking().Where(i => i.TeamSellerId == sellerId && i.ExpiresAtUtc > now).OrderBy(i => i.InvitedAtUtc).ToListAsync(cancellationToken))
        {
            invitations.Add(new TeamInvitationView(invitation.Id, (await vault.OpenAsync(invitation.Email, TeamInvitationRecord.EmailField(invitation.Id), cancellationToken)).Value, invitation.Role, invitation.ExpiresAtUtc));
        }

        return new OwnTeamView(members, invitations);
    }

    public async Task<IReadOnlyList<TeamView>> TeamsAsync(Guid sellerId, CancellationToken cancellationToken)
    {
        var teams = new List<TeamView>();
        foreach (var membership in await db.TeamMembers.AsNoTracking().Where(m => m.MemberSellerId == sellerId).OrderBy(m => m.AddedAtUtc).ToListAsync(cancellationToken))
        {
            teams.Add(new TeamView(membership.TeamSellerId, await EmailOfAsync(membership.TeamSellerId, cancellationToken), membership.Role, await accounts.AccountsAsync(membership.TeamSellerId, cancellationToken)));
        }

        return teams;
    }

    public async Task InviteAsync(Guid teamSellerId, string email, TeamRole role, string language, CancellationToken cancellationToken)
    {
        var team = await db.Sellers.FirstOrDefaultAsync(s => s.Id == teamSellerId, cancellationToken) ?? throw new MarketplaceInputException("seller", "No seller with this id.");
        var check = Email.Check(email ?? string.Empty);
        if (!check.IsValid)
        {
            throw new MarketplaceInputException("email", $"Not a valid e-mail address: {check.Reason}.");
        }

        var index = vault.BlindIndexOf(IdentifierType.Email, check.Normalised!);
        if (index.AsSpan().SequenceEqual(team.EmailIndex))
        {
            throw new MarketplaceInputException("email", "This is your own address: you are the team's owner already.");
        }

        if (await db.Sellers.Where(s => s.EmailIndex == index).Select(s => (Guid?)s.Id).FirstOrDefaultAsync(cancellationToken) is { } existing
            && await db.TeamMembers.AnyAsync(m => m.TeamSellerId == teamSellerId && m.MemberSellerId == existing, cancellationToken))
        {
            throw new MarketplaceInputException("email", "This person is in the team already; remove them first to change their role.");
        }

        var now = clock.GetUtcNow().UtcDateTime;
        await db.TeamInvitations.Where(i => i.TeamSellerId == teamSellerId && (i.EmailIndex == index || i.ExpiresAtUtc <= now)).ExecuteDeleteAsync(cancellationToken);
        if (await db.TeamInvitations.CountAsync(i => i.TeamSellerId == teamSellerId, cancellationToken) >= MaxOpenInvitations)
        {
            throw new MarketplaceInputException("email", $"There are {MaxOpenInvitations} open invitations already; withdraw some first.");
        }

        var (token, hash) = OneTimeTokens.New();
        var invitation = new TeamInvitationRecord { Id = Guid.CreateVersion7(), TeamSellerId = teamSellerId, EmailIndex = index, Role = role, TokenHash = hash, InvitedAtUtc = now, ExpiresAtUtc = now + InvitationLifetime };
        invitation.Email = await vault.SealAsync(KeyScope.Subject(new SubjectId(team.SubjectId)), TeamInvitationRecord.EmailField(invitation.Id), check.Normalised!, cancellationToken);
        db.TeamInvitations.Add(invitation);
        await db.SaveChangesAsync(cancellationToken);
        var link = links.Link("seller/team/join/" + token);
        var (subject, body) = language == "ru"
            ? ("Приглашение в команду продавца", $"Вас пригласили в команду продавца в аналитике маркетплейсов ({(role == TeamRole.Owner ? "владелец" : "участник")}).\nПринять приглашение (ссылка действует 7 дней, один раз):\n{link}\n\nЕсли вы не ждали приглашения, просто удалите это письмо.")
            : ("Invitation to a seller's team", $"You are invited to a seller's team in marketplace analytics (as {(role == TeamRole.Owner ? "owner" : "member")}).\nAccept (the link works once, for 7 days):\n{link}\n\nIf you did not expect this, delete this message.");
        await mail.SendAsync(new OutgoingMail(check.Normalised!, subject, body), cancellationToken);
        await audit.AppendAsync(new AuditEvent(actor.Actor, "marketplace.team.invite", new SubjectId(team.SubjectId), "marketplace-sellers", "service-account", invitation.Id.ToString("N")), cancellationToken);
    }

    public async Task<Guid?> JoinAsync(string token, bool peekOnly, CancellationToken cancellationToken)
    {
        if (string.IsNullOrEmpty(token) || token.Length > 100)
        {
            return null;
        }

        var hash = OneTimeTokens.Hash(token);
        var invitation = await db.TeamInvitations.AsNoTracking().FirstOrDefaultAsync(i => i.TokenHash == hash, cancellationToken);
        if (invitation is null || invitation.ExpiresAtUtc <= clock.GetUtcNow().UtcDateTime
            || await db.Sellers.AsNoTracking().FirstOrDefaultAsync(s => s.Id == invitation.TeamSellerId, cancellationToken) is not { } team)
        {
            return null;
        }

        var email = await vault.OpenAsync(invitation.Email, TeamInvitationRecord.EmailField(invitation.Id), cancellationToken);
        if (email.IsErased)
        {
            return null;
        }

        var seller = await db.Sellers.FirstOrDefaultAsync(s => s.EmailIndex == invitation.EmailIndex, cancellationToken);
        if (peekOnly)
        {
            return seller?.Id ?? Guid.Empty;
        }

        // Used up by deleting it in one statement: of parallel requests with the same link exactly one deletes the row.
        if (await db.TeamInvitations.Where(i => i.Id == invitation.Id && i.TokenHash == hash).ExecuteDeleteAsync(cancellationToken) != 1)
        {
            return null;
        }

        // The link reached this address: that confirms it, for a new seller and for one who never confirmed.
        seller ??= await addSeller.AddAsync(email.Value!, null, "team-invitation", confirmed: true, cancellationToken);
        if (seller.Status == SellerStatus.Pending)
        {
            seller.Status = SellerStatus.Active;
        }

        if (!await db.TeamMembers.AnyAsync(m => m.TeamSellerId == invitation.TeamSellerId && m.MemberSellerId == seller.Id, cancellationToken))
        {
            db.TeamMembers.Add(new TeamMemberRecord { TeamSellerId = invitation.TeamSellerId, MemberSellerId = seller.Id, Role = invitation.Role, AddedAtUtc = clock.GetUtcNow().UtcDateTime });
        }

        await db.SaveChangesAsync(cancellationToken);
        await audit.AppendAsync(new AuditEvent(actor.Actor, "marketplace.team.join", new SubjectId(team.SubjectId), "marketplace-sellers", "service-account", seller.Id.ToString("N")), cancellationToken);
        return seller.Id;
    }

    public async Task<bool> RemoveAsync(Guid teamSellerId, Guid memberOrInvitationId, CancellationToken cancellationToken) =>
        await db.TeamMembers.Where(m => m.TeamSellerId == teamSellerId && m.MemberSellerId == memberOrInvitationId).ExecuteDeleteAsync(cancellationToken)
        + await db.TeamInvitations.Where(i => i.TeamSellerId == teamSellerId && i.Id == memberOrInvitationId).ExecuteDeleteAsync(cancellationToken) > 0;

    private async Task<string?> EmailOfAsync(Guid sellerId, CancellationToken cancellationToken) =>
        await db.Sellers.AsNoTracking().FirstOrDefaultAsync(s => s.Id == sellerId, cancellationToken) is { } seller
            ? (await vault.OpenAsync(seller.Email, SellerRecord.EmailField(seller.Id), cancellationToken)).Value
            : null;
}
