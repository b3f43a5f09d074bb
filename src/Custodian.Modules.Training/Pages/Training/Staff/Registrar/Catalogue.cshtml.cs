using System.Globalization;
using Custodian.Modules.Training.Catalogue;
using Microsoft.AspNetCore.Mvc;

namespace Custodian.Modules.Training.Pages.Training.Staff.Registrar;

/// <summary>The registrar's catalogue: card types' validity (data, not code), new courses and new sessions.</summary>
internal sealed class CatalogueModel(CatalogueOverview overview) : StaffPage
{
    public IReadOnlyList<CardTypeRecord> CardTypes { get; private set; } = [];

    public IReadOnlyList<CourseRecord> Courses { get; private set; } = [];

    public async Task OnGetAsync(string? done, CancellationToken cancellationToken)
    {
        Message = done switch
        {
            "validity" => "Validity saved. Cards issued already keep theirs.",
            "course" => "Course added.",
            "session" => "Session added.",
            _ => null,
        };
        await LoadAsync(cancellationToken);
    }

    public Task<IActionResult> OnPostValidityAsync(string? cardType, string? months, [FromServices] EditCardType cards, CancellationToken cancellationToken) =>
        FormAsync(() =>
        {
            int? validity = string.IsNullOrWhiteSpace(months) ? null
                : int.TryParse(months, NumberStyles.None, CultureInfo.InvariantCulture, out var m) ? m
                : throw new TrainingInputException("validityMonths", "Enter the validity in months (1–240), or leave it empty for a card that does not expire.");
            return cards.SetValidityAsync(Staff, cardType, validity, cancellationToken);
        }, "/training/staff/catalogue?done=validity", () => LoadAsync(cancellationToken));

    public Task<IActionResult> OnPostCourseAsync(string? cardType, string? nameFi, string? nameEn, string? descriptionFi, string? descriptionEn, string? price, string? hours,
        [FromServices] ManageCatalogue catalogue, CancellationToken cancellationToken) =>
        FormAsync(() => catalogue.AddCourseAsync(new ManageCatalogue.CourseInput(cardType ?? string.Empty, nameFi ?? string.Empty, nameEn ?? string.Empty, descriptionFi ?? string.Empty, descriptionEn ?? string.Empty,
                Number(price, "price", "Enter a price from 0 to 99 999,99 €."), Number(hours, "hours", "Enter the course's length in hours (1–200).")), cancellationToken),
            "/training/staff/catalogue?done=course", () => LoadAsync(cancellationToken));

    public Task<IActionResult> OnPostSessionAsync(Guid? course, string? day, string? from, string? to, string? place, int? capacity, string? trainer,
        [FromServices] ManageCatalogue catalogue, CancellationToken cancellationToken) =>
        FormAsync(() =>
        {
            var (starts, ends) = SessionTimes(day, from, to);
            return catalogue.AddSessionAsync(new ManageCatalogue.SessionInput(course ?? Guid.Empty, starts, ends, place ?? string.Empty, capacity ?? 0, trainer), cancellationToken);
        }, "/training/staff/catalogue?done=session", () => LoadAsync(cancellationToken));

    /// <summary>A number as a Finn writes it (<c>120,50</c>) or with a point.</summary>
    private static decimal Number(string? text, string field, string problem) =>
        decimal.TryParse(text?.Trim().Replace(" ", string.Empty, StringComparison.Ordinal).Replace(',', '.'), NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var value)
            ? value : throw new TrainingInputException(field, problem);

    private async Task LoadAsync(CancellationToken cancellationToken) => (CardTypes, Courses) = await overview.ReadAsync(cancellationToken);
}
