using Custodian.Privacy.Abstractions.Identifiers;
using Custodian.Testing;

namespace Custodian.Privacy.Tests.Identifiers;

/// <summary>Every vector in tests/testdata/identifiers.json.</summary>
public sealed class ReferenceVectorTests
{
    [Theory]
    [InlineData("hetu")]
    [InlineData("ytunnus")]
    [InlineData("inn")]
    [InlineData("kpp")]
    [InlineData("ogrn")]
    public void Every_reference_vector_is_judged_as_listed(string key) =>
        ReferenceData.AssertJudgedAsListed("identifiers.json", key, code => Check(key, code));

    // The "ogrn" vectors hold both OGRN (13 digits) and OGRNIP (15 digits).
    private static IdentifierCheck Check(string key, string code) => key switch
    {
        "hetu" => Hetu.Check(code),
        "ytunnus" => YTunnus.Check(code),
        "inn" => Inn.Check(code),
        "kpp" => Kpp.Check(code),
        _ => code.Length == 15 ? Ogrn.CheckOgrnip(code) : Ogrn.Check(code),
    };
}
