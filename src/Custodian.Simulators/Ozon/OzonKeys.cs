using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace Custodian.Simulators.Ozon;

/// <summary>What a simulated Ozon seller pays for: Premium opens the funnel metrics of <c>/v1/analytics/data</c>, Premium Plus also the reviews.</summary>
public enum OzonPlan
{
    Basic = 0,
    Premium = 1,
    PremiumPlus = 2,
}

/// <summary>
/// Seller keys shaped like Ozon's: a numeric <c>Client-Id</c> (here carrying the simulated seller and plan) and an
/// <c>Api-Key</c> UUID derived from it with the simulator's secret, so a key of another seller or a made-up one is refused.
/// </summary>
public sealed class OzonKeys(byte[] signingKey)
{
    private readonly HashSet<string> _revoked = [];

    public (string ClientId, string ApiKey) Issue(int sellerSeed, OzonPlan plan = OzonPlan.PremiumPlus)
    {
        var clientId = (2_000_000L + sellerSeed * 10L + (int)plan).ToString(CultureInfo.InvariantCulture);
        return (clientId, ApiKeyOf(clientId));
    }

    /// <summary>Deactivates a key, as the seller does in the Ozon seller portal.</summary>
    public void Revoke(string clientId)
    {
        lock (_revoked)
        {
            _revoked.Add(clientId);
        }
    }

    /// <summary>The seller behind a valid pair, or why it is refused.</summary>
    public (int Seed, OzonPlan Plan)? Verify(string? clientId, string? apiKey, out string? problem)
    {
        if (string.IsNullOrEmpty(clientId) || string.IsNullOrEmpty(apiKey) || !long.TryParse(clientId, NumberStyles.None, CultureInfo.InvariantCulture, out var id) || id < 2_000_000
            || !CryptographicOperations.FixedTimeEquals(Encoding.ASCII.GetBytes(ApiKeyOf(clientId)), Encoding.ASCII.GetBytes(apiKey)))
        {
            problem = "Invalid Api-Key, please contact support";
            return null;
        }

        lock (_revoked)
        {
            if (_revoked.Contains(clientId))
            {
                problem = "Api-key is deactivated, use another one";
                return null;
            }
        }

        problem = null;
        return ((int)((id - 2_000_000) / 10), (OzonPlan)(id % 10));
    }

    private string ApiKeyOf(string clientId) => new Guid(HMACSHA256.HashData(signingKey, Encoding.ASCII.GetBytes(clientId)).AsSpan(0, 16)).ToString();
}
