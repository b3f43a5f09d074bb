namespace Custodian.Privacy.Declarations;

/// <summary>
/// A legal basis by its article: GDPR art. 6(1)(a-f) and art. 9(2)(a-j); 152-FZ art. 6 part 1 items 1-11 and
/// art. 10 part 2 items for special categories. Written in declarations as e.g. <c>gdpr-6-1-b</c>, <c>152fz-6-1-5</c>.
/// </summary>
public sealed record LegalBasis(string Code, Law Law, bool ForSpecialCategories, string Description)
{
    private static readonly Dictionary<string, LegalBasis> Known = new List<LegalBasis>
    {
        new("gdpr-6-1-a", Law.Gdpr, false, "GDPR art. 6(1)(a): consent"),
        new("gdpr-6-1-b", Law.Gdpr, false, "GDPR art. 6(1)(b): contract with the data subject"),
        new("gdpr-6-1-c", Law.Gdpr, false, "GDPR art. 6(1)(c): legal obligation"),
        new("gdpr-6-1-d", Law.Gdpr, false, "GDPR art. 6(1)(d): vital interests"),
        new("gdpr-6-1-e", Law.Gdpr, false, "GDPR art. 6(1)(e): public task"),
        new("gdpr-6-1-f", Law.Gdpr, false, "GDPR art. 6(1)(f): legitimate interests"),
        new("gdpr-9-2-a", Law.Gdpr, true, "GDPR art. 9(2)(a): explicit consent"),
        new("gdpr-9-2-b", Law.Gdpr, true, "GDPR art. 9(2)(b): employment and social security law"),
        new("gdpr-9-2-f", Law.Gdpr, true, "GDPR art. 9(2)(f): legal claims"),
        new("gdpr-9-2-g", Law.Gdpr, true, "GDPR art. 9(2)(g): substantial public interest"),
        new("gdpr-9-2-h", Law.Gdpr, true, "GDPR art. 9(2)(h): health or social care"),
        new("152fz-6-1-1", Law.Fz152, false, "152-FZ art. 6(1)(1): consent of the subject"),
        new("152fz-6-1-2", Law.Fz152, false, "152-FZ art. 6(1)(2): functions and duties imposed by law"),
        new("152fz-6-1-5", Law.Fz152, false, "152-FZ art. 6(1)(5): contract with the subject"),
        new("152fz-6-1-7", Law.Fz152, false, "152-FZ art. 6(1)(7): rights and legitimate interests of the operator"),
        new("152fz-10-2-1", Law.Fz152, true, "152-FZ art. 10(2)(1): written consent for special categories"),
    }.ToDictionary(b => b.Code, StringComparer.Ordinal);

    public static IReadOnlyCollection<string> Codes => Known.Keys;

    public static LegalBasis? Find(string code) => Known.GetValueOrDefault(code);
}
