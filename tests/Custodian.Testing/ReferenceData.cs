using System.Text.Json;
using Xunit;

namespace Custodian.Testing;

/// <summary>The shared reference data in ../shared/testdata beside the checkout (identifier vectors, calendars).</summary>
public static class ReferenceData
{
    public static string Folder => Path.GetFullPath(Path.Combine(Repository.Root, "..", "shared", "testdata"));

    public static JsonDocument Load(string file)
    {
        var path = Path.Combine(Folder, file);
        if (!File.Exists(path))
        {
            if (RequiredServer.InCi)
            {
                Assert.Fail($"CI=true but the reference data {path} is missing.");
            }

            Assert.Skip($"Skipped: reference data {path} is not beside this checkout.");
        }

        return JsonDocument.Parse(File.ReadAllText(path));
    }
}
