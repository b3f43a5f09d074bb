namespace Custodian.Modules.Training.Catalogue;

/// <summary>A course in the catalogue (<c>training_courses</c>): what it leads to, how long it takes and its price per participant.</summary>
internal sealed class CourseRecord
{
    public Guid Id { get; set; }

    public string CardTypeKey { get; set; } = string.Empty;

    public string NameFi { get; set; } = string.Empty;

    public string NameEn { get; set; } = string.Empty;

    public string DescriptionFi { get; set; } = string.Empty;

    public string DescriptionEn { get; set; } = string.Empty;

    /// <summary>Price per participant, VAT excluded, in <see cref="Currency"/>.</summary>
    public decimal Price { get; set; }

    public string Currency { get; set; } = "EUR";

    public decimal Hours { get; set; }

    public bool Active { get; set; } = true;

    public DateTime CreatedAtUtc { get; set; }

    public const string Table = "training_courses";
}
