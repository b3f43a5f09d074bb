using Custodian.Modules.Marketplace.Sellers;
using Custodian.Modules.Marketplace.Telegram;
using Custodian.Privacy.Abstractions.Audit;
using Custodian.Privacy.Abstractions.Protection;
using Microsoft.EntityFrameworkCore;

namespace Custodian.Modules.Marketplace.Support;

internal sealed record SupportMessageView(bool FromSeller, string Channel, DateTime AtUtc, string? Text);

/// <summary>One seller's correspondence with support, newest thread first in the inbox.</summary>
internal sealed record SupportThread(Guid SellerId, string? Email, bool Unanswered, DateTime LastAtUtc, IReadOnlyList<SupportMessageView> Messages);

/// <summary>The operators' inbox of sellers' support messages (from the bot) and their answers, kept as correspondence.</summary>
internal interface ISupportInbox
{
    /// <summary>Threads with the latest messages; unanswered ones first.</summary>
    Task<IReadOnlyList<SupportThread>> ThreadsAsync(int messagesPerThread, CancellationToken cancellationToken);

    /// <summary>Answers a seller in Telegram and keeps the answer; returns whether it reached the seller's chat.</summary>
    /// <exception cref="MarketplaceInputException">Empty or too long, or no such seller.</exception>
    Task<bool> ReplyAsync(Guid sellerId, string text, CancellationToken cancellationToken);
}

internal sealed class SupportInbox(MarketplaceDb db, IPersonalDataVault vault, TelegramMessenger messenger, IAuditLog audit, ICurrentActor actor, TimeProvider clock) : ISupportInbox
{
    public async Task<IReadOnlyList<SupportThread>> ThreadsAsync(int messagesPerThread, CancellationToken cancellationToken)
    {
        var sellers = await db.SupportMessages.AsNoTracking().GroupBy(m => m.SellerId)
            .Select(g => new { SellerId = g.Key, Last = g.Max(m => m.AtUtc), Unanswered = g.Any(m => m.FromSeller && m.AnsweredAtUtc == null) })
            .ToListAsync(cancellationToken);
        var threads = new List<SupportThread>();
        foreach (var thread in sellers.OrderByDescending(s => s.Unanswered).ThenByDescending(s => s.Last).Take(100))
        {
            var seller = await db.Sellers.AsNoTracking().FirstOrDefaultAsync(s => s.Id == thread.SellerId, cancellationToken);
            var email = seller is null ? null : (await vault.OpenAsync(seller.Email, SellerRecord.EmailField(seller.Id), cancellationToken)).Value;
            var messages = await db.SupportMessages.AsNoTracking().Where(m => m.SellerId == thread.SellerId).OrderByDescending(m => m.AtUtc).Take(messagesPerThread).ToListAsync(cancellationToken);
            var views = new List<SupportMessageView>();
            foreach (var message in messages.OrderBy(m => m.AtUtc))
            {
                views.Add(new SupportMessageView(message.FromSeller, message.Channel, message.AtUtc, (await vault.OpenAsync(message.Text, SupportMessageRecord.Field(message.Id), cancellationToken)).Value));
            }

            threads.Add(new SupportThread(thread.SellerId, email, thread.Unanswered, thread.Last, views));
        }

        await audit.AppendAsync(new AuditEvent(actor.Actor, "marketplace.support.read", null, "marketplace-sellers", "service-account"), cancellationToken);
        return threads;
    }

    public async Task<bool> ReplyAsync(Guid sellerId, string text, CancellationToken cancellationToken)
    {
        text = (text ?? string.Empty).Trim();
        if (text.Length is 0 or > 4000)
        {
            throw new MarketplaceInputException("text", "Write an answer of at most 4000 characters.");
        }

        var seller = await db.Sellers.FirstOrDefaultAsync(s => s.Id == sellerId, cancellationToken)
            ?? throw new MarketplaceInputException("seller", "No seller with this id.");
        var now = clock.GetUtcNow().UtcDateTime;
        var answer = new SupportMessageRecord { Id = Guid.CreateVersion7(), SellerId = seller.Id, FromSeller = false, Channel = "telegram", AtUtc = now };
        answer.Text = await vault.SealAsync(KeyScope.Subject(new SubjectId(seller.SubjectId)), SupportMessageRecord.Field(answer.Id), text, cancellationToken);
        db.SupportMessages.Add(answer);
        await db.SupportMessages.Where(m => m.SellerId == seller.Id && m.FromSeller && m.AnsweredAtUtc == null).ExecuteUpdateAsync(u => u.SetProperty(m => m.AnsweredAtUtc, now), cancellationToken);
        await db.SaveChangesAsync(cancellationToken);
        await audit.AppendAsync(new AuditEvent(actor.Actor, "marketplace.support.reply", new SubjectId(seller.SubjectId), "marketplace-sellers", "service-account"), cancellationToken);
        var t = SellerLanguage.Of(seller.Language);
        return await messenger.TellSellerAsync(seller, t["Support answers:"] + "\n" + text, cancellationToken);
    }
}
