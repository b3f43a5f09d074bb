namespace Custodian.Modules.Marketplace.Collection;

/// <summary>
/// Values rows of a page repeat — the account's text, the load time, flags, days, product ids, prices — boxed once
/// instead of once per row: a page of 80 000 rows otherwise allocates (and the collector keeps until its batch is
/// stored) hundreds of thousands of identical objects, which the garbage collector then copies while every thread
/// waits. Kept per thread (a page is read on one thread); the caches of numbers are bounded.
/// </summary>
internal static class RepeatedValues
{
    private const int MostKept = 8_192; // per cache and thread: ~0.5 MB at most, and a page rarely has more distinct amounts

    private static readonly object True = true, False = false;

    private static readonly object[] SmallIntegers = Enumerable.Range(0, 101).Select(n => (object)n).ToArray();

    [ThreadStatic]
    private static Dictionary<long, object>? _integers;

    [ThreadStatic]
    private static Dictionary<DateOnly, object>? _days;

    [ThreadStatic]
    private static Dictionary<(int, int, int, int), object>? _amounts;

    [ThreadStatic]
    private static Tuple<Guid, string>? _account;

    [ThreadStatic]
    private static Tuple<DateTime, object>? _time;

    /// <summary>The account id as the analytics store's tenant column holds it (32 hex digits).</summary>
    public static string AccountText(Guid account)
    {
        if (_account is not { } last || last.Item1 != account)
        {
            _account = last = Tuple.Create(account, account.ToString("N"));
        }

        return last.Item2;
    }

    /// <summary>The same boxed instant for every row of a load.</summary>
    public static object Boxed(DateTime time)
    {
        if (_time is not { } last || last.Item1 != time || last.Item1.Kind != time.Kind)
        {
            _time = last = Tuple.Create(time, (object)time);
        }

        return last.Item2;
    }

    public static object Boxed(bool flag) => flag ? True : False;

    public static object Boxed(int number) => number is >= 0 and <= 100 ? SmallIntegers[number] : number;

    public static object Boxed(long number) => Kept(ref _integers, number, number);

    public static object Boxed(DateOnly day) => Kept(ref _days, day, day);

    /// <summary>Keyed by the exact bits, so 1.0 and 1.00 keep their own scale.</summary>
    public static object Boxed(decimal amount)
    {
        Span<int> bits = stackalloc int[4];
        decimal.GetBits(amount, bits);
        return Kept(ref _amounts, (bits[0], bits[1], bits[2], bits[3]), amount);
    }

    private static object Kept<TKey, TValue>(ref Dictionary<TKey, object>? cache, TKey key, TValue value)
        where TKey : struct
        where TValue : struct
    {
        cache ??= [];
        if (!cache.TryGetValue(key, out var boxed))
        {
            if (cache.Count == MostKept)
            {
                cache.Clear();
            }

            cache[key] = boxed = value;
        }

        return boxed;
    }
}
