using System.Globalization;
using YamlDotNet.RepresentationModel;

namespace Custodian.Privacy.Declarations;

/// <summary>
/// Typed reading of one YAML mapping that records what was read, so keys nobody asked for are reported as
/// unknown, and every problem carries the line of the key (or of the mapping when the key is missing).
/// </summary>
internal sealed class YamlMap(YamlMappingNode node, string file, string path, List<DeclarationProblem> problems, YamlMap.TextRules? rules = null)
{
    private readonly HashSet<string> _read = new(StringComparer.Ordinal);
    private readonly TextRules _rules = rules ?? new TextRules();

    public long Line => node.Start.Line;

    /// <summary>The entry's <c>id</c> as written, without marking it read (for cross-references).</summary>
    public string? Id => node.Children.TryGetValue(new YamlScalarNode("id"), out var id) ? (id as YamlScalarNode)?.Value : null;

    /// <summary>Whether this entry's <c>categories</c> list names <paramref name="category"/>.</summary>
    public bool References(string category) =>
        node.Children.TryGetValue(new YamlScalarNode("categories"), out var list) && list is YamlSequenceNode sequence
        && sequence.Children.Any(c => (c as YamlScalarNode)?.Value == category);

    /// <summary>
    /// From here on (this mapping and the ones read from it), every text must be written in English and in the law's
    /// own language (<see cref="DeclarationNames.OwnLanguage"/>): notices show each text in both.
    /// </summary>
    public void RequireTextsFor(Law law) => _rules.Law = law;

    public void Problem(string key, string message, YamlNode? at = null) =>
        problems.Add(new DeclarationProblem(file, at?.Start.Line ?? Line, Qualified(key), message));

    public string? String(string key, bool required = true) => Scalar(key, required)?.Value;

    public YamlMap? Map(string key, bool required = true)
    {
        var value = Value(key, required);
        if (value is null)
        {
            return null;
        }

        if (value is YamlMappingNode mapping)
        {
            return new YamlMap(mapping, file, Qualified(key), problems, _rules);
        }

        Problem(key, "must be a mapping (key: value lines)", value);
        return null;
    }

    /// <summary>A sequence of mappings, each named by its <c>id</c> (or <c>name</c>) in problem paths.</summary>
    public IReadOnlyList<YamlMap> Maps(string key, bool required = true)
    {
        if (Sequence(key, required) is not { } sequence)
        {
            return [];
        }

        var maps = new List<YamlMap>();
        for (var i = 0; i < sequence.Children.Count; i++)
        {
            if (sequence.Children[i] is YamlMappingNode mapping)
            {
                var name = mapping.Children.TryGetValue(new YamlScalarNode("id"), out var id) || mapping.Children.TryGetValue(new YamlScalarNode("name"), out id)
                    ? id switch
                    {
                        YamlScalarNode scalar => scalar.Value,
                        YamlMappingNode texts when texts.Children.TryGetValue(new YamlScalarNode("en"), out var english) => (english as YamlScalarNode)?.Value,
                        _ => null,
                    }
                    : null;
                maps.Add(new YamlMap(mapping, file, $"{Qualified(key)}[{name ?? i.ToString(CultureInfo.InvariantCulture)}]", problems, _rules));
            }
            else
            {
                Problem(key, "each entry must be a mapping", sequence.Children[i]);
            }
        }

        return maps;
    }

    public IReadOnlyList<string> Strings(string key, bool required = true)
    {
        var value = Value(key, required);
        switch (value)
        {
            case null:
                return [];
            case YamlSequenceNode sequence when sequence.Children.All(c => c is YamlScalarNode):
                return sequence.Children.Select(c => ((YamlScalarNode)c).Value ?? string.Empty).ToList();
            default:
                Problem(key, "must be a list of values", value);
                return [];
        }
    }

    /// <summary>Text as a plain string (English) or a mapping en / fi / ru; English is required, and the law's own language once set.</summary>
    public LocalisedText? Text(string key, bool required = true) => ReadText(key, Value(key, required));

    /// <summary>An e-mail or web address, which reads the same in every language, or else a text like <see cref="Text"/>.</summary>
    public LocalisedText? AddressOrText(string key, bool required = true)
    {
        var value = Value(key, required);
        return value is YamlScalarNode { Value: { } text } && IsAddress(text) ? LocalisedText.Same(text) : ReadText(key, value);
    }

    /// <summary>A list of texts, each a plain string or en / fi / ru.</summary>
    public IReadOnlyList<LocalisedText> Texts(string key, bool required = true)
    {
        if (Sequence(key, required) is not { } sequence)
        {
            return [];
        }

        return sequence.Children.Select(child => ReadText(key, child)).OfType<LocalisedText>().ToList();
    }

    /// <summary>An enum written in kebab-case (<c>last-activity</c> → LastActivity).</summary>
    public T? Enum<T>(string key, bool required = true)
        where T : struct, Enum
    {
        var scalar = Scalar(key, required);
        if (scalar?.Value is not { } text)
        {
            return null;
        }

        var wanted = text.Replace("-", "", StringComparison.Ordinal);
        foreach (var candidate in System.Enum.GetValues<T>())
        {
            if (string.Equals(candidate.ToString(), wanted, StringComparison.OrdinalIgnoreCase))
            {
                return candidate;
            }
        }

        Problem(key, $"'{text}' is not one of: {string.Join(", ", System.Enum.GetNames<T>().Select(DeclarationNames.Kebab))}", scalar);
        return null;
    }

    /// <summary>Reports keys present in the mapping that no reader asked for (typos, unsupported fields).</summary>
    public void RejectUnknownKeys()
    {
        foreach (var (key, _) in node.Children)
        {
            var name = (key as YamlScalarNode)?.Value ?? string.Empty;
            if (!_read.Contains(name))
            {
                Problem(name, $"is not a known key here (known: {string.Join(", ", _read.Order(StringComparer.Ordinal))})", key);
            }
        }
    }

    private LocalisedText? ReadText(string key, YamlNode? value)
    {
        switch (value)
        {
            case null:
                return null;
            case YamlScalarNode scalar when !string.IsNullOrWhiteSpace(scalar.Value):
                return InOwnLanguage(key, value, new LocalisedText(new Dictionary<string, string> { ["en"] = scalar.Value! }));
            case YamlMappingNode mapping:
                var texts = new Dictionary<string, string>(StringComparer.Ordinal);
                foreach (var (language, text) in mapping.Children)
                {
                    var code = (language as YamlScalarNode)?.Value ?? string.Empty;
                    if (code is not ("en" or "fi" or "ru"))
                    {
                        Problem($"{key}.{code}", "is not a language of this service (en, fi, ru)", language);
                    }
                    else if (text is YamlScalarNode { Value.Length: > 0 } t)
                    {
                        texts[code] = t.Value!;
                    }
                    else
                    {
                        Problem($"{key}.{code}", "must be a non-empty text", text);
                    }
                }

                if (texts.ContainsKey("en"))
                {
                    return InOwnLanguage(key, value, new LocalisedText(texts));
                }

                Problem(key, "needs an English text (en)", value);
                return null;
            default:
                Problem(key, "must be a text, or en / fi / ru texts", value);
                return null;
        }
    }

    /// <summary>Reports a text that lacks the register's own language (notices show it there); returns the text anyway.</summary>
    private LocalisedText InOwnLanguage(string key, YamlNode value, LocalisedText text)
    {
        if (_rules.Law is { } law && DeclarationNames.OwnLanguage(law) is var own && !text.Has(own))
        {
            var name = DeclarationNames.LanguageName(own);
            Problem(key, $"has no {name} text ({own}): the notice of a {DeclarationNames.Of(law)} register is shown in {name} and English, so write both (en: ..., {own}: ...)", value);
        }

        return text;
    }

    private static bool IsAddress(string text) =>
        Abstractions.Identifiers.Email.Check(text).IsValid
        || (Uri.TryCreate(text, UriKind.Absolute, out var uri) && uri.Scheme is "https" or "http" && !text.Contains(' ', StringComparison.Ordinal));

    private YamlSequenceNode? Sequence(string key, bool required)
    {
        var value = Value(key, required);
        if (value is null or YamlSequenceNode)
        {
            return value as YamlSequenceNode;
        }

        Problem(key, "must be a list", value);
        return null;
    }

    private YamlScalarNode? Scalar(string key, bool required)
    {
        var value = Value(key, required);
        if (value is null)
        {
            return null;
        }

        if (value is YamlScalarNode { Value.Length: > 0 } scalar)
        {
            return scalar;
        }

        Problem(key, "must be a single non-empty value", value);
        return null;
    }

    private YamlNode? Value(string key, bool required)
    {
        _read.Add(key);
        if (node.Children.TryGetValue(new YamlScalarNode(key), out var value) && value is not YamlScalarNode { Value: null or "" or "~" })
        {
            return value;
        }

        if (required)
        {
            Problem(key, "is missing");
        }

        return null;
    }

    private string Qualified(string key) => path.Length == 0 ? key : $"{path}.{key}";

    /// <summary>What texts must hold, shared by a register's root mapping and every mapping read from it.</summary>
    internal sealed class TextRules
    {
        public Law? Law { get; set; }
    }
}
