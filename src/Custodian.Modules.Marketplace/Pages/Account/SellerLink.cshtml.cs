using Custodian.Privacy.Abstractions.Access;
using Custodian.Modules.Marketplace.Sellers;
using Custodian.Modules.Marketplace.Telegram;
using Custodian.Privacy.Abstractions.Hosting;
using Custodian.Privacy.Abstractions.Messaging;
using Microsoft.Extensions.Configuration;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.RateLimiting;

namespace Custodian.Modules.Marketplace.Pages.Account;

/// <summary>The sellers' sign-in: the Telegram Login Widget when a bot is configured, else (or also) a single-use link to the account's confirmed address. The answer is the same whether or not the address is a seller's; the per-client limit is the public forms' (<see cref="RateLimits.PublicForms"/>), the per-address one <see cref="SignInLinkOptions"/>.</summary>
[EnableRateLimiting(RateLimits.PublicForms)]
internal sealed class SellerLinkModel(SignInLinkQueue queue, ITelegramLoginWidget telegram, IPublicLinks links, IConfiguration configuration) : PageModel
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

    /// <summary>
    /// Checks only the address's form here and hands it to the mailer's queue: the answer is the same, and as quick,
    /// for a seller's address, a stranger's, or one over its limit, whatever the mail server does.
    /// </summary>
    public void OnPost(string? email)
    {
        if (SellerSignInLinks.AddressProblem(email) is { } problem)
        {
            EmailError = problem;
            Response.StatusCode = StatusCodes.Status400BadRequest;
            return;
        }

        queue.Enqueue(email!, Thread.CurrentThread.CurrentUICulture.TwoLetterISOLanguageName);
        Sent = true;
    }
}
