using System.Text.Json;
using Custodian.Privacy.Abstractions.Identifiers;
using Xunit;

namespace Custodian.Testing;

/// <summary>The reference data vendored in <c>tests/testdata</c> (identifier vectors, calendars; see its README).</summary>
public static class ReferenceData
{
    public static string Folder => Path.Combine(Repository.Root, "tests", "testdata");

    public static JsonDocument Load(string file) => JsonDocument.Parse(File.ReadAllText(Path.Combine(Folder, file)));

    /// <summary>Every "valid" vector of the file's section passes the check and every "invalid" one fails with a reason.</summary>
    public static void AssertJudgedAsListed(string file, string key, Func<string, IdentifierCheck> check)
    {
        ArgumentNullException.ThrowIfNull(check);
        using var vectors = Load(file);
        var section = vectors.RootElement.GetProperty(key);
        var valid = section.GetProperty("valid").EnumerateArray().Select(v => v.GetString()!).ToList();
        var invalid = section.GetProperty("invalid").EnumerateArray().Select(v => v.GetString()!).ToList();
        Assert.NotEmpty(valid);
        Assert.NotEmpty(invalid);

        Assert.All(valid, code => Assert.True(check(code).IsValid, $"{code}: {check(code).Reason}"));
        Assert.All(invalid, code =>
        {
            var judged = check(code);
            Assert.False(judged.IsValid, $"{code} was accepted");
            Assert.False(string.IsNullOrWhiteSpace(judged.Reason));
        });
    }
}
