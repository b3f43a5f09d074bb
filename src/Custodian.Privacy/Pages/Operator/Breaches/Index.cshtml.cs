using System.Globalization;
using Custodian.Privacy.Breaches;
using Custodian.Privacy.Requests;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Custodian.Privacy.Pages.OperatorConsole;

/// <summary>The breach register: incidents with their next statutory deadline, and the form to record a new one.</summary>
public sealed class BreachListModel(BreachRegister register, TimeProvider clock) : PageModel
{
    public IReadOnlyList<(BreachRecord Breach, BreachClock? Next, bool Overdue)> Breaches { get; private set; } = [];

    public string? Error { get; private set; }

    [BindProperty]
    public string? DetectedAt { get; set; }

    [BindProperty]
    public string? Nature { get; set; }

    [BindProperty]
    public string? Registers { get; set; }

    [BindProperty]
    public string? Categories { get; set; }

    [BindProperty]
    public int ApproximateSubjects { get; set; }

    [BindProperty]
    public int ApproximateRecords { get; set; }

    [BindProperty]
    public string? LikelyConsequences { get; set; }

    [BindProperty]
    public string? MeasuresTaken { get; set; }

    [BindProperty]
    public bool HighRisk { get; set; }

    public async Task OnGetAsync(CancellationToken cancellationToken)
    {
        DetectedAt = clock.GetUtcNow().UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm", CultureInfo.InvariantCulture);
        await LoadAsync(cancellationToken);
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken cancellationToken)
    {
        try
        {
            if (!DateTime.TryParse(DetectedAt, CultureInfo.InvariantCulture, DateTimeStyles.AdjustToUniversal | DateTimeStyles.AssumeUniversal, out var detected))
            {
                throw new RequestRefusedException("detectedAt", "Give the time the breach was detected.");
            }

            var breach = await register.RecordAsync(new BreachReport(detected, null, Nature ?? string.Empty, Words(Registers), Words(Categories), ApproximateSubjects, ApproximateRecords, LikelyConsequences ?? string.Empty, MeasuresTaken ?? string.Empty, null, HighRisk, null), cancellationToken);
            return Redirect("/operator/breaches/" + breach.Reference);
        }
        catch (RequestRefusedException e)
        {
            Error = e.Message;
            Response.StatusCode = StatusCodes.Status400BadRequest;
            await LoadAsync(cancellationToken);
            return Page();
        }
    }

    private static string[] Words(string? text) => (text ?? string.Empty).Split([' ', ','], StringSplitOptions.RemoveEmptyEntries);

    private async Task LoadAsync(CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        Breaches = [.. (await register.ListAsync(cancellationToken)).Select(b =>
        {
            var clocks = register.Clocks(b);
            return (b, clocks.Where(c => !c.Done).OrderBy(c => c.DueAtUtc).FirstOrDefault(), clocks.Any(c => c.OverdueAt(now)));
        })];
    }
}
