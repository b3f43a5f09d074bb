using System.Text.Json;

namespace Custodian.Simulators.Tests;

/// <summary>
/// A marketplace answer's published shape, read from <c>Schemas/{name}.json</c>: every property path (<c>$</c> the body,
/// <c>.name</c> a property, <c>[]</c> an array's items) with its JSON type(s), whether it may be null and whether the
/// published schema (or, where it marks none, its example) always carries it.
/// </summary>
internal sealed class PublishedShape
{
    private readonly Dictionary<string, Property> _properties;

    private PublishedShape(string endpoint, Dictionary<string, Property> properties, IReadOnlyList<string> sometimesAbsent)
    {
        Endpoint = endpoint;
        _properties = properties;
        SometimesAbsentOrNull = sometimesAbsent;
    }

    public string Endpoint { get; }

    /// <summary>Optional properties the real API leaves out or sends as null in some rows: the stand-in must do so too.</summary>
    public IReadOnlyList<string> SometimesAbsentOrNull { get; }

    private sealed record Property(string[] Types, bool Nullable, bool Required, string? Items);

    public static PublishedShape Load(string name)
    {
        using var json = JsonDocument.Parse(File.ReadAllBytes(Path.Combine(AppContext.BaseDirectory, "Schemas", name + ".json")));
        var root = json.RootElement;
        var properties = root.GetProperty("properties").EnumerateObject().ToDictionary(p => p.Name, p => new Property(
            p.Value.GetProperty("type") is { ValueKind: JsonValueKind.Array } many ? [.. many.EnumerateArray().Select(t => t.GetString()!)] : [p.Value.GetProperty("type").GetString()!],
            p.Value.TryGetProperty("nullable", out var n) && n.GetBoolean(),
            p.Value.TryGetProperty("required", out var r) && r.GetBoolean(),
            p.Value.TryGetProperty("items", out var i) ? i.GetString() : null), StringComparer.Ordinal);
        var sometimes = root.TryGetProperty("sometimesAbsentOrNull", out var s) ? s.EnumerateArray().Select(x => x.GetString()!).ToList() : [];
        return new PublishedShape(root.GetProperty("endpoint").GetString()!, properties, sometimes);
    }

    /// <summary>Every way <paramref name="body"/> departs from the published shape: a property it does not publish, a required one missing, a wrong JSON type.</summary>
    public IReadOnlyList<string> Violations(JsonElement body)
    {
        var problems = new List<string>();
        Check(body, "$", problems);
        return problems;
    }

    /// <summary>How many of the objects at <paramref name="path"/>'s parent lack the property or hold null, and how many there are.</summary>
    public static (int AbsentOrNull, int Objects) Presence(JsonElement body, string path)
    {
        var cut = path.LastIndexOf('.');
        var (parent, name) = (path[..cut], path[(cut + 1)..]);
        var objects = At(body, parent).Where(o => o.ValueKind == JsonValueKind.Object).ToList();
        return (objects.Count(o => !o.TryGetProperty(name, out var v) || v.ValueKind == JsonValueKind.Null), objects.Count);
    }

    private static IEnumerable<JsonElement> At(JsonElement element, string path)
    {
        if (path == "$")
        {
            return [element];
        }

        var cut = Math.Max(path.LastIndexOf('.'), path.EndsWith("[]", StringComparison.Ordinal) ? path.Length - 2 : -1);
        var parents = At(element, path[..cut]);
        return path.EndsWith("[]", StringComparison.Ordinal)
            ? parents.Where(p => p.ValueKind == JsonValueKind.Array).SelectMany(p => p.EnumerateArray())
            : parents.Where(p => p.ValueKind == JsonValueKind.Object && p.TryGetProperty(path[(cut + 1)..], out _)).Select(p => p.GetProperty(path[(cut + 1)..]));
    }

    private void Check(JsonElement element, string path, List<string> problems)
    {
        if (!_properties.TryGetValue(path, out var property))
        {
            problems.Add($"{path}: not in the published schema");
            return;
        }

        if (element.ValueKind == JsonValueKind.Null)
        {
            if (!property.Nullable)
            {
                problems.Add($"{path}: null, the published schema does not allow null");
            }

            return;
        }

        if (!property.Types.Any(t => Is(element, t)))
        {
            problems.Add($"{path}: {element.ValueKind}, published as {string.Join(" or ", property.Types)}");
            return;
        }

        if (element.ValueKind == JsonValueKind.Object)
        {
            CheckChildren(element, path, problems);
        }
        else if (element.ValueKind == JsonValueKind.Array)
        {
            foreach (var item in element.EnumerateArray())
            {
                if (property.Items is "object")
                {
                    if (item.ValueKind == JsonValueKind.Object)
                    {
                        CheckChildren(item, path + "[]", problems);
                    }
                    else
                    {
                        problems.Add($"{path}[]: {item.ValueKind}, published as object");
                    }
                }
                else if (property.Items is { } items && !Is(item, items))
                {
                    problems.Add($"{path}[]: {item.ValueKind}, published as {items}");
                }
            }
        }
    }

    private void CheckChildren(JsonElement element, string path, List<string> problems)
    {
        foreach (var child in element.EnumerateObject())
        {
            Check(child.Value, path + "." + child.Name, problems);
        }

        foreach (var name in _properties.Where(p => p.Value.Required && Parent(p.Key) == path).Select(p => p.Key))
        {
            if (!element.TryGetProperty(name[(path.Length + 1)..], out _))
            {
                problems.Add($"{name}: missing, the published schema always carries it");
            }
        }
    }

    private static string Parent(string path) => path[..path.LastIndexOf('.')];

    private static bool Is(JsonElement element, string type) => type switch
    {
        "string" => element.ValueKind == JsonValueKind.String,
        "integer" => element.ValueKind == JsonValueKind.Number && element.TryGetDecimal(out var d) && d == decimal.Truncate(d),
        "number" => element.ValueKind == JsonValueKind.Number,
        "boolean" => element.ValueKind is JsonValueKind.True or JsonValueKind.False,
        "object" => element.ValueKind == JsonValueKind.Object,
        "array" => element.ValueKind == JsonValueKind.Array,
        "any" => true,
        _ => false,
    };
}
