using System.Text.Json;

namespace Custodian.Web.Platform;

/// <summary>
/// Where the running service tells the CLI how to reach its operator channel (ADR 0014): <c>operator-channel.json</c>
/// in the data folder, readable by the service's user only (0600), written when Kestrel listens and removed when the
/// service stops. The secret is new at every start, so a file left by a killed service opens nothing.
/// </summary>
public sealed record OperatorChannelFile(Uri Url, string Secret, int ProcessId)
{
    public const string FileName = "operator-channel.json";

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    /// <summary>Writes the file atomically (a reader never sees half of it) with mode 0600 from the start.</summary>
    public void Write(string dataFolder)
    {
        var temporary = Path.Combine(dataFolder, $".{FileName}.{Guid.NewGuid():N}");
        using (var stream = new FileStream(temporary, new FileStreamOptions
        {
            Mode = FileMode.CreateNew,
            Access = FileAccess.Write,
            UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite,
        }))
        {
            JsonSerializer.Serialize(stream, this, Json);
        }

        File.Move(temporary, Path.Combine(dataFolder, FileName), overwrite: true);
    }

    /// <summary>The channel published in <paramref name="dataFolder"/>, or null when no service has published one (or it cannot be read).</summary>
    public static OperatorChannelFile? TryRead(string dataFolder)
    {
        try
        {
            var file = JsonSerializer.Deserialize<OperatorChannelFile>(File.ReadAllBytes(Path.Combine(dataFolder, FileName)), Json);
            return file is { Url.IsAbsoluteUri: true, Secret.Length: > 0 } ? file : null;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or JsonException)
        {
            return null;
        }
    }

    /// <summary>Removes the file if it is still this service's (another service may have started on the folder since).</summary>
    public static void Withdraw(string dataFolder, string secret)
    {
        if (TryRead(dataFolder) is { } published && published.Secret == secret)
        {
            File.Delete(Path.Combine(dataFolder, FileName));
        }
    }
}
