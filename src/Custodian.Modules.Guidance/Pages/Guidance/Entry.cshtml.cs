using Custodian.Modules.Guidance.Clients;
using Custodian.Modules.Guidance.Sections;
using Microsoft.AspNetCore.Mvc;

namespace Custodian.Modules.Guidance.Pages.Guidance;

/// <summary>Edits an entry as a new version. The form carries the version it started from; if someone saved since, nothing is stored and the newer text is shown.</summary>
internal sealed class EntryModel(OpenClientRecord open, SectionEntries entries) : GuidancePage
{
    public ClientView? View { get; private set; }

    public EntryView? Entry { get; private set; }

    public string? Draft { get; private set; }

    public async Task<IActionResult> OnGetAsync(Guid id, Guid entryId, CancellationToken cancellationToken) =>
        await LoadAsync(id, entryId, cancellationToken) ? Page() : NotFound();

    public async Task<IActionResult> OnPostAsync(Guid id, Guid entryId, string? baseVersion, string? text, CancellationToken cancellationToken)
    {
        try
        {
            if (!int.TryParse(baseVersion, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var version))
            {
                throw new GuidanceInputException("Open the entry again and make your change there.");
            }

            await entries.EditAsync(Account, id, entryId, version, text, cancellationToken);
            return Redirect("/guidance/clients/" + id.ToString("D") + "#entry-" + entryId.ToString("D"));
        }
        catch (GuidanceEditConflictException)
        {
            Problem = "The entry was changed by someone else since you opened it. Nothing was saved: the newer text is below, and your text is kept in the box.";
            Response.StatusCode = StatusCodes.Status409Conflict;
        }
        catch (GuidanceInputException e)
        {
            Refused(e.Message);
        }
        catch (GuidanceNotFoundException)
        {
            return NotFound();
        }

        Draft = text;
        return await LoadAsync(id, entryId, cancellationToken) ? Page() : NotFound();
    }

    private async Task<bool> LoadAsync(Guid id, Guid entryId, CancellationToken cancellationToken)
    {
        try
        {
            View = await open.OpenAsync(Account, id, cancellationToken);
        }
        catch (GuidanceNotFoundException)
        {
            return false;
        }

        Entry = (View.Assessments ?? []).Concat(View.CoachingEntries ?? []).FirstOrDefault(e => e.Id == entryId);
        return Entry is not null && (Entry.Kind == EntryKind.Assessment ? View.WritesAssessments : View.WritesCoaching);
    }
}
