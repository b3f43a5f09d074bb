using System.Buffers.Text;
using System.Globalization;
using System.Text;
using System.Text.Json;
using static Custodian.Modules.Marketplace.Collection.MarketplaceValues;

namespace Custodian.Modules.Marketplace.Collection;

/// <summary>
/// A property a row mapper reads, known in advance so a streaming reader can keep just the wanted values. Every field
/// gets a process-wide index; <see cref="StreamedRow"/> finds a property's field by its UTF-8 name.
/// </summary>
internal sealed class JsonField
{
    private static readonly Dictionary<string, JsonField> Registered = new(StringComparer.Ordinal);

    private JsonField(string name, int index)
    {
        Name = name;
        Utf8 = Encoding.UTF8.GetBytes(name);
        Index = index;
    }

    public string Name { get; }

    public byte[] Utf8 { get; }

    public int Index { get; }

    public static JsonField Of(string name)
    {
        lock (Registered)
        {
            if (!Registered.TryGetValue(name, out var field))
            {
                Registered[name] = field = new JsonField(name, Registered.Count);
            }

            return field;
        }
    }

}

/// <summary>
/// The values of one JSON row as the mappers read them, with the rules of <see cref="MarketplaceValues"/>: one
/// implementation over a <see cref="JsonElement"/>, one over a streamed page (no document, no copies of unwanted values).
/// </summary>
internal interface IJsonRow
{
    string Text(JsonField field);

    decimal Money(JsonField field);

    long Integer(JsonField field);

    bool Flag(JsonField field);

    DateTime? MoscowTime(JsonField field);
}

internal static class JsonRowExtensions
{
    public static string RequiredText<TRow>(this TRow row, JsonField field)
        where TRow : IJsonRow => row.Text(field) is { Length: > 0 } text ? text : throw new RowRejectedException(field.Name);

    public static DateTime RequiredMoscowTime<TRow>(this TRow row, JsonField field)
        where TRow : IJsonRow => row.MoscowTime(field) ?? throw new RowRejectedException(field.Name);
}

/// <summary>A row of a parsed document.</summary>
internal readonly struct ElementRow(JsonElement element) : IJsonRow
{
    public string Text(JsonField field) => MarketplaceValues.Text(element, field.Name);

    public decimal Money(JsonField field) => MarketplaceValues.Money(element, field.Name);

    public long Integer(JsonField field) => MarketplaceValues.Integer(element, field.Name);

    public bool Flag(JsonField field) => MarketplaceValues.Flag(element, field.Name);

    public DateTime? MoscowTime(JsonField field) => MarketplaceValues.MoscowTime(element, field.Name);
}

/// <summary>
/// A row read by a forward-only pass over a page: for each wanted property, where its value token lies in the page
/// (and its kind); conversions re-read that one token with <see cref="Utf8JsonReader"/>, so they give exactly what
/// <see cref="ElementRow"/> gives. Reused for every row of a page.
/// </summary>
internal sealed class StreamedRow(IReadOnlyCollection<JsonField> wanted) : IJsonRow
{
    private readonly JsonTokenType[] _kinds = new JsonTokenType[wanted.Max(f => f.Index) + 1];
    private readonly int[] _starts = new int[wanted.Max(f => f.Index) + 1];
    private readonly int[] _ends = new int[wanted.Max(f => f.Index) + 1];
    private readonly int[] _seen = new int[wanted.Max(f => f.Index) + 1];
    private readonly bool[] _escaped = new bool[wanted.Max(f => f.Index) + 1];
    private readonly bool[] _wanted = wanted.Aggregate(new bool[wanted.Max(f => f.Index) + 1], (flags, f) => { flags[f.Index] = true; return flags; });
    private readonly Dictionary<int, List<JsonField>> _byHash = wanted.GroupBy(f => Hash(f.Utf8)).ToDictionary(g => g.Key, g => g.ToList());
    private readonly RepeatedTexts _texts = new(wanted.Max(f => f.Index) + 1);
    private byte[] _page = [];
    private int _row;

    /// <summary>
    /// Reads the array of row objects in <paramref name="page"/>, calling <paramref name="onRow"/> for each object and
    /// <paramref name="onOther"/> for each element that is not one. Malformed JSON throws <see cref="JsonException"/>.
    /// </summary>
    public void ReadArray(byte[] page, Action<StreamedRow> onRow, Action onOther)
    {
        _page = page;
        var reader = new Utf8JsonReader(page);
        if (!reader.Read() || reader.TokenType != JsonTokenType.StartArray)
        {
            throw new JsonException("The page is not a JSON array.");
        }

        while (reader.Read() && reader.TokenType != JsonTokenType.EndArray)
        {
            if (reader.TokenType != JsonTokenType.StartObject)
            {
                reader.Skip();
                onOther();
                continue;
            }

            _row++;
            var ordinal = 0;
            while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
            {
                var field = reader.ValueIsEscaped ? Find(Encoding.UTF8.GetBytes(reader.GetString()!)) : FindAt(ordinal, reader.ValueSpan);
                ordinal++;
                reader.Read();
                var start = (int)reader.TokenStartIndex;
                var kind = reader.TokenType;
                var escaped = reader.ValueIsEscaped;
                reader.Skip();
                if (field is not null && _seen[field.Index] != _row)
                {
                    (_seen[field.Index], _kinds[field.Index], _starts[field.Index], _ends[field.Index], _escaped[field.Index]) = (_row, kind, start, (int)reader.BytesConsumed, escaped);
                }
            }

            onRow(this);
        }

        if (reader.TokenType != JsonTokenType.EndArray || reader.Read())
        {
            throw new JsonException("The page does not end after its array.");
        }
    }

    public string Text(JsonField field) => Kind(field) switch
    {
        JsonTokenType.String when !_escaped[field.Index] => _texts.Get(field.Index, _page.AsSpan(_starts[field.Index] + 1, _ends[field.Index] - _starts[field.Index] - 2)),
        JsonTokenType.String => Token(field).GetString()!,
        JsonTokenType.Number => Encoding.UTF8.GetString(Raw(field)),
        _ => string.Empty,
    };

    // Numbers: the reader's own parser (Utf8Parser) on the raw bytes first; anything it leaves goes through the reader itself.
    public decimal Money(JsonField field) => Kind(field) switch
    {
        JsonTokenType.None or JsonTokenType.Null => 0m,
        JsonTokenType.Number when Utf8Parser.TryParse(Raw(field), out decimal plain, out var used) && used == Raw(field).Length => plain,
        JsonTokenType.Number when Token(field).TryGetDecimal(out var number) => number,
        JsonTokenType.String when decimal.TryParse(Token(field).GetString(), NumberStyles.Number, CultureInfo.InvariantCulture, out var parsed) => parsed,
        _ => throw new RowRejectedException(field.Name),
    };

    public long Integer(JsonField field) => Kind(field) switch
    {
        JsonTokenType.None or JsonTokenType.Null => 0L,
        JsonTokenType.Number when Utf8Parser.TryParse(Raw(field), out long plain, out var used) && used == Raw(field).Length => plain,
        JsonTokenType.Number when Token(field).TryGetInt64(out var number) => number,
        JsonTokenType.String when long.TryParse(Token(field).GetString(), NumberStyles.Integer, CultureInfo.InvariantCulture, out var parsed) => parsed,
        _ => throw new RowRejectedException(field.Name),
    };

    public bool Flag(JsonField field) => Kind(field) == JsonTokenType.True;

    public DateTime? MoscowTime(JsonField field)
    {
        // Most times come as exactly yyyy-MM-ddTHH:mm:ss (Moscow, no offset): read those without making a string.
        if (Kind(field) == JsonTokenType.String && _ends[field.Index] - _starts[field.Index] == 21 && TryPlainMoscowTime(_page.AsSpan(_starts[field.Index] + 1, 19), out var fast))
        {
            return fast;
        }

        return MoscowTimeOf(Text(field), field.Name);
    }

    /// <summary>The kind of the field's value in the current row (None when absent); a field not asked for at construction is a programming error.</summary>
    private JsonTokenType Kind(JsonField field) => field.Index < _wanted.Length && _wanted[field.Index]
        ? (_seen[field.Index] == _row ? _kinds[field.Index] : JsonTokenType.None)
        : throw new NotSupportedException($"The streamed row was not asked to keep {field.Name}.");

    private ReadOnlySpan<byte> Raw(JsonField field) => _page.AsSpan(_starts[field.Index], _ends[field.Index] - _starts[field.Index]);

    private Utf8JsonReader Token(JsonField field)
    {
        var reader = new Utf8JsonReader(_page.AsSpan(_starts[field.Index], _ends[field.Index] - _starts[field.Index]));
        reader.Read();
        return reader;
    }

    /// <summary>
    /// Rows of a page list their properties in the same order: the name at each position is checked against the one
    /// seen there before (one comparison) and looked up only when it differs.
    /// </summary>
    private JsonField? FindAt(int ordinal, ReadOnlySpan<byte> name)
    {
        if (ordinal < _layout.Count && name.SequenceEqual(_layout[ordinal].Name))
        {
            return _layout[ordinal].Field;
        }

        var field = Find(name);
        if (ordinal < MaxLayout)
        {
            var entry = (name.ToArray(), field);
            if (ordinal < _layout.Count)
            {
                _layout[ordinal] = entry;
            }
            else if (ordinal == _layout.Count)
            {
                _layout.Add(entry);
            }
        }

        return field;
    }

    private const int MaxLayout = 256;
    private readonly List<(byte[] Name, JsonField? Field)> _layout = [];

    private JsonField? Find(ReadOnlySpan<byte> name)
    {
        if (_byHash.TryGetValue(Hash(name), out var candidates))
        {
            foreach (var candidate in candidates)
            {
                if (name.SequenceEqual(candidate.Utf8))
                {
                    return candidate;
                }
            }
        }

        return null;
    }

    private static int Hash(ReadOnlySpan<byte> name)
    {
        var hash = 2_166_136_261u;
        foreach (var b in name)
        {
            hash = unchecked((hash ^ b) * 16_777_619u);
        }

        return (int)hash;
    }

    /// <summary>Reads yyyy-MM-ddTHH:mm:ss of plain digits as a UTC instant (null: year 1 means "never"); false when it is not that shape.</summary>
    private static bool TryPlainMoscowTime(ReadOnlySpan<byte> s, out DateTime? utc)
    {
        utc = null;
        if (s[4] != '-' || s[7] != '-' || s[10] != 'T' || s[13] != ':' || s[16] != ':')
        {
            return false;
        }

        var (year, month, day, hour, minute, second) = (Digits(s, 0, 4), Digits(s, 5, 2), Digits(s, 8, 2), Digits(s, 11, 2), Digits(s, 14, 2), Digits(s, 17, 2));
        if (year == 1 && month == 1 && day == 1)
        {
            return true;
        }

        if (year < 1 || month is < 1 or > 12 || day < 1 || day > DateTime.DaysInMonth(year, month) || hour is < 0 or > 23 || minute is < 0 or > 59 || second is < 0 or > 59)
        {
            return false; // not a valid time of this shape: the general rules decide (and reject it)
        }

        utc = DateTime.SpecifyKind(new DateTime(year, month, day, hour, minute, second, DateTimeKind.Unspecified) - MoscowOffset, DateTimeKind.Utc);
        return true;
    }

    /// <summary>The number in <paramref name="count"/> ASCII digits at <paramref name="at"/>, or -1.</summary>
    private static int Digits(ReadOnlySpan<byte> s, int at, int count)
    {
        var value = 0;
        for (var i = at; i < at + count; i++)
        {
            var digit = s[i] - '0';
            if (digit is < 0 or > 9)
            {
                return -1;
            }

            value = (value * 10) + digit;
        }

        return value;
    }
}

/// <summary>
/// Strings of a page that repeat (warehouse, region, brand, article…) made once: per field, a small table from UTF-8
/// bytes to the string. A field whose values mostly differ (an order id) stops being looked up after a sample.
/// </summary>
internal sealed class RepeatedTexts(int fields)
{
    private const int Sample = 2000;
    private const int MaxEntries = 4096;
    private const int MaxLength = 128;
    private readonly Dictionary<int, List<(byte[] Utf8, string Text)>>?[] _tables = new Dictionary<int, List<(byte[], string)>>?[fields];
    private readonly int[] _lookups = new int[fields];
    private readonly int[] _hits = new int[fields];
    private readonly bool[] _off = new bool[fields];

    public string Get(int field, ReadOnlySpan<byte> utf8)
    {
        if (_off[field] || utf8.Length > MaxLength)
        {
            return Encoding.UTF8.GetString(utf8);
        }

        var table = _tables[field] ??= [];
        var hash = 2_166_136_261u;
        foreach (var b in utf8)
        {
            hash = unchecked((hash ^ b) * 16_777_619u);
        }

        if (++_lookups[field] == Sample && _hits[field] < Sample / 2)
        {
            _off[field] = true; // mostly distinct values: caching costs more than it saves
        }

        if (table.TryGetValue((int)hash, out var bucket))
        {
            foreach (var (bytes, text) in bucket)
            {
                if (utf8.SequenceEqual(bytes))
                {
                    _hits[field]++;
                    return text;
                }
            }
        }

        var made = Encoding.UTF8.GetString(utf8);
        if (table.Count < MaxEntries)
        {
            (bucket ??= table[(int)hash] = []).Add((utf8.ToArray(), made));
        }

        return made;
    }
}
