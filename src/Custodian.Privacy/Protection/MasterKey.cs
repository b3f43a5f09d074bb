using System.Security.Cryptography;
using Custodian.Storage;
using Microsoft.Extensions.Configuration;

namespace Custodian.Privacy.Protection;

/// <summary>
/// The operator's 256-bit master key, which wraps the keys every instance shares (<see cref="SharedKeys"/>). Given as
/// a file (<c>Privacy:MasterKeyFile</c>, e.g. mounted from the orchestrator's secret store) or as the environment
/// variable <c>CUSTODIAN_MASTER_KEY</c>; either holds the key in base64, a file may also hold the 32 raw bytes.
/// Without either, each instance keeps its own keys in its key folder (<see cref="LocalKeyFiles"/>).
/// </summary>
public sealed class MasterKey : IDisposable
{
    public const string FileSetting = "Privacy:MasterKeyFile";
    public const string EnvironmentVariable = "CUSTODIAN_MASTER_KEY";
    public const int Length = 32;

    private readonly byte[] _key;

    private MasterKey(byte[] key, string setting) => (_key, Setting) = (key, setting);

    /// <summary>The setting the key came from; start-up messages name it.</summary>
    public string Setting { get; }

    internal ReadOnlySpan<byte> Key => _key;

    /// <summary>Both settings' names, for messages that ask for one of them.</summary>
    public static string Settings => $"{FileSetting} or {EnvironmentVariable}";

    /// <summary>The configured master key, or null when none is configured (the local key folder is used).</summary>
    /// <exception cref="SettingProblemException">Both are set, the file cannot be read, or the value is not a 256-bit key.</exception>
    public static MasterKey? Read(IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        var path = configuration[FileSetting];
        var value = configuration[EnvironmentVariable];
        if (string.IsNullOrWhiteSpace(path) && string.IsNullOrWhiteSpace(value))
        {
            return null;
        }

        if (!string.IsNullOrWhiteSpace(path) && !string.IsNullOrWhiteSpace(value))
        {
            throw new SettingProblemException(FileSetting, $"both {FileSetting} and {EnvironmentVariable} are set; give the master key one way only.");
        }

        if (!string.IsNullOrWhiteSpace(path))
        {
            byte[] content;
            try
            {
                content = File.ReadAllBytes(Path.GetFullPath(path));
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                throw new SettingProblemException(FileSetting, $"the master key file '{path}' cannot be read ({e.Message}).", e);
            }

            // 32 raw bytes, or base64 text (with a trailing newline from `openssl rand -base64 32 > file`).
            return content.Length == Length
                ? new MasterKey(content, FileSetting)
                : new MasterKey(Decode(System.Text.Encoding.ASCII.GetString(content), FileSetting, $"the master key file '{path}'"), FileSetting);
        }

        return new MasterKey(Decode(value!, EnvironmentVariable, "the value"), EnvironmentVariable);
    }

    /// <summary>A master key from a file other than the configured one (the new key of <c>custodian keys reseal</c>).</summary>
    public static MasterKey ReadFile(string path, string setting)
    {
        var settings = new ConfigurationBuilder().AddInMemoryCollection([new(FileSetting, path)]).Build();
        var key = Read(settings)!;
        return setting == FileSetting ? key : new MasterKey(key.Key.ToArray(), setting);
    }

    /// <summary>A new random master key (tests; operators use <c>openssl rand -base64 32</c>).</summary>
    public static MasterKey Create(string setting = FileSetting) => new(RandomNumberGenerator.GetBytes(Length), setting);

    internal static MasterKey FromBytes(ReadOnlySpan<byte> key, string setting) =>
        key.Length == Length ? new MasterKey(key.ToArray(), setting) : throw new ArgumentException("A master key is 32 bytes.", nameof(key));

    public void Dispose() => CryptographicOperations.ZeroMemory(_key);

    // The messages never echo the value: it is a secret even when it is malformed.
    private static byte[] Decode(string text, string setting, string what)
    {
        byte[] key;
        try
        {
            key = Convert.FromBase64String(text.Trim());
        }
        catch (FormatException e)
        {
            throw new SettingProblemException(setting, $"{what} is not base64; make a master key with: openssl rand -base64 32", e);
        }

        return key.Length == Length
            ? key
            : throw new SettingProblemException(setting, $"{what} holds {key.Length} bytes, a master key is 32 (256 bits); make one with: openssl rand -base64 32");
    }
}
