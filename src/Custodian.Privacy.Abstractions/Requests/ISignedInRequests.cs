namespace Custodian.Privacy.Abstractions.Requests;

/// <summary>
/// A signed-in person's request about their own data (a module's "download my data" / "delete my account"), carried
/// out at once through the kernel's request flow, so it leaves the same request record and signed receipt as any other.
/// </summary>
public interface ISignedInRequests
{
    /// <param name="registerId">The register the person's data is in.</param>
    /// <param name="kind">A request kind: <c>access</c>, <c>erasure</c>, …</param>
    /// <param name="email">The signed-in person's confirmed address, where the kernel writes about the request.</param>
    /// <param name="signedInHow">How the session proved who the person is (kept on the timeline as the verification).</param>
    Task<SignedInRequestResult> RunAsync(string registerId, string kind, string email, string signedInHow, CancellationToken cancellationToken);

    /// <summary>A rectification of one field of one of the person's records (as the register's provider names them), carried out at once.</summary>
    Task<SignedInRequestResult> CorrectAsync(string registerId, string email, string signedInHow, RecordRef record, string field, string value, CancellationToken cancellationToken);
}

/// <summary>
/// Whether the request was taken (false: refused, e.g. an unknown address; <paramref name="Outcome"/> says why), the
/// outcome text, and for access requests the single-use download token of the package.
/// </summary>
public sealed record SignedInRequestResult(bool Taken, string Outcome, string? DownloadToken);
