using Custodian.Modules.Marketplace;
using Custodian.Modules.Marketplace.Support;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;

namespace Custodian.Modules.Marketplace.Pages.OperatorConsole.Support;

/// <summary>The operators' inbox of sellers' support messages from the bot, answered in Telegram and kept as correspondence.</summary>
internal sealed class IndexModel(ISupportInbox inbox, IStringLocalizer<MarketplaceText> t) : PageModel
{
    public IReadOnlyList<SupportThread> Threads { get; private set; } = [];

    public string? Notice { get; private set; }

    public async Task OnGetAsync(CancellationToken cancellationToken) => Threads = await inbox.ThreadsAsync(20, cancellationToken);

    public async Task OnPostAsync(Guid sellerId, string? text, CancellationToken cancellationToken)
    {
        try
        {
            Notice = await inbox.ReplyAsync(sellerId, text ?? string.Empty, cancellationToken)
                ? t["The answer was sent in Telegram and kept with the correspondence."]
                : t["The answer was kept with the correspondence, but the seller has no chat with the bot: answer by e-mail."];
        }
        catch (MarketplaceInputException e)
        {
            Notice = e.Message;
            Response.StatusCode = StatusCodes.Status400BadRequest;
        }

        Threads = await inbox.ThreadsAsync(20, cancellationToken);
    }
}
