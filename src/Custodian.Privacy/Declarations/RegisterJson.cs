using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Serialization;
using System.Text.Unicode;

namespace Custodian.Privacy.Declarations;

/// <summary>JSON of declarations for the API: texts as language maps, enums and periods as written in YAML.</summary>
public static class RegisterJson
{
    public static JsonSerializerOptions Options { get; } = Create();

    private static JsonSerializerOptions Create()
    {
        var options = new JsonSerializerOptions(JsonSerializerDefaults.Web)
        {
            Encoder = JavaScriptEncoder.Create(UnicodeRanges.All), // Cyrillic and Finnish stay readable
        };
        options.Converters.Add(new LocalisedTextConverter());
        options.Converters.Add(new PeriodConverter());
        options.Converters.Add(new LawConverter());
        options.Converters.Add(new JsonStringEnumConverter(JsonNamingPolicy.KebabCaseLower));
        return options;
    }

    private sealed class LocalisedTextConverter : JsonConverter<LocalisedText>
    {
        public override LocalisedText Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
            new(JsonSerializer.Deserialize<Dictionary<string, string>>(ref reader, options) ?? []);

        public override void Write(Utf8JsonWriter writer, LocalisedText value, JsonSerializerOptions options) =>
            JsonSerializer.Serialize(writer, value.Texts, options);
    }

    private sealed class PeriodConverter : JsonConverter<Period>
    {
        public override Period Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
            RegisterReader.ParsePeriod(reader.GetString() ?? string.Empty) ?? throw new JsonException("Not a period.");

        public override void Write(Utf8JsonWriter writer, Period value, JsonSerializerOptions options) => writer.WriteStringValue(value.ToString());
    }

    private sealed class LawConverter : JsonConverter<Law>
    {
        public override Law Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
            reader.GetString() == "gdpr" ? Law.Gdpr : Law.Fz152;

        public override void Write(Utf8JsonWriter writer, Law value, JsonSerializerOptions options) =>
            writer.WriteStringValue(value == Law.Gdpr ? "gdpr" : "152-fz");
    }
}
