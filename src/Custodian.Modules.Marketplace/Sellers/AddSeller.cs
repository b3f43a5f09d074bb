using Custodian.Privacy.Abstractions.Audit;
using Custodian.Privacy.Abstractions.Identifiers;
using Custodian.Privacy.Abstractions.Protection;
using Microsoft.EntityFrameworkCore;

namespace Custodian.Modules.Marketplace.Sellers;

/// <summary>
/// Creates a seller account: the e-mail address (and optional full name) encrypted under a new pseudonymous subject's
/// key, with a blind index so the same address cannot sign up twice. Operators use it for sellers onboarded
/// outside Telegram (<c>custodian sellers add</c>); the sign-up flows use it too.
/// </summary>
internal sealed class AddSeller(MarketplaceDb db, IPersonalDataVault vault, IAuditLog audit, ICurrentActor actor, TimeProvider clock)
{
    public async Task<SellerRecord> AddAsync(string email, string? fullName, string source, bool confirmed, CancellationToken cancellationToken)
    {
        var check = Email.Check(email ?? string.Empty);
        if (!check.IsValid)
        {
            throw new MarketplaceInputException("email", $"Not a valid e-mail address: {check.Reason}.");
        }

        if (fullName is { Length: > 200 })
        {
            throw new MarketplaceInputException("name", "The name is longer than 200 characters.");
        }

        var index = vault.BlindIndexOf(IdentifierType.Email, check.Normalised!);
        if (await db.Sellers.AnyAsync(s => s.EmailIndex == index, cancellationToken))
        {
            throw new MarketplaceInputException("email", "A seller with this e-mail address already exists.");
        }

        var seller = new SellerRecord
        {
            Id = Guid.CreateVersion7(),
            SubjectId = Guid.NewGuid(),
            EmailIndex = index,
            Source = source,
            Status = confirmed ? SellerStatus.Active : SellerStatus.Pending,
            CreatedAtUtc = clock.GetUtcNow().UtcDateTime,
        };
        var scope = KeyScope.Subject(new SubjectId(seller.SubjectId));
        seller.Email = await vault.SealAsync(scope, SellerRecord.EmailField(seller.Id), check.Normalised!, cancellationToken);
        if (!string.IsNullOrWhiteSpace(fullName))
        {
            seller.FullName = await vault.SealAsync(scope, SellerRecord.FullNameField(seller.Id), fullName.Trim(), cancellationToken);
        }

        db.Sellers.Add(seller);
        await db.SaveChangesAsync(cancellationToken);
        await audit.AppendAsync(new AuditEvent(actor.Actor, "marketplace.seller.add", new SubjectId(seller.SubjectId), "marketplace-sellers", "service-account", seller.Id.ToString("N")), cancellationToken);
        return seller;
    }
}
