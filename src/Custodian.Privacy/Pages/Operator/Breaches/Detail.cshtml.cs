using System.Globalization;
using Custodian.Privacy.Breaches;
using Custodian.Privacy.Declarations;
using Custodian.Privacy.Requests;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Custodian.Privacy.Pages.OperatorConsole;

/// <summary>One breach: clocks with time left, notification drafts, status updates and the timeline.</summary>
public sealed class BreachDetailModel(BreachRegister register, RegisterCatalog registers, TimeProvider clock) : OperatorActionPage
{
    public BreachRecord Breach { get; private set; } = null!;

    public IReadOnlyList<BreachClock> Clocks { get; private set; } = [];

    public IReadOnlyList<BreachDraft> Drafts { get; private set; } = [];

    public IReadOnlyList<BreachEventRecord> Timeline { get; private set; } = [];

    public DateTime Now => clock.GetUtcNow().UtcDateTime;

    public string Remaining(BreachClock due)
    {
        ArgumentNullException.ThrowIfNull(due);
        var left = due.DueAtUtc - Now;
        return left < TimeSpan.Zero
            ? string.Create(CultureInfo.InvariantCulture, $"overdue by {-left.TotalHours:0} h")
            : string.Create(CultureInfo.InvariantCulture, $"{left.TotalHours:0} h left");
    }

    public async Task<IActionResult> OnGetAsync(string reference, CancellationToken cancellationToken) =>
        await LoadAsync(reference, cancellationToken) ? Page() : NotFound();

    public Task<IActionResult> OnPostSentAsync(string reference, BreachNotice notice, CancellationToken cancellationToken) =>
        ActAsync("/operator/breaches/", reference, () => register.MarkNotifiedAsync(reference, notice, cancellationToken), cancellationToken);

    public Task<IActionResult> OnPostUpdateAsync(string reference, BreachStatus status, string? note, string? cause, CancellationToken cancellationToken) =>
        ActAsync("/operator/breaches/", reference, () => register.UpdateAsync(reference, status, note ?? string.Empty, cause, cancellationToken), cancellationToken);

    protected override async Task<bool> LoadAsync(string reference, CancellationToken cancellationToken)
    {
        try
        {
            Breach = await register.FindAsync(reference, cancellationToken);
        }
        catch (RequestRefusedException)
        {
            return false;
        }

        Clocks = register.Clocks(Breach);
        Drafts = BreachDrafts.Build(Breach, registers, Clocks);
        Timeline = await register.TimelineAsync(Breach, cancellationToken);
        return true;
    }
}
