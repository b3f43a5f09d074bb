using Custodian.Modules.Billing.Documents;
using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;

namespace Custodian.Modules.Billing.Tests;

/// <summary>Amounts in words as Russian invoices write them.</summary>
public sealed class RublesInWordsTests
{
    [Theory]
    [InlineData("1234.56", "Одна тысяча двести тридцать четыре рубля 56 копеек")]
    [InlineData("0", "Ноль рублей 00 копеек")]
    [InlineData("0.01", "Ноль рублей 01 копейка")]
    [InlineData("1", "Один рубль 00 копеек")]
    [InlineData("2.02", "Два рубля 02 копейки")]
    [InlineData("5.21", "Пять рублей 21 копейка")]
    [InlineData("11.11", "Одиннадцать рублей 11 копеек")]
    [InlineData("21", "Двадцать один рубль 00 копеек")]
    [InlineData("112", "Сто двенадцать рублей 00 копеек")]
    [InlineData("1000", "Одна тысяча рублей 00 копеек")]
    [InlineData("2000", "Две тысячи рублей 00 копеек")]
    [InlineData("5000", "Пять тысяч рублей 00 копеек")]
    [InlineData("11000", "Одиннадцать тысяч рублей 00 копеек")]
    [InlineData("21000", "Двадцать одна тысяча рублей 00 копеек")]
    [InlineData("1000000", "Один миллион рублей 00 копеек")]
    [InlineData("2001001", "Два миллиона одна тысяча один рубль 00 копеек")]
    [InlineData("14990.00", "Четырнадцать тысяч девятьсот девяносто рублей 00 копеек")]
    [InlineData("1000000000.99", "Один миллиард рублей 99 копеек")]
    [InlineData("999999999999999.99", "Девятьсот девяносто девять триллионов девятьсот девяносто девять миллиардов девятьсот девяносто девять миллионов девятьсот девяносто девять тысяч девятьсот девяносто девять рублей 99 копеек")]
    public void An_amount_is_written_as_invoices_write_it(string amount, string words) =>
        Assert.Equal(words, RublesInWords.Format(decimal.Parse(amount, System.Globalization.CultureInfo.InvariantCulture)));

    [Theory]
    [InlineData("-1", "The amount must not be negative.")]
    [InlineData("1.005", "The amount has more than two decimals: kopecks are whole.")]
    [InlineData("1000000000000000", "The amount is too large: at most 999 999 999 999 999.99.")]
    public void An_amount_that_cannot_be_written_says_why(string amount, string problem) =>
        Assert.Equal((null, problem), RublesInWords.TryFormat(decimal.Parse(amount, System.Globalization.CultureInfo.InvariantCulture)));

    private static Arbitrary<decimal> Amounts() =>
        (from rubles in Gen.OneOf(Gen.Choose(0, 9999).Select(i => (long)i), Gen.Choose(0, int.MaxValue).Select(i => (long)i), Gen.Choose(0, int.MaxValue).Select(i => (long)i * 465_661))
         from kopecks in Gen.Choose(0, 99)
         select rubles + (kopecks / 100m)).ToArbitrary();

    [Property(MaxTest = 500)]
    public Property The_words_read_back_as_the_amount_with_nouns_in_the_case_their_numbers_ask_for() =>
        Prop.ForAll(Amounts(), amount =>
        {
            var words = RublesInWords.Format(amount);
            var parts = words.Split(' ');
            Assert.True(char.IsUpper(words[0]), words);
            Assert.Matches(@" \d\d копе(йка|йки|ек)$", words);
            Assert.Equal(amount, Read(parts));
            var rubles = (long)decimal.Truncate(amount);
            var kopecks = (int)((amount - rubles) * 100);
            Assert.Equal(RublesInWords.Form(rubles, "рубль", "рубля", "рублей"), parts[^3]);
            Assert.Equal(RublesInWords.Form(kopecks, "копейка", "копейки", "копеек"), parts[^1]);
            Assert.DoesNotContain("  ", words, StringComparison.Ordinal);
        });

    [Property(MaxTest = 200)]
    public Property Thousands_are_feminine_and_the_rest_masculine() =>
        Prop.ForAll(Gen.Choose(1, 999).ToArbitrary(), thousands =>
        {
            var words = RublesInWords.Format((thousands * 1000) + 1);
            Assert.DoesNotContain("один тысяч", words, StringComparison.OrdinalIgnoreCase);
            Assert.DoesNotContain("два тысяч", words, StringComparison.OrdinalIgnoreCase);
            Assert.EndsWith("один рубль 00 копеек", words, StringComparison.Ordinal);
        });

    /// <summary>An independent reading of the words back into a number (what a reader of the invoice does).</summary>
    private static decimal Read(string[] parts)
    {
        var values = new Dictionary<string, long>(StringComparer.OrdinalIgnoreCase)
        {
            ["ноль"] = 0, ["один"] = 1, ["одна"] = 1, ["два"] = 2, ["две"] = 2, ["три"] = 3, ["четыре"] = 4, ["пять"] = 5, ["шесть"] = 6, ["семь"] = 7,
            ["восемь"] = 8, ["девять"] = 9, ["десять"] = 10, ["одиннадцать"] = 11, ["двенадцать"] = 12, ["тринадцать"] = 13, ["четырнадцать"] = 14,
            ["пятнадцать"] = 15, ["шестнадцать"] = 16, ["семнадцать"] = 17, ["восемнадцать"] = 18, ["девятнадцать"] = 19, ["двадцать"] = 20,
            ["тридцать"] = 30, ["сорок"] = 40, ["пятьдесят"] = 50, ["шестьдесят"] = 60, ["семьдесят"] = 70, ["восемьдесят"] = 80, ["девяносто"] = 90,
            ["сто"] = 100, ["двести"] = 200, ["триста"] = 300, ["четыреста"] = 400, ["пятьсот"] = 500, ["шестьсот"] = 600, ["семьсот"] = 700,
            ["восемьсот"] = 800, ["девятьсот"] = 900,
        };
        long total = 0, group = 0;
        foreach (var word in parts[..^3])
        {
            var scale = word.ToLowerInvariant() switch
            {
                var w when w.StartsWith("тысяч", StringComparison.Ordinal) => 1_000L,
                var w when w.StartsWith("миллион", StringComparison.Ordinal) => 1_000_000L,
                var w when w.StartsWith("миллиард", StringComparison.Ordinal) => 1_000_000_000L,
                var w when w.StartsWith("триллион", StringComparison.Ordinal) => 1_000_000_000_000L,
                _ => 0L,
            };
            if (scale > 0)
            {
                total += group * scale;
                group = 0;
            }
            else
            {
                group += values[word];
            }
        }

        return total + group + (int.Parse(parts[^2], System.Globalization.CultureInfo.InvariantCulture) / 100m);
    }
}
