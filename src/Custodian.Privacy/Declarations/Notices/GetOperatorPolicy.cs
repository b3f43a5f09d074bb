using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Custodian.Privacy.Abstractions.Messaging;

namespace Custodian.Privacy.Declarations.Notices;

/// <summary>
/// <c>GET /api/privacy/policy?lang=ru|en&amp;format=json|markdown|html|pdf[&amp;operator=INN]</c>: the Russian operator's
/// processing policy generated from its registers (Russian and JSON by default). Public; 400 for an unknown language or
/// format, or several operators and no INN; 404 when no register names that operator.
/// </summary>
public static class GetOperatorPolicy
{
    public static RouteGroupBuilder MapGetOperatorPolicy(this RouteGroupBuilder group)
    {
        group.MapGet("/privacy/policy", Handle).AllowAnonymous()
            .WithName("GetOperatorPolicy")
            .WithSummary("The Russian operator's personal-data processing policy (152-FZ art. 18.1), generated from its registers, in ru or en.")
            .Produces<object>(StatusCodes.Status200OK, "application/json", "text/markdown", "text/html", "application/pdf")
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status404NotFound);
        return group;
    }

    private static IResult Handle(string? lang, string? format, string? @operator, RegisterCatalog catalog, IPublicLinks links)
    {
        var language = lang ?? "ru";
        if (!OperatorPolicy.Languages.Contains(language) || format is not (null or "json" or "markdown" or "html" or "pdf"))
        {
            return TypedResults.Problem(title: "Unknown language or format.", detail: "The policy is published in Russian and English: use lang=ru|en and format=json|markdown|html|pdf.", statusCode: StatusCodes.Status400BadRequest);
        }

        var (chosen, problem) = OperatorPolicy.Choose(catalog, @operator);
        if (chosen is null)
        {
            var several = string.IsNullOrWhiteSpace(@operator) && catalog.RussianOperators.Count > 1;
            return TypedResults.Problem(title: several ? "Name the operator." : "No such operator.", detail: problem, statusCode: several ? StatusCodes.Status400BadRequest : StatusCodes.Status404NotFound);
        }

        var policy = OperatorPolicy.Build(chosen, language, links.Link);
        return format switch
        {
            "pdf" => TypedResults.File(NoticePdf.Render(policy), "application/pdf", $"personal-data-policy-{chosen.Requisites.Inn}-{language}.pdf"),
            "markdown" => TypedResults.Text(NoticeRendering.ToMarkdown(policy), "text/markdown; charset=utf-8"),
            "html" => TypedResults.Text(NoticeRendering.ToHtml(policy), "text/html; charset=utf-8"),
            _ => TypedResults.Text(NoticeRendering.ToJson(policy), "application/json; charset=utf-8"),
        };
    }
}
