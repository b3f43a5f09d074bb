namespace Custodian.Privacy.Abstractions.Retention;

/// <summary>
/// The retention periods the registers declare, for code that has to say how long a record is kept (a legal hold's
/// "kept until", an explanation to the person) without repeating the declaration's figure.
/// </summary>
public interface IDeclaredRetention
{
    /// <summary>
    /// The last day a record of <paramref name="category"/> in <paramref name="registerId"/> is kept when its retention
    /// trigger happened on <paramref name="triggeredOn"/> (for <c>end-of-accounting-year</c>, the first day of the next
    /// year): the day before the declared period runs out.
    /// </summary>
    /// <exception cref="InvalidOperationException">No such register or category is declared.</exception>
    DateOnly LastKeptDay(string registerId, string category, DateOnly triggeredOn);
}
