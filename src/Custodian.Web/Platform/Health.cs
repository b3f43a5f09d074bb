using System.Text.Json;
using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Custodian.Privacy.Abstractions.Hosting;
using Custodian.Storage.Records;

namespace Custodian.Web.Platform;

/// <summary>
/// Health for people and load balancers, all anonymous and free of personal data:
/// <c>/healthz/live</c> 200 while the process answers (no dependency is asked: restart on failure);
/// <c>/healthz/ready</c> the checks tagged <see cref="HealthTags.Ready"/> (records database reachable and migrated, keys
/// usable, and the modules' own: the marketplace's analytics engine and each ClickHouse shard, Degraded when down), 200
/// when Healthy or Degraded and 503 when Unhealthy (send traffic or not); <c>/healthz</c> every check, the human summary.
/// </summary>
public static class Health
{
    public const string Summary = "/healthz";
    public const string Live = "/healthz/live";
    public const string Ready = "/healthz/ready";

    /// <summary>A database that does not answer within this is down for the probe (Npgsql would wait 15 s).</summary>
    private static readonly TimeSpan RecordsTimeout = TimeSpan.FromSeconds(5);

    public static WebApplicationBuilder AddHealth(this WebApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.Services.AddHealthChecks() // the kernel and the modules add their own checks
            .AddCheck<RecordsHealthCheck>("records", HealthStatus.Unhealthy, [HealthTags.Ready, "db"], RecordsTimeout);
        builder.Services.ConfigureAll<OpenApiOptions>(options => options.AddDocumentTransformer(DescribeAsync));
        return builder;
    }

    public static IEndpointRouteBuilder MapHealth(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapHealthChecks(Summary, new HealthCheckOptions { ResponseWriter = WriteJson }).AllowAnonymous();
        endpoints.MapHealthChecks(Live, new HealthCheckOptions { Predicate = _ => false, ResponseWriter = WriteJson }).AllowAnonymous();
        endpoints.MapHealthChecks(Ready, new HealthCheckOptions { Predicate = c => c.Tags.Contains(HealthTags.Ready), ResponseWriter = WriteJson }).AllowAnonymous();
        return endpoints;
    }

    /// <summary>The records database answers and every context's migrations are applied (an instance on an older schema must not serve).</summary>
    private sealed class RecordsHealthCheck(DatabaseMigrator migrator, DatabaseSettings settings) : IHealthCheck
    {
        public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
        {
            IReadOnlyList<string> pending;
            try
            {
                pending = await migrator.PendingAsync(cancellationToken);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                return HealthCheckResult.Unhealthy($"{settings.Provider} does not answer", e);
            }

            return pending.Count == 0
                ? HealthCheckResult.Healthy($"{settings.Provider} answers, schema current")
                : HealthCheckResult.Unhealthy($"{settings.Provider} answers, {pending.Count} migration(s) pending (custodian db migrate)");
        }
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
        OpenApiPathItem Path(string operationId, string summary, OpenApiResponses responses) => new()
        {
            Operations = new Dictionary<HttpMethod, OpenApiOperation>
            {
                [HttpMethod.Get] = new()
                {
                    OperationId = operationId,
                    Summary = summary,
                    Tags = new HashSet<OpenApiTagReference> { new(ApiDocument.HostTag, document) },
                    Responses = responses,
                },
            },
        };

        document.Paths.Add(Summary, Path("Health", "Every check: records database, keys, analytics engine and each shard.", new OpenApiResponses
        {
            ["200"] = Answer("Healthy, or Degraded (analytics or a shard does not answer; the check names which)."),
            ["503"] = Answer("Unhealthy: the records database or the keys cannot be used (the check names which)."),
        }));
        document.Paths.Add(Live, Path("HealthLive", "The process answers (no dependency is asked): for restarts.", new OpenApiResponses
        {
            ["200"] = Answer("The process answers."),
        }));
        document.Paths.Add(Ready, Path("HealthReady", "What serving needs: for traffic. Analytics and its shards count as Degraded, never Unhealthy.", new OpenApiResponses
        {
            ["200"] = Answer("Ready: Healthy, or Degraded (analytics or a shard does not answer)."),
            ["503"] = Answer("Not ready: the records database (down, or migrations pending) or the keys cannot be used."),
        }));
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
