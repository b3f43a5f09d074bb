using System.Globalization;
using Custodian.Privacy.Declarations;
using Custodian.Privacy.Declarations.Notices;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Custodian.Privacy.Pages.Privacy;

/// <summary>A register's privacy notice in the visitor's language, generated from its declaration.</summary>
public sealed class NoticeModel(RegisterCatalog registers) : PageModel
{
    public NoticeDocument Notice { get; private set; } = null!;

    public IActionResult OnGet(string register)
    {
        if (registers.Find(register) is not { } declared)
        {
            return NotFound();
        }

        Notice = PrivacyNotice.Build(declared, CultureInfo.CurrentUICulture.TwoLetterISOLanguageName switch { "fi" => "fi", "ru" => "ru", _ => "en" });
        return Page();
    }
}
