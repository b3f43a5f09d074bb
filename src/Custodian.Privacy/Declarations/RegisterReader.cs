using System.Globalization;
using System.Text.RegularExpressions;
using Custodian.Privacy.Abstractions.Identifiers;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace Custodian.Privacy.Declarations;

/// <summary>Reads one <c>registers/NAME.yaml</c> and checks it on its own; problems carry file:line and key.</summary>
internal static partial class RegisterReader
{
    public static readonly IReadOnlySet<string> KnownRights = new HashSet<string>(StringComparer.Ordinal)
    {
        "access", "rectification", "erasure", "restriction", "objection", "portability", "withdraw-consent", "complaint",
    };

    public static RegisterDeclaration? Read(string path, string displayName, List<DeclarationProblem> problems)
    {
        YamlMappingNode root;
        try
        {
            var stream = new YamlStream();
            using var reader = new StreamReader(path);
            stream.Load(reader);
            if (stream.Documents.Count != 1 || stream.Documents[0].RootNode is not YamlMappingNode mapping)
            {
                problems.Add(new DeclarationProblem(displayName, 1, "(file)", "must hold exactly one YAML mapping"));
                return null;
            }

            root = mapping;
        }
        catch (YamlException e)
        {
            problems.Add(new DeclarationProblem(displayName, e.Start.Line, "(syntax)", e.Message));
            return null;
        }

        var before = problems.Count;
        var map = new YamlMap(root, displayName, string.Empty, problems);
        var id = map.String("register");
        var expectedId = Path.GetFileNameWithoutExtension(path);
        if (id is not null && id != expectedId)
        {
            map.Problem("register", $"'{id}' must match the file name '{expectedId}'");
        }

        var law = ReadLaw(map);
        if (law is not null)
        {
            map.RequireTextsFor(law.Value);
        }

        var title = map.Text("title");
        var role = map.Enum<ProcessingRole>("role");
        var controllerMap = map.Map("controller");
        var processorMap = map.Map("processor", required: role == ProcessingRole.Processor);
        var controller = ReadParty(controllerMap, law, isOrganisation: role == ProcessingRole.Controller);
        var processor = ReadParty(processorMap, law, isOrganisation: role == ProcessingRole.Processor);
        if (role == ProcessingRole.Controller && processor is not null)
        {
            map.Problem("processor", "is only declared when role is processor (we process for the controller)");
        }

        var subjects = map.Texts("subjects");
        var categoryMaps = map.Maps("categories");
        var declared = categoryMaps.Select(c => (Map: c, Category: ReadCategory(c))).ToList();
        var categories = declared.Select(c => c.Category).OfType<DataCategory>().ToList();
        var ids = declared.Select(c => c.Map.Id).OfType<string>().ToHashSet(StringComparer.Ordinal);
        var special = categories.Where(c => c.Sensitivity == Sensitivity.Special).Select(c => c.Id).ToHashSet(StringComparer.Ordinal);
        var purposeMaps = map.Maps("purposes");
        var purposes = purposeMaps.Select(p => ReadPurpose(p, law, ids, special)).OfType<Purpose>().ToList();
        var sources = map.Maps("sources").Select(s => (s, Id: s.String("id"), Text: s.Text("description")))
            .Select(x => { x.s.RejectUnknownKeys(); return x.Id is null || x.Text is null ? null : new DataSource(x.Id, x.Text); })
            .OfType<DataSource>().ToList();
        var recipients = map.Maps("recipients").Select(r => ReadRecipient(r, ids)).OfType<Recipient>().ToList();
        var transfers = ReadTransfers(map.Map("transfers"), law);
        var security = map.Texts("security_measures");
        var rights = map.Strings("rights");
        var effective = ReadEffective(map, law);
        var channels = map.Texts("request_channels", required: false);
        foreach (var right in rights.Where(r => !KnownRights.Contains(r)))
        {
            map.Problem("rights", $"'{right}' is not a subject right this service handles ({string.Join(", ", KnownRights)})");
        }

        map.RejectUnknownKeys();
        CheckUniqueness(map, declared, purposeMaps);
        foreach (var (categoryMap, _) in declared.Where(c => c.Map.Id is { } id && !purposeMaps.Any(p => p.References(id))))
        {
            categoryMap.Problem("id", "no purpose uses this category: do not collect it, or name the purpose");
        }

        if (problems.Count > before || id is null || title is null || law is null || role is null || controller is null || transfers is null)
        {
            return null;
        }

        return new RegisterDeclaration(id, displayName, title, law.Value, role.Value, controller, processor, subjects, purposes, categories, sources, recipients, transfers, security, rights, effective, channels)
        {
            OrganisationLine = (role == ProcessingRole.Processor ? processorMap : controllerMap)?.Line ?? 1,
        };
    }

    private static Law? ReadLaw(YamlMap map)
    {
        var text = map.String("law");
        return text switch
        {
            null => null,
            "gdpr" => Law.Gdpr,
            "152-fz" or "152fz" => Law.Fz152,
            _ => Invalid(),
        };

        Law? Invalid()
        {
            map.Problem("law", $"'{text}' is not a law this service follows (gdpr, 152-fz)");
            return null;
        }
    }

    private static Party? ReadParty(YamlMap? map, Law? law, bool isOrganisation)
    {
        if (map is null)
        {
            return null;
        }

        var party = (map.Text("name"), map.Text("registration_id", required: false), map.Text("address"), map.AddressOrText("contact"), map.AddressOrText("protection_officer", required: false));
        var requisites = ReadRequisites(map, law, isOrganisation);
        if (requisites is not null && party.Item2 is not null)
        {
            map.Problem("registration_id", "is written from inn, kpp and ogrn for a Russian operator: leave it out");
        }

        map.RejectUnknownKeys();
        return party is ({ } name, var registration, { } address, { } contact, var officer)
            ? new Party(name, registration ?? requisites?.AsText(), address, contact, officer, requisites)
            : null;
    }

    /// <summary>
    /// INN, KPP and OGRN of the organisation a 152-FZ register names as us (controller, or processor): required, because
    /// the operator's processing policy (art. 18.1) states them and groups the operator's registers by the INN.
    /// </summary>
    private static RussianRequisites? ReadRequisites(YamlMap map, Law? law, bool isOrganisation)
    {
        var (inn, kpp, ogrn) = (map.String("inn", required: false), map.String("kpp", required: false), map.String("ogrn", required: false));
        if (law != Law.Fz152)
        {
            foreach (var (key, value) in new[] { ("inn", inn), ("kpp", kpp), ("ogrn", ogrn) }.Where(x => x.Item2 is not null))
            {
                map.Problem(key, "is a Russian requisite: only a 152-FZ register gives it (use registration_id for other numbers)");
            }

            return null;
        }

        if (inn is null && ogrn is null && kpp is null && !isOrganisation)
        {
            return null;
        }

        const string why = "the operator's personal-data processing policy (152-FZ art. 18.1) states the operator's INN and OGRN";
        if (inn is null)
        {
            map.Problem("inn", $"is required: {why}");
        }

        if (ogrn is null)
        {
            map.Problem("ogrn", $"is required: {why}");
        }

        var innCheck = inn is null ? null : Inn.Check(inn);
        if (innCheck is { IsValid: false })
        {
            map.Problem("inn", $"'{inn}' is not a valid INN: {innCheck.Reason}");
        }

        var entrepreneur = innCheck?.Normalised?.Length == 12;
        var ogrnCheck = ogrn is null ? null : entrepreneur ? Ogrn.CheckOgrnip(ogrn) : Ogrn.Check(ogrn);
        if (ogrnCheck is { IsValid: false })
        {
            map.Problem("ogrn", $"'{ogrn}' is not a valid {(entrepreneur ? "OGRNIP" : "OGRN")}: {ogrnCheck.Reason}");
        }

        var kppCheck = kpp is null ? null : Kpp.Check(kpp);
        if (kppCheck is { IsValid: false })
        {
            map.Problem("kpp", $"'{kpp}' is not a valid KPP: {kppCheck.Reason}");
        }
        else if (entrepreneur && kpp is not null)
        {
            map.Problem("kpp", "is only for an organisation: an entrepreneur (12-digit INN) has no KPP");
        }
        else if (innCheck is { IsValid: true } && !entrepreneur && kpp is null)
        {
            map.Problem("kpp", "is required for an organisation (10-digit INN): the policy states the operator's KPP");
        }

        return innCheck is { IsValid: true, Normalised: { } validInn } && ogrnCheck is { IsValid: true, Normalised: { } validOgrn } && (kpp is null || kppCheck is { IsValid: true })
            ? new RussianRequisites(validInn, kppCheck?.Normalised, validOgrn)
            : null;
    }

    private static DateOnly? ReadEffective(YamlMap map, Law? law)
    {
        var text = map.String("effective", required: false);
        if (text is null)
        {
            if (law == Law.Fz152)
            {
                map.Problem("effective", "is required for a 152-FZ register: the operator's policy states the date it takes effect (YYYY-MM-DD)");
            }

            return null;
        }

        if (DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date))
        {
            return date;
        }

        map.Problem("effective", $"'{text}' is not a date like 2026-12-07");
        return null;
    }

    private static DataCategory? ReadCategory(YamlMap map)
    {
        var id = map.String("id");
        var description = map.Text("description");
        var sensitivity = map.Enum<Sensitivity>("sensitivity");
        var fields = map.Strings("fields");
        if (fields.Count == 0)
        {
            map.Problem("fields", "must list at least one field");
        }

        var erasure = map.Enum<ErasureMethod>("erasure");
        var retention = ReadRetention(map.Map("retention"));
        map.RejectUnknownKeys();
        return id is null || description is null || sensitivity is null || erasure is null || retention is null
            ? null
            : new DataCategory(id, description, sensitivity.Value, fields, retention, erasure.Value);
    }

    private static RetentionRule? ReadRetention(YamlMap? map)
    {
        if (map is null)
        {
            return null;
        }

        var trigger = map.Enum<RetentionTrigger>("trigger");
        var periodText = map.String("period");
        var action = map.Enum<RetentionAction>("action");
        var note = map.Text("note", required: false);
        Period? period = null;
        if (periodText is not null)
        {
            period = ParsePeriod(periodText);
            if (period is null)
            {
                map.Problem("period", $"'{periodText}' is not a period like P3Y, P6M, P30D or P1Y6M");
            }
        }

        map.RejectUnknownKeys();
        return trigger is null || period is null || action is null ? null : new RetentionRule(trigger.Value, period, action.Value, note);
    }

    private static Purpose? ReadPurpose(YamlMap map, Law? law, HashSet<string> declared, HashSet<string> specialCategories)
    {
        var id = map.String("id");
        var description = map.Text("description");
        var basisCode = map.String("legal_basis");
        var specialCode = map.String("special_category_basis", required: false);
        var categories = map.Strings("categories");
        var basis = basisCode is null ? null : Basis(map, "legal_basis", basisCode, special: false);
        var special = specialCode is null ? null : Basis(map, "special_category_basis", specialCode, special: true);
        map.RejectUnknownKeys();
        if (law is not null && basis is not null && basis.Law != law)
        {
            map.Problem("legal_basis", $"'{basis.Code}' is not a basis under {DeclarationNames.Of(law.Value)}");
        }

        if (categories.Count == 0)
        {
            map.Problem("categories", "must name the categories the purpose uses");
        }

        foreach (var category in categories.Where(c => !declared.Contains(c)))
        {
            map.Problem("categories", $"category '{category}' is referenced but not declared");
        }

        var usesSpecial = categories.Where(specialCategories.Contains).ToList();
        if (usesSpecial.Count > 0 && specialCode is null)
        {
            map.Problem("special_category_basis", $"is missing: the purpose uses special categories ({string.Join(", ", usesSpecial)})");
        }

        return id is null || description is null || basis is null || (specialCode is not null && special is null)
            ? null
            : new Purpose(id, description, basis, special, categories);
    }

    private static LegalBasis? Basis(YamlMap map, string key, string code, bool special)
    {
        var basis = LegalBasis.Find(code);
        if (basis is null)
        {
            map.Problem(key, $"'{code}' is not a known legal basis ({string.Join(", ", LegalBasis.Codes)})");
        }
        else if (basis.ForSpecialCategories != special)
        {
            map.Problem(key, special
                ? $"'{code}' is not a basis for special categories (GDPR art. 9(2), 152-FZ art. 10(2))"
                : $"'{code}' is a special-category basis; give the art. 6 basis here and this one as special_category_basis");
            return null;
        }

        return basis;
    }

    private static Recipient? ReadRecipient(YamlMap map, HashSet<string> declared)
    {
        var recipient = (map.Text("name"), map.Text("role"), map.Text("purpose"), map.Text("location"), map.Strings("categories"));
        map.RejectUnknownKeys();
        foreach (var category in recipient.Item5.Where(c => !declared.Contains(c)))
        {
            map.Problem("categories", $"category '{category}' is referenced but not declared");
        }

        return recipient is ({ } name, { } role, { } purpose, { } location, var categories)
            ? new Recipient(name, role, purpose, location, categories)
            : null;
    }

    private static Transfers? ReadTransfers(YamlMap? map, Law? law)
    {
        if (map is null)
        {
            return null;
        }

        var outside = map.String("outside_territory");
        var statement = map.Text("statement");
        map.RejectUnknownKeys();
        if (outside is not null && outside != "none")
        {
            map.Problem("outside_territory", law == Law.Fz152
                ? "must be 'none': personal data of Russian citizens stays in Russia (152-FZ art. 18(5))"
                : "must be 'none': this service does not transfer personal data outside the EU/EEA");
        }

        return outside is null || statement is null ? null : new Transfers([], statement);
    }

    private static void CheckUniqueness(YamlMap map, List<(YamlMap Map, DataCategory? Category)> categories, IReadOnlyList<YamlMap> purposes)
    {
        foreach (var duplicate in categories.GroupBy(c => c.Map.Id).Where(g => g.Key is not null && g.Count() > 1))
        {
            map.Problem("categories", $"category '{duplicate.Key}' is declared twice");
        }

        foreach (var duplicate in purposes.GroupBy(p => p.Id).Where(g => g.Key is not null && g.Count() > 1))
        {
            map.Problem("purposes", $"purpose '{duplicate.Key}' is declared twice");
        }

        var fields = categories.Select(c => c.Category).OfType<DataCategory>().SelectMany(c => c.Fields.Select(f => (Field: f, Category: c.Id)));
        foreach (var field in fields.GroupBy(x => x.Field).Where(g => g.Count() > 1))
        {
            map.Problem("categories", $"field '{field.Key}' belongs to more than one category ({string.Join(", ", field.Select(x => x.Category))})");
        }
    }

    internal static Period? ParsePeriod(string text)
    {
        var match = PeriodPattern().Match(text);
        if (!match.Success || match.Groups.Values.Skip(1).All(g => !g.Success))
        {
            return null;
        }

        int Part(int group) => match.Groups[group].Success ? int.Parse(match.Groups[group].Value, CultureInfo.InvariantCulture) : 0;
        return new Period(Part(1), Part(2), Part(3));
    }

    [GeneratedRegex(@"^P(?:(\d{1,3})Y)?(?:(\d{1,3})M)?(?:(\d{1,4})D)?$")]
    private static partial Regex PeriodPattern();
}
