using Custodian.Privacy.Abstractions.Access;
using Custodian.Modules.Marketplace;
using Custodian.Modules.Marketplace.Sellers;
using Custodian.Modules.Marketplace.Telegram;
using Custodian.Privacy.Abstractions.Hosting;
using Microsoft.Extensions.Configuration;
using Custodian.Privacy.Abstractions.Messaging;
using Custodian.Privacy.Abstractions.Requests;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.RateLimiting;

namespace Custodian.Modules.Marketplace.Pages.Account;

/// <summary>The sellers' sign-in: the Telegram Login Widget when a bot is configured, else (or also) a single-use link to the account's confirmed address. The answer is the same whether or not the address is a seller's.</summary>
[EnableRateLimiting(RateLimits.PublicForms)]
internal sealed class SellerLinkModel(ISellerAccounts sellers, ITelegramLoginWidget telegram, IPublicLinks links, IConfiguration configuration) : PageModel
{
    public bool Sent { get; private set; }

    public string? EmailError { get; private set; }

    /// <summary>The bot the Telegram Login Widget asks Telegram about, or null (no bot: the e-mail link only).</summary>
    public string? BotUsername { get; private set; }

    /// <summary>Where Telegram sends the person back with the signed login fields.</summary>
    public string AuthUrl => links.Link("/account/telegram");

    public async Task OnGetAsync(CancellationToken cancellationToken)
    {
        // Telegram:LoginWidget=false leaves it out (e.g. where telegram.org cannot be reached); read per request.
        BotUsername = configuration.GetValue("Telegram:LoginWidget", true) ? await telegram.BotUsernameAsync(cancellationToken) : null;
        if (BotUsername is not null)
        {
            HttpContext.Items[ContentSecurityAllowance.ItemKey] = new ContentSecurityAllowance("https://telegram.org", "https://oauth.telegram.org");
        }
    }

    public async Task OnPostAsync(string? email, CancellationToken cancellationToken)
    {
        try
        {
            await sellers.SendSignInLinkAsync(email ?? string.Empty, Thread.CurrentThread.CurrentUICulture.TwoLetterISOLanguageName, cancellationToken);
            Sent = true;
        }
        catch (MarketplaceInputException e)
        {
            EmailError = e.Message;
            Response.StatusCode = StatusCodes.Status400BadRequest;
        }
        catch (MailNotSentException)
        {
            Sent = true; // the same answer: whether a mail went out is not told to whoever typed the address
        }
    }
}
