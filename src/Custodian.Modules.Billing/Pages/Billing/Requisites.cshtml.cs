using Custodian.Modules.Billing.Payers;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Custodian.Modules.Billing.Pages.Billing;

/// <summary>The paying company's or sole proprietor's requisites, as invoices and acts will carry them.</summary>
internal sealed class RequisitesModel(SavePayer save, ReadPayer read) : PageModel
{
    [BindProperty]
    public string Kind { get; set; } = "organisation";

    [BindProperty]
    public string? Name { get; set; }

    [BindProperty]
    public string? Inn { get; set; }

    [BindProperty]
    public string? Kpp { get; set; }

    [BindProperty]
    public string? Ogrn { get; set; }

    [BindProperty]
    public string? Address { get; set; }

    [BindProperty]
    public string? Email { get; set; }

    [BindProperty]
    public string? Phone { get; set; }

    [BindProperty]
    public string? Bic { get; set; }

    [BindProperty]
    public string? Account { get; set; }

    [BindProperty]
    public string? Correspondent { get; set; }

    public IReadOnlyList<PayerProblem> Problems { get; private set; } = [];

    public bool Saved { get; private set; }

    public bool Stored { get; private set; }

    public PayerProblem? ProblemOf(string field) => Problems.FirstOrDefault(p => p.Field == field);

    public async Task OnGetAsync(bool saved, CancellationToken cancellationToken)
    {
        Saved = saved;
        if (await read.ForAccountAsync(BillingModule.PayerAccount(User), cancellationToken) is { Country: "RU" } payer)
        {
            Stored = true;
            (Kind, Name, Inn, Kpp, Ogrn, Address, Email, Phone, Bic, Account, Correspondent) =
                (payer.Kind == PayerKind.SoleProprietor ? "sole-proprietor" : "organisation", payer.Name, payer.Inn, payer.Kpp, payer.Ogrn, payer.Address, payer.Email, payer.Phone, payer.Bic, payer.Account, payer.CorrespondentAccount);
        }
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken cancellationToken)
    {
        var kind = Kind == "sole-proprietor" ? PayerKind.SoleProprietor : PayerKind.Organisation;
        Problems = await save.RussianAsync(BillingModule.PayerAccount(User), new RussianPayerForm(kind, Name, Inn, Kpp, Ogrn, Address, Email, Phone, Bic, Account, Correspondent), cancellationToken);
        if (Problems.Count > 0)
        {
            Response.StatusCode = StatusCodes.Status400BadRequest;
            return Page();
        }

        return RedirectToPage(new { saved = true });
    }
}
