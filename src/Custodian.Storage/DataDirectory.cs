namespace Custodian.Storage;

/// <summary>
/// The folder for the embedded engines' files (SQLite, DuckDB, local keys): setting <c>Storage:DataDirectory</c>,
/// relative paths resolved against the content root.
/// </summary>
public sealed class DataDirectory
{
    public const string Setting = "Storage:DataDirectory";

    private DataDirectory(string path) => Path = path;

    public string Path { get; }

    public string File(string name) => System.IO.Path.Combine(Path, name);

    /// <summary>The folder's full path for a setting (without creating it): the CLI finds the running service's files there.</summary>
    public static string PathOf(string? configured, string contentRoot) =>
        System.IO.Path.GetFullPath(string.IsNullOrWhiteSpace(configured) ? "data" : configured, contentRoot);

    /// <summary>Creates the folder if needed and proves it is writable, or fails naming the setting.</summary>
    public static DataDirectory Prepare(string? configured, string contentRoot)
    {
        var path = PathOf(configured, contentRoot);
        try
        {
            if (!Directory.Exists(path))
            {
                // The databases and keys live here: a folder Custodian creates is for its own user only.
                Directory.CreateDirectory(path, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
            }

            var probe = System.IO.Path.Combine(path, $".write-probe-{Guid.NewGuid():N}");
            System.IO.File.WriteAllBytes(probe, []);
            System.IO.File.Delete(probe);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new SettingProblemException(Setting, $"the folder '{path}' cannot be created or written ({e.Message}).", e);
        }

        return new DataDirectory(path);
    }
}
