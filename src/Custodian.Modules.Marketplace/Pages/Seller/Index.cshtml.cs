using Custodian.Modules.Marketplace;
using System.Globalization;
using Custodian.Modules.Marketplace.Sellers;
using Custodian.Modules.Marketplace.Subscriptions;
using Custodian.Modules.Marketplace.Teams;
using Custodian.Privacy.Abstractions.Access;
using Custodian.Privacy.Abstractions.Requests;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;

namespace Custodian.Modules.Marketplace.Pages.Seller;

/// <summary>The signed-in seller's account: connected marketplace accounts (key tail, state, expiry, last sync), connect a Wildberries token or Ozon keys, revoke a key.</summary>
[Authorize(Policy = AccessPolicies.Seller)]
public sealed class IndexModel(ISellerAccounts sellers, ISellerTeams teams, ISellerSubscriptions subscriptions, ISignedInRequests requests, IStringLocalizer<MarketplaceText> t) : PageModel
{
    /// <summary>The seller's plan: trial, paid period or ended.</summary>
    public SubscriptionState? Subscription { get; private set; }

    /// <summary>A plan's name in the page's language (Russian names for Russian, English otherwise).</summary>
    public static string PlanName(SellerPlan plan) => CultureInfo.CurrentUICulture.TwoLetterISOLanguageName == "ru" ? plan.NameRu : plan.NameEn;

    /// <summary>The Moscow calendar day of a UTC instant, as the seller's plan and invoices count days.</summary>
    public static string MoscowDay(DateTime utc) => SellerPlan.DayOf(utc).ToString("d", CultureInfo.CurrentCulture);

    public SellerView? View { get; private set; }

    public OwnTeamView? OwnTeam { get; private set; }

    public IReadOnlyList<TeamView> Teams { get; private set; } = [];

    public string? TeamError { get; private set; }

    public bool MarketingConsent { get; private set; }

    /// <summary>The text the seller agrees to; its hash goes into the consent ledger with the agreement.</summary>
    public string MarketingNotice => t["News and offers from us in the Telegram bot and by e-mail. You can stop them at any time here or with /stop in the bot."];

    public async Task<IActionResult> OnPostMarketingAsync(bool give, CancellationToken cancellationToken)
    {
        try
        {
            await sellers.SetMarketingConsentAsync(SellerId, give, MarketingNotice, cancellationToken);
        }
        catch (MarketplaceInputException)
        {
            return Forbid(); // the session outlived the seller (the account was deleted): like every other view of it
        }

        Message = give ? t["Thank you: you agreed to news and offers."] : t["Done: no more news and offers."];
        return await ShowAsync(cancellationToken);
    }

    public string? Message { get; private set; }

    public string? TokenError { get; private set; }

    public string? OzonError { get; private set; }

    public async Task<IActionResult> OnGetAsync(CancellationToken cancellationToken) => await ShowAsync(cancellationToken);

    public async Task<IActionResult> OnPostConnectAsync(string? token, CancellationToken cancellationToken)
    {
        try
        {
            var account = await sellers.ConnectWildberriesAsync(SellerId, token ?? string.Empty, cancellationToken);
            Message = t["Wildberries key {0} connected; the first data arrive within minutes.", account.KeyTail];
        }
        catch (MarketplaceInputException e)
        {
            TokenError = e.Message;
            Response.StatusCode = StatusCodes.Status400BadRequest;
        }

        return await ShowAsync(cancellationToken);
    }

    public async Task<IActionResult> OnPostConnectOzonAsync(string? clientId, string? apiKey, CancellationToken cancellationToken)
    {
        try
        {
            var account = await sellers.ConnectOzonAsync(SellerId, clientId ?? string.Empty, apiKey ?? string.Empty, cancellationToken);
            Message = t["Ozon key {0} connected; the first data arrive within minutes.", account.KeyTail];
        }
        catch (MarketplaceInputException e)
        {
            OzonError = e.Message;
            Response.StatusCode = StatusCodes.Status400BadRequest;
        }

        return await ShowAsync(cancellationToken);
    }

    public string? DataError { get; private set; }

    /// <summary>"Download my data": an access request about the seller, verified by the session and carried out at once; the copy downloads once.</summary>
    public async Task<IActionResult> OnPostDownloadAsync(CancellationToken cancellationToken)
    {
        if (await sellers.ViewAsync(SellerId, cancellationToken) is not { Email: { } email })
        {
            return Forbid();
        }

        var result = await requests.RunAsync("marketplace-sellers", "access", email, "Signed in as a seller (Telegram login or e-mail link).", cancellationToken);
        return result.DownloadToken is { } token ? Redirect("/privacy/requests/download/" + token) : await FailedAsync(result.Outcome, cancellationToken);
    }

    /// <summary>"Delete my account": an erasure request carried out at once (keys revoked and destroyed, records erased), then signed out.</summary>
    public async Task<IActionResult> OnPostDeleteAsync(bool confirmed, CancellationToken cancellationToken)
    {
        if (await sellers.ViewAsync(SellerId, cancellationToken) is not { Email: { } email })
        {
            return Forbid();
        }

        if (!confirmed)
        {
            return await FailedAsync(t["Tick the box to confirm that the account and its data are to be deleted."], cancellationToken);
        }

        var erasure = await requests.RunAsync("marketplace-sellers", "erasure", email, "Signed in as a seller (Telegram login or e-mail link); confirmed on the account page.", cancellationToken);
        if (!erasure.Taken)
        {
            return await FailedAsync(erasure.Outcome, cancellationToken);
        }

        await HttpContext.SignOutAsync(Microsoft.AspNetCore.Authentication.Cookies.CookieAuthenticationDefaults.AuthenticationScheme);
        return RedirectToPage("/Seller/Deleted");
    }

    private async Task<IActionResult> FailedAsync(string problem, CancellationToken cancellationToken)
    {
        DataError = problem;
        Response.StatusCode = StatusCodes.Status400BadRequest;
        return await ShowAsync(cancellationToken);
    }

    public async Task<IActionResult> OnPostRevokeAsync(Guid accountId, CancellationToken cancellationToken)
    {
        if (!await sellers.RevokeAsync(SellerId, accountId, cancellationToken))
        {
            return NotFound();
        }

        Message = t["The key was revoked and destroyed; this account no longer collects data."];
        return await ShowAsync(cancellationToken);
    }

    /// <summary>Invites someone by e-mail to the seller's own team, as owner (manages keys) or member (sees the accounts).</summary>
    public async Task<IActionResult> OnPostInviteAsync(string? email, string? role, CancellationToken cancellationToken)
    {
        try
        {
            await teams.InviteAsync(SellerId, email ?? string.Empty, role == "owner" ? TeamRole.Owner : TeamRole.Member, System.Globalization.CultureInfo.CurrentUICulture.TwoLetterISOLanguageName, cancellationToken);
            Message = t["The invitation was sent; the link works once, for seven days."];
        }
        catch (MarketplaceInputException e)
        {
            TeamError = e.Message;
            Response.StatusCode = StatusCodes.Status400BadRequest;
        }

        return await ShowAsync(cancellationToken);
    }

    public async Task<IActionResult> OnPostRemoveMemberAsync(Guid id, CancellationToken cancellationToken)
    {
        if (!await teams.RemoveAsync(SellerId, id, cancellationToken))
        {
            return NotFound();
        }

        Message = t["Removed from your team."];
        return await ShowAsync(cancellationToken);
    }

    private Guid SellerId => SellerSession.SellerId(User);

    private async Task<IActionResult> ShowAsync(CancellationToken cancellationToken)
    {
        View = await sellers.ViewAsync(SellerId, cancellationToken);
        if (View is null)
        {
            return Forbid();
        }

        OwnTeam = await teams.OwnTeamAsync(SellerId, cancellationToken);
        MarketingConsent = await sellers.MarketingConsentAsync(SellerId, cancellationToken);
        Subscription = await subscriptions.StateAsync(SellerId, cancellationToken);
        Teams = await teams.TeamsAsync(SellerId, cancellationToken);
        return Page();
    }
}
