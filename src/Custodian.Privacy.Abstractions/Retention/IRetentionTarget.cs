using Custodian.Privacy.Abstractions.Protection;
using Custodian.Privacy.Abstractions.Requests;

namespace Custodian.Privacy.Abstractions.Retention;

/// <summary>A record whose retention period for one data category has run out, and whose data it is.</summary>
public sealed record DueRecord(RecordRef Record, SubjectId? Subject, DateTimeOffset TriggeredAt);

/// <summary>What a retention rule does to a record's data in a category (the declaration's action).</summary>
public enum RetentionTreatment
{
    /// <summary>Delete the category's fields (the whole record when nothing else is left).</summary>
    Delete,

    /// <summary>Irreversibly: drop direct identifiers and the subject link, generalise quasi-identifiers, keep aggregates.</summary>
    Anonymise,
}

/// <summary>
/// Implemented by each module for its registers so the kernel's retention sweep can execute the declared rules: the
/// module knows when each record's trigger event happened (account closed, exam date, last activity...); the kernel
/// knows the periods, checks legal holds, and writes the destruction act. Modules never destroy data any other way.
/// </summary>
public interface IRetentionTarget
{
    string Name { get; }

    IReadOnlyCollection<string> Registers { get; }

    /// <summary>
    /// The categories of <paramref name="registerId"/> whose retention rules this target executes. The sweep asks the
    /// target only about these, and the module contract test checks that every deleting or anonymising rule of a built
    /// register is executed by some target.
    /// </summary>
    IReadOnlyCollection<string> Categories(string registerId);

    /// <summary>
    /// Records holding data of <paramref name="category"/> whose trigger event happened at or before <paramref name="cutoff"/>,
    /// in a stable order after <paramref name="after"/> (a record id from the previous batch), at most <paramref name="batchSize"/>.
    /// </summary>
    Task<IReadOnlyList<DueRecord>> FindDueAsync(string registerId, string category, DateTimeOffset cutoff, string? after, int batchSize, CancellationToken cancellationToken);

    /// <summary>Deletes or anonymises the category's data in these records; returns how many records were changed.</summary>
    Task<int> ApplyAsync(string registerId, string category, RetentionTreatment treatment, IReadOnlyList<DueRecord> records, CancellationToken cancellationToken);
}
