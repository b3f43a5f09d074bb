using Custodian.Modules.Guidance.Attachments;
using Microsoft.AspNetCore.Mvc;

namespace Custodian.Modules.Guidance.Pages.Guidance;

/// <summary>
/// Uploads a file to a client's record (refused with the reason, nothing stored, when its content is not PDF, PNG or
/// JPEG or it is too large) and downloads one; each download is logged. A file out of reach is 404.
/// </summary>
internal sealed class AttachmentModel(ClientAttachments attachments) : GuidancePage
{
    public AttachmentsSection? Section { get; private set; }

    public async Task<IActionResult> OnGetAsync(Guid id, Guid? attachmentId, CancellationToken cancellationToken)
    {
        if (attachmentId is null)
        {
            return NotFound();
        }

        try
        {
            var file = await attachments.DownloadAsync(Account, id, attachmentId.Value, cancellationToken);
            return File(file.Content, file.ContentType, file.DownloadName);
        }
        catch (GuidanceNotFoundException)
        {
            return NotFound();
        }
    }

    [RequestSizeLimit(110 * 1024 * 1024)]
    [RequestFormLimits(MultipartBodyLengthLimit = 110 * 1024 * 1024)]
    public async Task<IActionResult> OnPostUploadAsync(Guid id, string? area, IFormFile? file, CancellationToken cancellationToken)
    {
        try
        {
            await using var content = file?.OpenReadStream();
            await attachments.UploadAsync(Account, id, area, file?.FileName, content, cancellationToken);
            return Redirect($"/guidance/clients/{id:D}?done=attachment#section-attachments");
        }
        catch (GuidanceInputException e)
        {
            Refused(e.Message);
        }
        catch (GuidanceNotFoundException)
        {
            return NotFound();
        }

        try
        {
            Section = await attachments.OpenAsync(Account, id, cancellationToken);
        }
        catch (GuidanceNotFoundException)
        {
            return NotFound();
        }

        return Section is null ? NotFound() : Page();
    }
}
