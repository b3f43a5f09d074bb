using System.Globalization;
using static Custodian.Modules.Marketplace.Collection.MarketplaceValues;

namespace Custodian.Modules.Marketplace.Collection;

/// <summary>
/// Items of marketplace answers that could not be read, counted per reason (the field that was missing or unreadable),
/// so that a reader that no longer matches the marketplace's schema shows which field it waits for.
/// </summary>
internal sealed class Rejections
{
    /// <summary>The reason of an item that is not a JSON object or whose value has the wrong JSON type.</summary>
    public const string Unreadable = "unreadable item";

    private readonly SortedDictionary<string, long> _byReason = new(StringComparer.Ordinal);

    /// <summary>A new, empty count (a page where nothing was rejected).</summary>
    public static Rejections None => new();

    public long Count { get; private set; }

    public IReadOnlyDictionary<string, long> ByReason => _byReason;

    /// <summary>Counts an item the reader refused: <see cref="RowRejectedException"/> names its field; anything else is an unreadable item.</summary>
    public void Add(Exception refusal) => Add(refusal is RowRejectedException rejected ? rejected.Field : Unreadable);

    public void Add(string reason, long count = 1)
    {
        _byReason[reason] = _byReason.GetValueOrDefault(reason) + count;
        Count += count;
    }

    public void AddAll(Rejections other)
    {
        foreach (var (reason, count) in other._byReason)
        {
            Add(reason, count);
        }
    }

    /// <summary>"created_at: 120, price: 3", the most frequent reason first.</summary>
    public override string ToString() =>
        string.Join(", ", _byReason.OrderByDescending(r => r.Value).ThenBy(r => r.Key, StringComparer.Ordinal).Select(r => r.Key + ": " + r.Value.ToString(CultureInfo.InvariantCulture)));
}
