using System.Text.Json;
using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Custodian.Web.Platform;

/// <summary><c>/healthz</c>: 200 when the records database, the keys (the kernel adds that check) and every enabled module's checks (the marketplace: its analytics engine) answer, 503 otherwise.</summary>
public static class Health
{
    public static WebApplicationBuilder AddHealth(this WebApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.Services.AddHealthChecks()
            .AddDbContextCheck<HostDb>("records", HealthStatus.Unhealthy, ["db"]); // modules add their own checks
        builder.Services.ConfigureAll<OpenApiOptions>(options => options.AddDocumentTransformer(DescribeAsync));
        return builder;
    }

    public static IEndpointRouteBuilder MapHealth(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapHealthChecks("/healthz", new HealthCheckOptions { ResponseWriter = WriteJson }).AllowAnonymous();
        return endpoints;
    }

    // The health-check middleware is invisible to the endpoint metadata the document is built from: described by hand.
    private static Task DescribeAsync(OpenApiDocument document, OpenApiDocumentTransformerContext context, CancellationToken cancellationToken)
    {
        var text = new OpenApiSchema { Type = JsonSchemaType.String };
        var report = new OpenApiSchema
        {
            Type = JsonSchemaType.Object,
            Required = new HashSet<string> { "status", "checks" },
            Properties = new Dictionary<string, IOpenApiSchema>
            {
                ["status"] = new OpenApiSchema { Type = JsonSchemaType.String, Enum = ["Healthy", "Degraded", "Unhealthy"] },
                ["checks"] = new OpenApiSchema
                {
                    Type = JsonSchemaType.Array,
                    Items = new OpenApiSchema
                    {
                        Type = JsonSchemaType.Object,
                        Properties = new Dictionary<string, IOpenApiSchema>
                        {
                            ["name"] = text,
                            ["status"] = text,
                            ["description"] = new OpenApiSchema { Type = JsonSchemaType.String | JsonSchemaType.Null },
                            ["durationMs"] = new OpenApiSchema { Type = JsonSchemaType.Number },
                        },
                    },
                },
            },
        };
        OpenApiResponse Answer(string description) => new()
        {
            Description = description,
            Content = new Dictionary<string, OpenApiMediaType> { ["application/json"] = new() { Schema = report } },
        };

        document.Tags ??= new HashSet<OpenApiTag>();
        document.Tags.Add(new OpenApiTag { Name = ApiDocument.HostTag });
        document.Paths.Add("/healthz", new OpenApiPathItem
        {
            Operations = new Dictionary<HttpMethod, OpenApiOperation>
            {
                [HttpMethod.Get] = new()
                {
                    OperationId = "Health",
                    Summary = "Whether the records database, the keys and the analytics engine answer.",
                    Tags = new HashSet<OpenApiTagReference> { new(ApiDocument.HostTag, document) },
                    Responses = new OpenApiResponses
                    {
                        ["200"] = Answer("Both answer."),
                        ["503"] = Answer("One of them does not (the check names which)."),
                    },
                },
            },
        });
        return Task.CompletedTask;
    }

    // Only names, states and short descriptions: exception texts stay in the logs.
    private static Task WriteJson(HttpContext context, HealthReport report)
    {
        context.Response.ContentType = "application/json";
        context.Response.Headers.CacheControl = "no-store";
        return JsonSerializer.SerializeAsync(context.Response.Body, new
        {
            status = report.Status.ToString(),
            checks = report.Entries.Select(e => new
            {
                name = e.Key,
                status = e.Value.Status.ToString(),
                description = e.Value.Description,
                durationMs = Math.Round(e.Value.Duration.TotalMilliseconds, 1),
            }),
        }, cancellationToken: context.RequestAborted);
    }
}
