using Custodian.Modules.Training.Search;
using Microsoft.AspNetCore.Mvc;

namespace Custodian.Modules.Training.Pages.Training.Staff.Registrar;

/// <summary>
/// Finding a trainee by henkilötunnus or e-mail (posted, never in the address: a URL would carry them into logs and
/// history) or by session; each person found is an audited view.
/// </summary>
internal sealed class SearchModel(SearchTrainees search) : StaffPage
{
    public IReadOnlyList<FoundTrainee>? Found { get; private set; }

    public async Task<IActionResult> OnPostAsync(string? hetu, string? email, Guid? session, CancellationToken cancellationToken)
    {
        try
        {
            Found = await search.SearchAsync(Staff, hetu, email, session, cancellationToken);
        }
        catch (TrainingInputException e)
        {
            Refused(e.Message);
        }

        return Page();
    }
}
