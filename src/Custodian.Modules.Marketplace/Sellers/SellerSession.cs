using Custodian.Privacy.Abstractions.Access;
using System.Security.Claims;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;

namespace Custodian.Modules.Marketplace.Sellers;

/// <summary>The cookie of a signed-in seller (by Telegram login or an e-mail link): the seller id and the owner role.</summary>
internal static class SellerSession
{
    public const string SellerIdClaim = "custodian:seller";

    public static Task SignInAsync(HttpContext context, Guid sellerId)
    {
        ArgumentNullException.ThrowIfNull(context);
        var identity = new ClaimsIdentity(
            [new Claim(ClaimTypes.NameIdentifier, "seller-" + sellerId.ToString("N")), new Claim(SellerIdClaim, sellerId.ToString("D")), new Claim(ClaimTypes.Role, Roles.SellerOwner)],
            CookieAuthenticationDefaults.AuthenticationScheme);
        return context.SignInAsync(CookieAuthenticationDefaults.AuthenticationScheme, new ClaimsPrincipal(identity));
    }

    public static Guid SellerId(ClaimsPrincipal user) => Guid.Parse((user ?? throw new ArgumentNullException(nameof(user))).FindFirst(SellerIdClaim)!.Value);
}
