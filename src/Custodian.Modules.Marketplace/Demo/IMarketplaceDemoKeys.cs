namespace Custodian.Modules.Marketplace.Demo;

/// <summary>
/// Keys for the demo sellers' accounts, issued by whatever answers as Wildberries and Ozon in the demo (the host's
/// local stand-ins). The module seeds with them and never knows it talks to a stand-in.
/// </summary>
public interface IMarketplaceDemoKeys
{
    /// <summary>A Wildberries API token with every category for demo seller <paramref name="seller"/> (1, 2, …).</summary>
    string WildberriesToken(int seller, DateTimeOffset expires);

    /// <summary>Ozon Client-Id and Api-Key for demo seller <paramref name="seller"/>, or null when no Ozon stand-in runs.</summary>
    (string ClientId, string ApiKey)? OzonKeys(int seller);

    /// <summary>Cost prices of some of demo seller <paramref name="seller"/>'s Wildberries SKUs, so the demo's P&amp;L is not empty.</summary>
    IReadOnlyList<(long Sku, decimal Cost)> WildberriesCosts(int seller) => [];
}
