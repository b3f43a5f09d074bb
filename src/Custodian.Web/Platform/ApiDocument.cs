using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;

namespace Custodian.Web.Platform;

/// <summary>
/// <c>GET /openapi/v1.json</c>: the OpenAPI description of every JSON endpoint, built from the metadata each module puts
/// on the endpoints it maps (tags, summaries, <c>Produces*</c>). Public in every environment: it holds shapes, never data.
/// </summary>
public static class ApiDocument
{
    public const string Name = "v1";

    public const string Path = "/openapi/{documentName}.json";

    /// <summary>The tag of the host's own endpoints (modules tag theirs with the module's name).</summary>
    public const string HostTag = "Host";

    public static WebApplicationBuilder AddApiDocument(this WebApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.Services.AddOpenApi(Name, options =>
        {
            options.OpenApiVersion = OpenApiSpecVersion.OpenApi3_1;
            // Use cases nest their Request and Response records: name them by the use case so they never collide.
            options.CreateSchemaReferenceId = type => OpenApiOptions.CreateDefaultSchemaReferenceId(type) is { } id && type.Type.DeclaringType is { } useCase
                ? useCase.Name + id
                : OpenApiOptions.CreateDefaultSchemaReferenceId(type);
            options.AddDocumentTransformer((document, _, _) =>
            {
                document.Info = new OpenApiInfo
                {
                    Title = "Custodian",
                    Version = Name,
                    Description = "JSON APIs of the privacy kernel and the modules. Errors are RFC 9457 problem details.",
                };
                // The request's host is not part of the API (behind a proxy it would name an internal address).
                document.Servers = [];
                return Task.CompletedTask;
            });
        });
        return builder;
    }

    public static IEndpointRouteBuilder MapApiDocument(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapOpenApi(Path).AllowAnonymous();
        return endpoints;
    }
}
