using Custodian.Privacy.Abstractions.Protection;

namespace Custodian.Modules.Training;

/// <summary>
/// Where a sealed value of the register lives: its table, its column (the declared field name) and the row id in
/// <c>N</c> format. Bound into the ciphertext, so every use case that seals or opens a training field uses this.
/// </summary>
internal static class TrainingFields
{
    public static FieldAddress Of(string table, string column, Guid row) => new(table, column, row.ToString("N"));
}
