namespace Custodian.Modules.Marketplace;

/// <summary>Input a seller or operator can correct: which field and what is wrong (never the value itself).</summary>
internal sealed class MarketplaceInputException(string field, string message) : Exception(message)
{
    public string Field { get; } = field;
}
