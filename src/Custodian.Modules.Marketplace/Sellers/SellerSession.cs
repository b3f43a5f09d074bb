using Custodian.Privacy.Abstractions.Access;
using System.Security.Claims;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;

namespace Custodian.Modules.Marketplace.Sellers;

/// <summary>The cookie of a signed-in seller (by Telegram login or an e-mail link): the seller id and the owner role; the session machinery adds its server-side session.</summary>
internal static class SellerSession
{
    public const string SellerIdClaim = "custodian:seller";

    /// <summary>The account id sessions and the audit log know the seller by.</summary>
    public static string AccountId(Guid sellerId) => "seller-" + sellerId.ToString("N");

    /// <param name="method">How the seller proved who they are (<see cref="SignInMethods"/>): the session records it.</param>
    public static Task SignInAsync(HttpContext context, Guid sellerId, string method = SignInMethods.EmailLink)
    {
        ArgumentNullException.ThrowIfNull(context);
        var identity = new ClaimsIdentity(
            [new Claim(ClaimTypes.NameIdentifier, AccountId(sellerId)), new Claim(SellerIdClaim, sellerId.ToString("D")), new Claim(ClaimTypes.Role, Roles.SellerOwner), new Claim(SessionClaims.Method, method)],
            CookieAuthenticationDefaults.AuthenticationScheme);
        return context.SignInAsync(CookieAuthenticationDefaults.AuthenticationScheme, new ClaimsPrincipal(identity));
    }

    public static Guid SellerId(ClaimsPrincipal user) => Guid.Parse((user ?? throw new ArgumentNullException(nameof(user))).FindFirst(SellerIdClaim)!.Value);
}
