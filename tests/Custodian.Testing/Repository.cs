namespace Custodian.Testing;

public static class Repository
{
    /// <summary>The checkout root: the folder above the test binaries that holds Custodian.slnx.</summary>
    public static string Root { get; } = FindRoot();

    public static string Src => Path.Combine(Root, "src");

    private static string FindRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Custodian.slnx")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException("Custodian.slnx not found above " + AppContext.BaseDirectory);
    }
}
