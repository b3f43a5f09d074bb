using Custodian.Privacy.Abstractions.Messaging;
using Custodian.Privacy.Declarations;
using Custodian.Privacy.Declarations.Notices;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Custodian.Privacy.Pages.Privacy;

/// <summary>
/// The Russian operator's personal-data processing policy at its stable address: Russian by default (the language it
/// is published in), English with <c>?lang=en</c>; <c>?operator=INN</c> picks one operator where a deployment keeps
/// registers of several, and without it the page lists them.
/// </summary>
public sealed class PolicyModel(RegisterCatalog registers, IPublicLinks links) : PageModel
{
    public NoticeDocument? Policy { get; private set; }

    public RussianOperator? Operator { get; private set; }

    /// <summary>Several operators and none chosen: the page lists them.</summary>
    public IReadOnlyList<RussianOperator> Choices { get; private set; } = [];

    /// <summary>Asked for in a language the policy is not published in.</summary>
    public bool UnknownLanguage { get; private set; }

    public IActionResult OnGet(string? lang, string? @operator)
    {
        var language = lang ?? "ru";
        if (!OperatorPolicy.Languages.Contains(language))
        {
            UnknownLanguage = true;
            Response.StatusCode = StatusCodes.Status400BadRequest;
            return Page();
        }

        var (chosen, _) = OperatorPolicy.Choose(registers, @operator);
        if (chosen is null)
        {
            if (string.IsNullOrWhiteSpace(@operator) && registers.RussianOperators.Count > 1)
            {
                Choices = registers.RussianOperators;
                return Page();
            }

            return NotFound();
        }

        Operator = chosen;
        Policy = OperatorPolicy.Build(chosen, language, links.Link);
        return Page();
    }

    /// <summary>The policy as a file (pdf, markdown, json), of the operator the page shows.</summary>
    public string Api(string language, string format) => $"/api/privacy/policy?lang={language}&format={format}{OperatorQuery("&")}";

    /// <summary>This page in the other language, of the same operator.</summary>
    public string PageIn(string language) => language == "ru"
        ? OperatorPolicy.Path + OperatorQuery("?")
        : $"{OperatorPolicy.Path}?lang={language}{OperatorQuery("&")}";

    // The operator is named in links only when the visitor named it: the plain address stays the stable one.
    private string OperatorQuery(string separator) =>
        Request.Query.ContainsKey("operator") && Operator is { } chosen ? $"{separator}operator={chosen.Requisites.Inn}" : string.Empty;
}
