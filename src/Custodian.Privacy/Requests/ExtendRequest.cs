namespace Custodian.Privacy.Requests;

/// <summary>
/// Extends the answer period once, with the reason the subject is told: GDPR art. 12(3) by two further months
/// (complexity or number of requests), 152-FZ art. 14 part 3 by five working days with a reasoned notice.
/// </summary>
public sealed class ExtendRequest(RequestRules rules)
{
    public async Task<DateOnly> ExtendAsync(string reference, string reason, CancellationToken cancellationToken)
    {
        if (string.IsNullOrWhiteSpace(reason) || reason.Trim().Length < 10)
        {
            throw new RequestRefusedException("reason", "An extension needs a reason the subject can read (at least a sentence).");
        }

        var request = await rules.FindAsync(reference, cancellationToken);
        if (request.ExtensionReason is not null)
        {
            throw new RequestRefusedException("status", $"Request {reference} was already extended; the law allows one extension.");
        }

        RequestRules.EnsureCanMove(request, RequestStatus.Extended, RequestStatus.Received, RequestStatus.Verified, RequestStatus.InProgress);
        var register = rules.Register(request.Register);
        if (!Deadlines.StatutoryDeadlines.CanExtend(RequestRules.LawOf(register), request.Kind))
        {
            throw new RequestRefusedException("status", $"152-FZ allows no extension for a {request.Kind} request; it is due {request.DueOn:yyyy-MM-dd}.");
        }

        var due = rules.Due(register, request.ReceivedOn, extended: true, request.Kind);
        if (rules.Today(register) > request.DueOn)
        {
            throw new RequestRefusedException("status", $"Request {reference} is already overdue (due {request.DueOn:yyyy-MM-dd}); an extension must be notified within the first period.");
        }

        request.ExtensionReason = reason.Trim();
        request.DueOn = due;
        await rules.MoveAsync(request, RequestStatus.Extended, $"Extended to {due:yyyy-MM-dd}: {request.ExtensionReason}", cancellationToken);
        return due;
    }
}
