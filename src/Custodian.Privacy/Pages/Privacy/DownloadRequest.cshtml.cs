using Custodian.Privacy.Requests;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Custodian.Privacy.Pages.Privacy;

/// <summary>The expiring one-time link of a result package: the page explains, the button downloads (and deletes) it.</summary>
public sealed class DownloadRequestModel(DownloadRequestPackage downloads) : PageModel
{
    public DownloadRequestPackage.State State { get; private set; }

    public string? Reference { get; private set; }

    public string? Receipt { get; private set; }

    public string? ReceiptSignature { get; private set; }

    public async Task OnGetAsync(string token, CancellationToken cancellationToken)
    {
        var peek = await downloads.PeekAsync(token, cancellationToken);
        (State, Reference, Receipt, ReceiptSignature) = (peek.State, peek.Reference, peek.Receipt, peek.ReceiptSignature);
        Response.StatusCode = State switch
        {
            DownloadRequestPackage.State.Ready => StatusCodes.Status200OK,
            DownloadRequestPackage.State.Unknown => StatusCodes.Status404NotFound,
            _ => StatusCodes.Status410Gone,
        };
    }

    public async Task<IActionResult> OnPostAsync(string token, CancellationToken cancellationToken)
    {
        var download = await downloads.TakeAsync(token, cancellationToken);
        if (download.State != DownloadRequestPackage.State.Ready)
        {
            (State, Reference) = (download.State, download.Reference);
            Response.StatusCode = download.State == DownloadRequestPackage.State.Unknown ? StatusCodes.Status404NotFound : StatusCodes.Status410Gone;
            return Page();
        }

        Response.Headers.CacheControl = "no-store";
        return File(download.Package!, "application/zip", download.FileName);
    }
}
