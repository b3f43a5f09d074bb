using Custodian.Modules.Marketplace.Sellers;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Custodian.Modules.Marketplace.Pages.Account;

/// <summary>
/// The Telegram Login Widget's redirect (<c>data-auth-url</c>). The GET only checks the signed fields and shows a
/// button; the button's POST (antiforgery-checked) signs the seller in, once per payload. So a link someone else
/// makes a browser open cannot sign it in (login CSRF), and a used or leaked URL is worth nothing.
/// </summary>
internal sealed class TelegramModel(TelegramSignIn signIn) : PageModel
{
    private const string FormToken = "__RequestVerificationToken";

    /// <summary>Why the data was refused, or null.</summary>
    public TelegramLoginRefusal? Refusal { get; private set; }

    public bool NotSignedUp { get; private set; }

    public bool Pending { get; private set; }

    /// <summary>The signed fields the button posts back as they came (their signature covers every one of them).</summary>
    public IReadOnlyDictionary<string, string>? Fields { get; private set; }

    public async Task<IActionResult> OnGetAsync(CancellationToken cancellationToken)
    {
        var fields = Request.Query.Where(q => q.Key != FormToken).ToDictionary(q => q.Key, q => q.Value.ToString(), StringComparer.Ordinal);
        var check = await signIn.CheckAsync(fields, cancellationToken);
        if (check.Refusal is { } refusal)
        {
            return Refused(refusal);
        }

        Fields = fields;
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken cancellationToken)
    {
        IFormCollection form;
        try
        {
            form = Request.HasFormContentType ? await Request.ReadFormAsync(cancellationToken) : FormCollection.Empty;
        }
        catch (Exception e) when (e is InvalidDataException or IOException)
        {
            return Refused(TelegramLoginRefusal.Forged); // a body that is no form is no Telegram login either
        }

        var fields = form.Where(f => f.Key != FormToken).ToDictionary(f => f.Key, f => f.Value.ToString(), StringComparer.Ordinal);
        var result = await signIn.SignInAsync(fields, cancellationToken);
        if (result.Refusal is { } refusal)
        {
            return Refused(refusal);
        }

        if (result.SellerId is not { } sellerId)
        {
            (NotSignedUp, Pending) = (result.NotSignedUp, result.Pending);
            Response.StatusCode = StatusCodes.Status403Forbidden;
            return Page();
        }

        await SellerSession.SignInAsync(HttpContext, sellerId, Custodian.Privacy.Abstractions.Access.SignInMethods.Telegram);
        return LocalRedirect("/seller");
    }

    private PageResult Refused(TelegramLoginRefusal refusal)
    {
        Refusal = refusal;
        Response.StatusCode = StatusCodes.Status400BadRequest;
        return Page();
    }
}
