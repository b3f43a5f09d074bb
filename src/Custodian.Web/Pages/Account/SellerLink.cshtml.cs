using Custodian.Modules.Marketplace;
using Custodian.Modules.Marketplace.Sellers;
using Custodian.Privacy.Abstractions.Messaging;
using Custodian.Privacy.Requests;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.RateLimiting;

namespace Custodian.Web.Pages.Account;

/// <summary>The e-mail fallback of the seller sign-in: a single-use link to the account's confirmed address. The answer is the same whether or not the address is a seller's.</summary>
[EnableRateLimiting(SubmitRequest.RateLimitPolicy)]
public sealed class SellerLinkModel(ISellerAccounts sellers) : PageModel
{
    public bool Sent { get; private set; }

    public string? EmailError { get; private set; }

    public void OnGet()
    {
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
