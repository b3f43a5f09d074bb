using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;

namespace Custodian.Privacy.Declarations;

/// <summary>
/// Makes the OpenAPI schemas of the declaration types say what <see cref="RegisterJson"/> writes (the document is
/// built with the host's JSON options, which know nothing of its converters): texts as language → text maps, periods
/// as ISO 8601 strings, enums as kebab-case names.
/// </summary>
internal static class RegisterJsonSchema
{
    public static Task TransformAsync(OpenApiSchema schema, OpenApiSchemaTransformerContext context, CancellationToken cancellationToken)
    {
        var type = Nullable.GetUnderlyingType(context.JsonTypeInfo.Type) ?? context.JsonTypeInfo.Type;
        if (type.Namespace != typeof(RegisterDeclaration).Namespace)
        {
            return Task.CompletedTask;
        }

        if (type == typeof(LocalisedText))
        {
            Replace(schema, JsonSchemaType.Object, "Text by language (en always, fi and ru where declared).");
            schema.AdditionalProperties = new OpenApiSchema { Type = JsonSchemaType.String };
        }
        else if (type == typeof(Period))
        {
            Replace(schema, JsonSchemaType.String, "An ISO 8601 period: P3Y, P6M, P30D, P1Y6M.");
            schema.Pattern = "^P([0-9]+Y)?([0-9]+M)?([0-9]+D)?$";
        }
        else if (type == typeof(Law))
        {
            Replace(schema, JsonSchemaType.String, null);
            schema.Enum = [JsonValue.Create("gdpr"), JsonValue.Create("152-fz")];
        }
        else if (type.IsEnum)
        {
            Replace(schema, JsonSchemaType.String, null);
            schema.Enum = Enum.GetNames(type).Select(name => (JsonNode)JsonValue.Create(JsonNamingPolicy.KebabCaseLower.ConvertName(name))).ToList();
        }

        return Task.CompletedTask;
    }

    private static void Replace(OpenApiSchema schema, JsonSchemaType type, string? description)
    {
        schema.Type = type;
        schema.Format = null;
        schema.Pattern = null;
        schema.Enum = null;
        schema.Properties = null;
        schema.Required = null;
        schema.Description = description ?? schema.Description;
    }
}
