using Custodian.Modules.Marketplace.Digest;
using Custodian.Modules.Marketplace.Sellers;
using Custodian.Privacy.Abstractions.Access;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using Microsoft.Extensions.Options;

namespace Custodian.Modules.Marketplace.Pages.Seller;

/// <summary>The daily digest's settings: in the bot, by e-mail, both or neither (each person, team members too, chooses their own).</summary>
[Authorize(Policy = AccessPolicies.Seller)]
internal sealed class DigestModel(DigestPreferences preferences, MarketplaceDb db, IOptions<DigestOptions> options, IStringLocalizer<MarketplaceText> t) : PageModel
{
    public DigestChoice Choice { get; private set; } = DigestChoice.None;

    /// <summary>Whether the person has a chat with the bot (without one the Telegram digest has nowhere to go).</summary>
    public bool HasTelegram { get; private set; }

    public int SendHour => options.Value.SendHour;

    public string? Message { get; private set; }

    public async Task<IActionResult> OnGetAsync(CancellationToken cancellationToken) => await ShowAsync(cancellationToken);

    public async Task<IActionResult> OnPostAsync(bool telegram, bool email, CancellationToken cancellationToken)
    {
        if (!await db.Sellers.AnyAsync(s => s.Id == SellerId, cancellationToken))
        {
            return Forbid(); // the session outlived the seller
        }

        await preferences.SetAsync(SellerId, new DigestChoice(telegram, email), cancellationToken);
        Message = telegram || email ? t["Saved: the digest of yesterday comes every morning."] : t["Saved: the daily digest is off."];
        return await ShowAsync(cancellationToken);
    }

    private async Task<IActionResult> ShowAsync(CancellationToken cancellationToken)
    {
        if (await db.Sellers.AsNoTracking().Where(s => s.Id == SellerId).Select(s => new { s.TelegramChatId }).FirstOrDefaultAsync(cancellationToken) is not { } seller)
        {
            return Forbid();
        }

        HasTelegram = seller.TelegramChatId is not null;
        Choice = await preferences.OfAsync(SellerId, cancellationToken);
        return Page();
    }

    private Guid SellerId => SellerSession.SellerId(User);
}
