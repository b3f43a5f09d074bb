using Microsoft.Extensions.Configuration;
using Custodian.Modules.Marketplace.Sellers;
using Custodian.Privacy.Abstractions.Access;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Custodian.Modules.Marketplace.Pages.Account;

/// <summary>
/// The Telegram Login Widget's redirect (<c>data-auth-url</c>): the signed fields are checked on the server with the bot
/// token, then the seller behind the Telegram account is signed in.
/// </summary>
internal sealed class TelegramModel(ISellerAccounts sellers, IConfiguration configuration, TimeProvider clock) : PageModel
{
    public bool NotSignedUp { get; private set; }

    public bool Pending { get; private set; }

    public async Task<IActionResult> OnGetAsync(CancellationToken cancellationToken)
    {
        var fields = Request.Query.ToDictionary(q => q.Key, q => q.Value.ToString(), StringComparer.Ordinal);
        var check = configuration["Telegram:BotToken"] is { Length: > 0 } token ? TelegramLogin.Verify(fields, token, clock.GetUtcNow()) : new TelegramLoginCheck(null, "No bot is configured.");
        if (check.UserId is not { } userId)
        {
            Response.StatusCode = StatusCodes.Status400BadRequest;
            return Page();
        }

        var seller = await sellers.FindByTelegramAsync(userId, cancellationToken);
        if (seller is not { Active: true } found)
        {
            (NotSignedUp, Pending) = (seller is null, seller is not null);
            Response.StatusCode = StatusCodes.Status403Forbidden;
            return Page();
        }

        await SellerSession.SignInAsync(HttpContext, found.SellerId);
        return LocalRedirect("/seller");
    }
}
