namespace Custodian.Modules.Marketplace.Collection;

/// <summary>
/// Values every row of a page repeats — the account's text, the load time, flags — made once instead of once per row:
/// a page of 80 000 rows otherwise allocates (and the collector keeps until its batch is stored) hundreds of thousands
/// of identical objects. The last account and load time are kept per thread (a page is read on one thread).
/// </summary>
internal static class RepeatedValues
{
    private static readonly object True = true, False = false;

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
}
