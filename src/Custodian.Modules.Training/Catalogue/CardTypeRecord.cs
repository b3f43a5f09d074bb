namespace Custodian.Modules.Training.Catalogue;

/// <summary>
/// A kind of card or certificate a course leads to (<c>training_card_types</c>): data, not code, so a registrar adds a
/// card type or changes a validity without a release. <see cref="ValidityMonths"/> null: the card does not expire.
/// </summary>
internal sealed class CardTypeRecord
{
    /// <summary>A stable key in URLs and exports, e.g. <c>tyoturvallisuuskortti</c>.</summary>
    public string Key { get; set; } = string.Empty;

    public string NameFi { get; set; } = string.Empty;

    public string NameEn { get; set; } = string.Empty;

    public int? ValidityMonths { get; set; }

    /// <summary>The register the card is entered in (e.g. Työturvallisuuskeskus TTK, Ruokavirasto).</summary>
    public string Authority { get; set; } = string.Empty;

    public bool Active { get; set; } = true;

    public const string Table = "training_card_types";

    /// <summary>Whether <paramref name="key"/> has a key's shape (lower-case letters, digits, hyphens; at most 64): anything else cannot name a card type and is not sent to the database.</summary>
    public static bool IsWellFormedKey([System.Diagnostics.CodeAnalysis.NotNullWhen(true)] string? key) =>
        key is { Length: > 0 and <= 64 } && key.All(c => c is (>= 'a' and <= 'z') or (>= '0' and <= '9') or '-');

    /// <summary>The last day the card is valid when issued on <paramref name="issuedOn"/>; null when it does not expire.</summary>
    public DateOnly? ValidUntil(DateOnly issuedOn) => ValidityMonths is { } months ? issuedOn.AddMonths(months).AddDays(-1) : null;
}
