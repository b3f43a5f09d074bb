using Custodian.Modules.Guidance.Clients;
using Custodian.Modules.Guidance.Programmes;
using Microsoft.AspNetCore.Mvc;

namespace Custodian.Modules.Guidance.Pages.Guidance;

/// <summary>A coach takes on a client: basic data only, until the written consent is recorded on the record's page.</summary>
internal sealed class NewClientModel(ManageProgrammes programmes, CreateClient create) : GuidancePage
{
    public ProgrammeView? Programme { get; private set; }

    public IReadOnlyList<AssignmentView> SendingOrganisations { get; private set; } = [];

    [BindProperty]
    public Form Input { get; set; } = new();

    public sealed class Form
    {
        public string? FirstName { get; set; }

        public string? LastName { get; set; }

        public string? Hetu { get; set; }

        public string? Address { get; set; }

        public string? Phone { get; set; }

        public string? Email { get; set; }

        public string? Referrer { get; set; }

        public string? Gender { get; set; }

        public string? Education { get; set; }
    }

    public async Task<IActionResult> OnGetAsync(Guid programmeId, CancellationToken cancellationToken) =>
        await LoadAsync(programmeId, cancellationToken) ? Page() : NotFound();

    public async Task<IActionResult> OnPostAsync(Guid programmeId, CancellationToken cancellationToken)
    {
        if (!await LoadAsync(programmeId, cancellationToken))
        {
            return NotFound();
        }

        try
        {
            var id = await create.CreateAsync(Account, new CreateClient.Request(programmeId, Input.FirstName, Input.LastName, Input.Hetu, Input.Address, Input.Phone, Input.Email, Input.Referrer, Input.Gender, Input.Education), cancellationToken);
            return Redirect("/guidance/clients/" + id.ToString("D"));
        }
        catch (GuidanceInputException e)
        {
            Refused(e.Message);
            return Page();
        }
        catch (GuidanceNotFoundException)
        {
            return NotFound();
        }
    }

    private async Task<bool> LoadAsync(Guid programmeId, CancellationToken cancellationToken)
    {
        Programme = (await programmes.OfAsync(Account, cancellationToken)).FirstOrDefault(p => p.Id == programmeId && AccessMatrix.CreatesClients(p.Role));
        if (Programme is null)
        {
            return false;
        }

        SendingOrganisations = [.. (await programmes.AssignmentsAsync(programmeId, cancellationToken)).Where(a => a.Role == GuidanceRole.SendingOrganisation)];
        return true;
    }
}
