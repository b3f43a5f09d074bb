using System.Text.Json;
using Microsoft.AspNetCore.Http;

namespace Custodian.Simulators;

/// <summary>JSON bodies as the marketplaces send them: plain UTF-8 (Cyrillic not escaped as \u sequences).</summary>
internal static class SimulatorJson
{
    private static readonly JsonWriterOptions RawUtf8 = new() { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    public static byte[] Write(Action<Utf8JsonWriter> write)
    {
        using var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer, RawUtf8))
        {
            write(json);
        }

        return buffer.ToArray();
    }

    public static Task SendAsync(HttpContext context, byte[] body)
    {
        context.Response.ContentType = "application/json; charset=utf-8";
        return context.Response.Body.WriteAsync(body, context.RequestAborted).AsTask();
    }
}
