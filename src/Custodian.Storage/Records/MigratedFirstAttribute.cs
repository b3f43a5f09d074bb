namespace Custodian.Storage.Records;

/// <summary>
/// Marks the kernel's DbContext: its migrations run before the modules' (which are otherwise in name order), so a
/// module's migration may move rows into a kernel table that a newer kernel migration created.
/// </summary>
[AttributeUsage(AttributeTargets.Class, Inherited = false)]
public sealed class MigratedFirstAttribute : Attribute;
