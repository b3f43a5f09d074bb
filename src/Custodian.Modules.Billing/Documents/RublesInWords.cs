namespace Custodian.Modules.Billing.Documents;

/// <summary>
/// An amount in rubles as Russian invoices write it: the rubles in words with the noun in the right case, the
/// kopecks as two digits with theirs — «Одна тысяча двести тридцать четыре рубля 56 копеек». Thousands are feminine
/// (одна тысяча, две тысячи), rubles and the larger orders masculine.
/// </summary>
internal static class RublesInWords
{
    /// <summary>Up to 999 999 999 999 999.99 rubles.</summary>
    public const decimal Maximum = 999_999_999_999_999.99m;

    private static readonly string[] UnitsMasculine = ["", "один", "два", "три", "четыре", "пять", "шесть", "семь", "восемь", "девять"];
    private static readonly string[] UnitsFeminine = ["", "одна", "две", "три", "четыре", "пять", "шесть", "семь", "восемь", "девять"];
    private static readonly string[] Teens = ["десять", "одиннадцать", "двенадцать", "тринадцать", "четырнадцать", "пятнадцать", "шестнадцать", "семнадцать", "восемнадцать", "девятнадцать"];
    private static readonly string[] Tens = ["", "", "двадцать", "тридцать", "сорок", "пятьдесят", "шестьдесят", "семьдесят", "восемьдесят", "девяносто"];
    private static readonly string[] Hundreds = ["", "сто", "двести", "триста", "четыреста", "пятьсот", "шестьсот", "семьсот", "восемьсот", "девятьсот"];

    // One, few (2-4), many (0, 5-20, 11-14): the three forms a Russian noun takes after a number.
    private static readonly (string One, string Few, string Many, bool Feminine)[] Orders =
    [
        ("рубль", "рубля", "рублей", false),
        ("тысяча", "тысячи", "тысяч", true),
        ("миллион", "миллиона", "миллионов", false),
        ("миллиард", "миллиарда", "миллиардов", false),
        ("триллион", "триллиона", "триллионов", false),
    ];

    /// <summary>The amount in words, or why it cannot be written (negative, more than two decimals, too large).</summary>
    public static (string? Words, string? Problem) TryFormat(decimal amount)
    {
        if (amount < 0)
        {
            return (null, "The amount must not be negative.");
        }

        if (amount > Maximum)
        {
            return (null, "The amount is too large: at most 999 999 999 999 999.99.");
        }

        if (decimal.Round(amount, 2) != amount)
        {
            return (null, "The amount has more than two decimals: kopecks are whole.");
        }

        var rubles = (long)decimal.Truncate(amount);
        var kopecks = (int)((amount - rubles) * 100);
        var words = new List<string>();
        if (rubles == 0)
        {
            words.Add("ноль");
        }

        var groups = new List<int>();
        for (var rest = rubles; rest > 0; rest /= 1000)
        {
            groups.Add((int)(rest % 1000));
        }

        for (var order = groups.Count - 1; order >= 1; order--)
        {
            if (groups[order] == 0)
            {
                continue;
            }

            words.AddRange(Triple(groups[order], Orders[order].Feminine));
            words.Add(Form(groups[order], Orders[order].One, Orders[order].Few, Orders[order].Many));
        }

        if (groups.Count > 0)
        {
            words.AddRange(Triple(groups[0], feminine: false));
        }

        words.Add(Form(rubles, "рубль", "рубля", "рублей"));
        var text = string.Join(' ', words.Where(w => w.Length > 0));
        text = char.ToUpperInvariant(text[0]) + text[1..];
        return ($"{text} {kopecks:00} {Form(kopecks, "копейка", "копейки", "копеек")}", null);
    }

    public static string Format(decimal amount) => TryFormat(amount) is { Words: { } words } ? words : throw new ArgumentOutOfRangeException(nameof(amount), amount, TryFormat(amount).Problem);

    /// <summary>The noun's form after <paramref name="number"/>: 1, 21, 101 → one; 2-4, 22-24 → few; the rest (and 11-14) → many.</summary>
    public static string Form(long number, string one, string few, string many) => (number % 100, number % 10) switch
    {
        ( >= 11 and <= 14, _) => many,
        (_, 1) => one,
        (_, >= 2 and <= 4) => few,
        _ => many,
    };

    private static IEnumerable<string> Triple(int value, bool feminine)
    {
        yield return Hundreds[value / 100];
        var lastTwo = value % 100;
        if (lastTwo is >= 10 and <= 19)
        {
            yield return Teens[lastTwo - 10];
            yield break;
        }

        yield return Tens[lastTwo / 10];
        yield return (feminine ? UnitsFeminine : UnitsMasculine)[lastTwo % 10];
    }
}
