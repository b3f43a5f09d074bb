using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;

namespace Custodian.Privacy.Declarations;

/// <summary><c>GET /api/registers</c> and <c>GET /api/registers/{id}</c>: the declarations as the service runs them. Public.</summary>
public static class ListRegisters
{
    public static RouteGroupBuilder MapListRegisters(this RouteGroupBuilder group)
    {
        group.MapGet("/registers", (RegisterCatalog catalog) =>
            TypedResults.Json(catalog.Registers.OrderBy(r => r.Id, StringComparer.Ordinal), RegisterJson.Options)).AllowAnonymous()
            .WithName("ListRegisters")
            .WithSummary("Every register declaration the service runs, by id.")
            .Produces<IReadOnlyList<RegisterDeclaration>>();
        group.MapGet("/registers/{id}", Get).AllowAnonymous()
            .WithName("GetRegister")
            .WithSummary("One register declaration: controller, purposes, legal bases, categories, retention, rights.")
            .Produces<RegisterDeclaration>()
            .ProducesProblem(StatusCodes.Status404NotFound);
        return group;
    }

    private static Results<JsonHttpResult<RegisterDeclaration>, ProblemHttpResult> Get(string id, RegisterCatalog catalog) =>
        catalog.Find(id) is { } register
            ? TypedResults.Json(register, RegisterJson.Options)
            : TypedResults.Problem(
                title: "No such register.",
                detail: $"Known registers: {string.Join(", ", catalog.Registers.Select(r => r.Id).Order(StringComparer.Ordinal))}.",
                statusCode: StatusCodes.Status404NotFound);
}
