using Custodian.Privacy.Abstractions.Retention;

namespace Custodian.Privacy.Declarations;

/// <summary>Answers <see cref="IDeclaredRetention"/> from the loaded register declarations.</summary>
internal sealed class DeclaredRetention(RegisterCatalog catalog) : IDeclaredRetention
{
    public DateOnly LastKeptDay(string registerId, string category, DateOnly triggeredOn)
    {
        var period = catalog.Find(registerId)?.Categories.FirstOrDefault(c => c.Id == category)?.Retention.Period
            ?? throw new InvalidOperationException($"Register '{registerId}' declares no category '{category}'.");
        return triggeredOn.AddYears(period.Years).AddMonths(period.Months).AddDays(period.Days - 1);
    }
}
