using Custodian.Privacy;
using Custodian.Privacy.Abstractions.Protection;
using Microsoft.EntityFrameworkCore;

namespace Custodian.Privacy.Requests;

/// <summary>
/// The subject downloads the result package once, through the expiring link they were sent. The package is
/// deleted at that moment; the signed receipt (with the package's SHA-256) stays with the request.
/// </summary>
public sealed class DownloadRequestPackage(RequestRules rules, IPersonalDataVault vault)
{
    public enum State
    {
        Ready,
        Unknown,
        AlreadyDownloaded,
        Expired,
    }

    public sealed record Download(State State, string? Reference = null, string? FileName = null, byte[]? Package = null, string? Receipt = null, string? ReceiptSignature = null);

    /// <summary>What the link leads to, without using it up.</summary>
    public async Task<Download> PeekAsync(string token, CancellationToken cancellationToken)
    {
        var request = await FindAsync(token, cancellationToken);
        return request is null ? new Download(State.Unknown) : new Download(StateOf(request), request.Reference, Receipt: request.Receipt, ReceiptSignature: request.ReceiptSignature);
    }

    public async Task<Download> TakeAsync(string token, CancellationToken cancellationToken)
    {
        var request = await FindAsync(token, cancellationToken);
        if (request is null || StateOf(request) is var state && state != State.Ready)
        {
            return new Download(request is null ? State.Unknown : StateOf(request), request?.Reference);
        }

        var package = await vault.OpenAsync(request.Package!, RequestFields.Package(request.Id), cancellationToken);
        // Taken in one conditional UPDATE (after the copy was read): of parallel requests exactly one gets it.
        var now = rules.UtcNow;
        if (await rules.Db.Requests.Where(r => r.Id == request.Id && r.DownloadedAtUtc == null && r.Package != null)
                .ExecuteUpdateAsync(u => u.SetProperty(r => r.DownloadedAtUtc, now).SetProperty(r => r.Package, (Encrypted<byte[]>?)null), cancellationToken) != 1)
        {
            return new Download(State.AlreadyDownloaded, request.Reference);
        }

        rules.Note(request, "The subject downloaded the copy; it was deleted from the service.");
        await rules.Db.SaveChangesAsync(cancellationToken);
        await rules.AuditAsync(request, "request.download", cancellationToken);
        return new Download(State.Ready, request.Reference, $"{request.Reference}.zip", package.Value, request.Receipt, request.ReceiptSignature);
    }

    private Task<RequestRecord?> FindAsync(string token, CancellationToken cancellationToken)
    {
        var hash = OneTimeTokens.Hash(token ?? string.Empty);
        return rules.Db.Requests.FirstOrDefaultAsync(r => r.DownloadTokenHash == hash, cancellationToken);
    }

    private State StateOf(RequestRecord request) =>
        request.DownloadedAtUtc is not null ? State.AlreadyDownloaded
        : request.DownloadExpiresAtUtc < rules.UtcNow || request.Package is null ? State.Expired
        : State.Ready;
}
