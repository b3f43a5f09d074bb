using System.Text.Json;
using static Custodian.Modules.Marketplace.Collection.MarketplaceValues;

namespace Custodian.Modules.Marketplace.Collection;

/// <summary>One page of a marketplace answer as table rows: the rows, the items that could not be read, and how many items the page held.</summary>
internal sealed record PageRows(List<object?[]> Rows, Rejections Rejected, int Items)
{
    public static PageRows Empty => new([], Rejections.None, 0);

    /// <summary>Maps each item of <paramref name="items"/> to rows; an unreadable item is counted, never thrown.</summary>
    public static PageRows Read(JsonElement items, Func<JsonElement, IEnumerable<object?[]>> map)
    {
        var rows = new List<object?[]>();
        var rejected = new Rejections();
        foreach (var item in items.EnumerateArray())
        {
            try
            {
                rows.AddRange(map(item));
            }
            catch (Exception e) when (e is RowRejectedException or InvalidOperationException or JsonException) // an item without an array it needs is one unreadable item, not a torn page
            {
                rejected.Add(e);
            }
        }

        return new PageRows(rows, rejected, items.GetArrayLength());
    }
}
