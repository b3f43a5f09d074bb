using Custodian.Privacy.Abstractions.Protection;

namespace Custodian.Modules.Training;

/// <summary>
/// Where a sealed value of the register lives: its table, its column (the declared field name) and the row id in
/// <c>N</c> format. Bound into the ciphertext, so every use case that seals or opens a training field uses this.
/// </summary>
internal static class TrainingFields
{
    public static FieldAddress Of(string table, string column, Guid row) => new(table, column, row.ToString("N"));

    public static FieldAddress Trainee(string column, Guid traineeId) => Of(Training.Enrolment.TraineeRecord.Table, column, traineeId);

    public static FieldAddress Enrolment(string column, Guid enrolmentId) => Of(Training.Enrolment.EnrolmentRecord.Table, column, enrolmentId);

    /// <summary>The opened value; <paramref name="whenErased"/> when its key was shredded; null when there is no value.</summary>
    public static async Task<string?> OpenAsync(IPersonalDataVault vault, Encrypted<string>? value, FieldAddress field, string? whenErased, CancellationToken cancellationToken) =>
        value is null ? null : (await vault.OpenAsync(value, field, cancellationToken)) is { IsErased: false } opened ? opened.Value : whenErased;
}
