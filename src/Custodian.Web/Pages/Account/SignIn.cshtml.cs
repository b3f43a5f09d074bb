using Custodian.Modules.Marketplace.Telegram;
using Custodian.Privacy.Abstractions.Messaging;
using Custodian.Web.Platform;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Custodian.Web.Pages.Account;

/// <summary>How each kind of user signs in; sellers get the Telegram Login Widget when a bot is configured.</summary>
public sealed class SignInModel(ITelegramLoginWidget telegram, IPublicLinks links, IConfiguration configuration) : PageModel
{
    /// <summary>The bot the widget asks Telegram about, or null (no bot: the e-mail link only).</summary>
    public string? BotUsername { get; private set; }

    /// <summary>Where Telegram sends the person back with the signed login fields.</summary>
    public string AuthUrl => links.Link("/account/telegram");

    public async Task OnGetAsync(CancellationToken cancellationToken)
    {
        // Telegram:LoginWidget=false leaves it out (e.g. where telegram.org cannot be reached); read per request.
        BotUsername = configuration.GetValue("Telegram:LoginWidget", true) ? await telegram.BotUsernameAsync(cancellationToken) : null;
        if (BotUsername is not null)
        {
            SecurityHeaders.AllowTelegramLoginWidget(HttpContext);
        }
    }
}
