using Custodian.Modules.Training.Catalogue;

namespace Custodian.Modules.Training.Pages.Training;

/// <summary>The public course calendar: upcoming sessions with their card, place, time, price and seats left.</summary>
internal sealed class IndexModel(UpcomingSessions sessions) : TrainingPage
{
    public IReadOnlyList<UpcomingSessions.Item> Sessions { get; private set; } = [];

    /// <param name="card">A card type's key: only its sessions (the link in expiry reminders and cancellation mails).</param>
    public async Task OnGetAsync(string? card, CancellationToken cancellationToken) => Sessions = await sessions.ListAsync(cancellationToken, card);
}
