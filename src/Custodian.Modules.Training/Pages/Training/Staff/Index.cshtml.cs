using Custodian.Modules.Training.Sessions;

namespace Custodian.Modules.Training.Pages.Training.Staff;

/// <summary>The staff desk: a trainer's own sessions, or every session for a registrar, with the registrar's tools.</summary>
internal sealed class IndexModel(StaffSessions sessions) : StaffPage
{
    public IReadOnlyList<StaffSession> Sessions { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken cancellationToken) => Sessions = await sessions.ListAsync(Staff, cancellationToken);
}
