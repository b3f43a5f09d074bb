using System.Text.Json;

namespace Custodian.Testing;

/// <summary>The reference data vendored in <c>tests/testdata</c> (identifier vectors, calendars; see its README).</summary>
public static class ReferenceData
{
    public static string Folder => Path.Combine(Repository.Root, "tests", "testdata");

    public static JsonDocument Load(string file) => JsonDocument.Parse(File.ReadAllText(Path.Combine(Folder, file)));
}
