using Custodian.Modules.Guidance.Clients;
using Custodian.Modules.Guidance.Programmes;
using Custodian.Privacy.Abstractions.Protection;

namespace Custodian.Modules.Guidance.Pages.Guidance;

/// <summary>The staff member's programmes (their role in each) and the clients their role reaches there.</summary>
internal sealed class IndexModel(ManageProgrammes programmes, ClientScope scope, IPersonalDataVault vault) : GuidancePage
{
    public sealed record ClientLine(Guid Id, string Name, string Programme);

    public IReadOnlyList<ProgrammeView> Programmes { get; private set; } = [];

    public IReadOnlyList<ClientLine> Clients { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken cancellationToken)
    {
        Programmes = await programmes.OfAsync(Account, cancellationToken);
        var lines = new List<ClientLine>();
        foreach (var reached in await scope.ListAsync(Account, cancellationToken))
        {
            var row = reached.Client.Id.ToString("N");
            var first = await vault.OpenAsync(reached.Client.FirstName, CreateClient.Field("first_name", row), cancellationToken);
            var last = await vault.OpenAsync(reached.Client.LastName, CreateClient.Field("last_name", row), cancellationToken);
            lines.Add(new ClientLine(reached.Client.Id, first.ValueOr("—") + " " + last.ValueOr("—"), reached.Programme.Name));
        }

        Clients = lines;
    }
}
