using System.Globalization;

namespace Custodian.Modules.Marketplace.Abc;

/// <summary>Where the A and B classes end, in percent of the total (C is the rest): 80 / 15 / 5 unless the seller changes it.</summary>
internal sealed record AbcShares(decimal A, decimal B)
{
    public static readonly AbcShares Default = new(80m, 15m);

    /// <summary>Reads <c>abc_a</c> and <c>abc_b</c>; values that do not make sense (A 1–99, B 0–(100 − A)) fall back to the default.</summary>
    public static AbcShares Parse(Func<string, string?> query)
    {
        static decimal? Number(string? text) => decimal.TryParse(text, NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var n) ? n : null;
        var (a, b) = (Number(query("abc_a")) ?? Default.A, Number(query("abc_b")) ?? Default.B);
        return a is >= 1m and <= 99m && b >= 0m && a + b <= 100m ? new AbcShares(a, b) : Default;
    }
}

/// <summary>
/// ABC classes: items sorted by value, largest first; an item is A while the items up to it hold at most A % of the
/// total (the largest is always A), B while at most A + B %, otherwise C. Items of no positive value (no revenue, a loss) are C.
/// </summary>
internal static class AbcAnalysis
{
    public static IReadOnlyDictionary<TKey, char> Classify<TKey>(IEnumerable<(TKey Key, decimal Value)> items, AbcShares shares) where TKey : notnull
    {
        var list = items.ToList();
        var total = list.Where(i => i.Value > 0m).Sum(i => i.Value);
        var classes = new Dictionary<TKey, char>();
        var before = 0m;
        foreach (var (key, value) in list.OrderByDescending(i => i.Value))
        {
            if (value <= 0m || total <= 0m)
            {
                classes[key] = 'C';
                continue;
            }

            var share = 100m * (before + value) / total;
            classes[key] = share <= shares.A || before == 0m ? 'A' : share <= shares.A + shares.B ? 'B' : 'C';
            before += value;
        }

        return classes;
    }
}
