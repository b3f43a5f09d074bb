using Custodian.Privacy;
using Microsoft.EntityFrameworkCore;
using Custodian.Privacy.Abstractions.Protection;

namespace Custodian.Privacy.Requests;

/// <summary>
/// Identity verification before anything is disclosed or changed: the subject was signed in, opened a confirmation
/// link sent to the registered e-mail, or an operator checked identity and notes the evidence (never a copy of an ID).
/// </summary>
public sealed class VerifyRequest(RequestRules rules, IPersonalDataVault vault, RequestMails mails)
{
    public async Task VerifyAsync(string reference, VerificationMethod method, string evidence, SubjectId? subject, CancellationToken cancellationToken)
    {
        if (string.IsNullOrWhiteSpace(evidence) || evidence.Length > 2000)
        {
            throw new RequestRefusedException("evidence", "Say how identity was checked (e.g. \"ID card seen at the office, number not copied\"), in under 2 000 characters.");
        }

        var request = await rules.FindAsync(reference, cancellationToken);
        RequestRules.EnsureCanMove(request, RequestStatus.Verified, RequestStatus.Received);
        if (subject is { } chosen)
        {
            request.SubjectId = chosen.Value;
        }

        request.VerifiedBy = method;
        request.VerificationEvidence = evidence.Trim();
        request.VerifiedAtUtc = rules.UtcNow;
        request.ConfirmationTokenHash = null;
        await rules.MoveAsync(request, RequestStatus.Verified, $"Identity verified ({method}).", cancellationToken);
    }

    /// <summary>Sends (again) a one-time confirmation link to the e-mail address of the request. False when the mail could not be sent.</summary>
    public async Task<bool> SendEmailConfirmationAsync(string reference, CancellationToken cancellationToken)
    {
        var request = await rules.FindAsync(reference, cancellationToken);
        if (request.Status != RequestStatus.Received)
        {
            throw new RequestRefusedException("status", $"Request {reference} is {RequestRules.Describe(request.Status)}; identity is checked only while it is received.");
        }

        var (token, hash) = OneTimeTokens.New();
        request.ConfirmationTokenHash = hash;
        var email = await vault.OpenAsync(request.ContactEmail, RequestFields.ContactEmail(request.Id), cancellationToken);
        var sent = !email.IsErased && await mails.SendConfirmationAsync(request, email.Value!, token, cancellationToken);
        await rules.Db.SaveChangesAsync(cancellationToken);
        return sent;
    }

    /// <summary>The subject opened the confirmation link: the request, or null for an unknown or used token.</summary>
    public async Task<RequestRecord?> ConfirmEmailAsync(string token, CancellationToken cancellationToken)
    {
        var hash = OneTimeTokens.Hash(token ?? string.Empty);
        var found = await rules.Db.Requests.AsNoTracking().Where(r => r.ConfirmationTokenHash == hash && r.Status == RequestStatus.Received)
            .Select(r => new { r.Id, r.Reference }).FirstOrDefaultAsync(cancellationToken);
        if (found is null)
        {
            return null;
        }

        // Used up in one conditional UPDATE: of parallel requests with the same link exactly one changes the row.
        if (await rules.Db.Requests.Where(r => r.Id == found.Id && r.ConfirmationTokenHash == hash && r.Status == RequestStatus.Received)
                .ExecuteUpdateAsync(u => u.SetProperty(r => r.ConfirmationTokenHash, (byte[]?)null), cancellationToken) != 1)
        {
            return null;
        }

        try
        {
            await VerifyAsync(found.Reference, VerificationMethod.EmailLink, "The subject opened the confirmation link sent to the e-mail address given.", null, cancellationToken);
        }
        catch (RequestRefusedException)
        {
            return null; // an operator moved the request on a moment ago
        }

        return await rules.FindAsync(found.Reference, cancellationToken);
    }
}
