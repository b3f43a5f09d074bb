namespace Custodian.Privacy.Requests;

/// <summary>Grounds on which a request may be refused, with the provision the subject is pointed to.</summary>
public enum RefusalGround
{
    /// <summary>GDPR art. 12(6) / 152-FZ art. 14 part 3: the requester's identity could not be confirmed.</summary>
    IdentityNotVerified,

    /// <summary>GDPR art. 12(5)(b): manifestly unfounded or excessive, in particular repetitive.</summary>
    ManifestlyUnfoundedOrExcessive,

    /// <summary>GDPR art. 17(3), 18(2), 21(1); 152-FZ art. 14 part 8: the law keeps the data or the processing.</summary>
    LegalObligationOrClaims,

    /// <summary>The right does not apply to this processing (e.g. portability of data not given by the subject).</summary>
    RightDoesNotApply,
}

/// <summary>Refuses a request with the legal ground and an explanation; the subject is told both and may complain to the authority.</summary>
public sealed class RefuseRequest(RequestRules rules, RequestReceipts receipts)
{
    public static string Provision(RefusalGround ground) => ground switch
    {
        RefusalGround.IdentityNotVerified => "GDPR art. 12(6); 152-FZ art. 14 part 3",
        RefusalGround.ManifestlyUnfoundedOrExcessive => "GDPR art. 12(5)(b); 152-FZ art. 14 part 6",
        RefusalGround.LegalObligationOrClaims => "GDPR art. 17(3), 18(2), 21(1); 152-FZ art. 14 part 8",
        _ => "GDPR art. 20(1), 21; 152-FZ art. 14",
    };

    public async Task RefuseAsync(string reference, RefusalGround ground, string explanation, CancellationToken cancellationToken)
    {
        if (string.IsNullOrWhiteSpace(explanation) || explanation.Trim().Length < 10)
        {
            throw new RequestRefusedException("explanation", "A refusal needs an explanation the subject can read (at least a sentence).");
        }

        var request = await rules.FindAsync(reference, cancellationToken);
        RequestRules.EnsureCanMove(request, RequestStatus.Refused, RequestStatus.Received, RequestStatus.Verified, RequestStatus.InProgress, RequestStatus.Extended, RequestStatus.Forwarded);
        request.Outcome = $"Refused ({Provision(ground)}): {explanation.Trim()} You may lodge a complaint with the supervisory authority.";
        request.CompletedAtUtc = rules.UtcNow;
        request.Status = RequestStatus.Refused;
        receipts.Sign(request);
        await rules.MoveAsync(request, RequestStatus.Refused, request.Outcome, cancellationToken);
    }
}
