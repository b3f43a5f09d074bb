namespace Custodian.Modules.Marketplace.Collection;

/// <summary>The marketplace refused the key (401/403): collection for the account stops until the key is replaced.</summary>
internal sealed class MarketplaceKeyRejectedException(string reason) : Exception(reason);

/// <summary>The marketplace kept failing (server errors, timeouts, broken bodies, rate limits) after every retry.</summary>
internal sealed class MarketplaceUnavailableException(string reason, Exception? inner = null) : Exception(reason, inner);

/// <summary>
/// The marketplace accepts the key but not for this method (an Ozon key without the role, a plan without the method):
/// the dataset is skipped with a notice for the seller; the account keeps collecting everything else.
/// </summary>
internal sealed class MarketplaceMethodNotPermittedException(string reason) : Exception(reason);
