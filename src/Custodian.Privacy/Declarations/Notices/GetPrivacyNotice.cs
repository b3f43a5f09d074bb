using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;

namespace Custodian.Privacy.Declarations.Notices;

/// <summary>
/// <c>GET /api/registers/{id}/notice?lang=ru&amp;format=json|markdown|html|pdf</c>: the generated privacy notice of a register.
/// Public; 400 for an unknown language or format, 404 for an unknown register.
/// </summary>
public static class GetPrivacyNotice
{
    public static RouteGroupBuilder MapGetPrivacyNotice(this RouteGroupBuilder group)
    {
        group.MapGet("/registers/{id}/notice", Handle).AllowAnonymous()
            .WithName("GetPrivacyNotice")
            .WithSummary("The privacy notice generated from a register's declaration, in en, fi or ru.")
            .Produces<object>(StatusCodes.Status200OK, "application/json", "text/markdown", "text/html", "application/pdf")
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status404NotFound);
        return group;
    }

    private static IResult Handle(string id, string? lang, string? format, RegisterCatalog catalog)
    {
        var language = lang ?? "en";
        if (!NoticeWords.Languages.Contains(language) || format is not (null or "json" or "markdown" or "html" or "pdf"))
        {
            return TypedResults.Problem(title: "Unknown language or format.", detail: "Use lang=en|fi|ru and format=json|markdown|html|pdf.", statusCode: StatusCodes.Status400BadRequest);
        }

        if (catalog.Find(id) is not { } register)
        {
            return TypedResults.Problem(title: "No such register.", statusCode: StatusCodes.Status404NotFound);
        }

        var notice = PrivacyNotice.Build(register, language);
        return format switch
        {
            "pdf" => TypedResults.File(NoticePdf.Render(notice), "application/pdf", $"privacy-notice-{register.Id}-{language}.pdf"),
            "markdown" => TypedResults.Text(NoticeRendering.ToMarkdown(notice), "text/markdown; charset=utf-8"),
            "html" => TypedResults.Text(NoticeRendering.ToHtml(notice), "text/html; charset=utf-8"),
            _ => TypedResults.Text(NoticeRendering.ToJson(notice), "application/json; charset=utf-8"),
        };
    }
}
