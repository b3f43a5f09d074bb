using Custodian.Privacy.Abstractions.Protection;
using Microsoft.EntityFrameworkCore;

namespace Custodian.Privacy.Requests;

/// <summary>The operator's view of requests: open ones by due date with overdue and due-soon warnings, and one request's timeline.</summary>
public sealed class OpenRequests(RequestRules rules, IPersonalDataVault vault)
{
    /// <summary>Open requests due within this many days are flagged.</summary>
    public const int DueSoonDays = 3;

    public sealed record Row(string Reference, string Register, RequestKind Kind, RequestStatus Status, RequestChannel Channel, DateOnly ReceivedOn, DateOnly DueOn, int DaysLeft)
    {
        public bool Overdue => DaysLeft < 0;

        public bool DueSoon => DaysLeft is >= 0 and <= DueSoonDays;
    }

    public sealed record Detail(RequestRecord Request, string ContactEmail, string? Details, IReadOnlyList<RequestEventRecord> Timeline);

    public async Task<IReadOnlyList<Row>> ListAsync(bool includeClosed, CancellationToken cancellationToken)
    {
        var query = rules.Db.Requests.AsNoTracking();
        if (!includeClosed)
        {
            query = query.Where(r => r.Status != RequestStatus.Completed && r.Status != RequestStatus.Refused);
        }

        var requests = await query.OrderBy(r => r.DueOn).ThenBy(r => r.ReceivedAtUtc).Take(500).ToListAsync(cancellationToken);
        // A register taken out of the declarations still has its requests answered: its day is then UTC's.
        var utcToday = DateOnly.FromDateTime(rules.UtcNow);
        return [.. requests.Select(r => new Row(r.Reference, r.Register, r.Kind, r.Status, r.Channel, r.ReceivedOn, r.DueOn,
            r.DueOn.DayNumber - (rules.TryRegister(r.Register) is { } register ? rules.Today(register) : utcToday).DayNumber))];
    }

    /// <summary>One request with its contact details in clear, for the operator handling it (the read is audited by the caller's action).</summary>
    public async Task<Detail> DetailAsync(string reference, CancellationToken cancellationToken)
    {
        var request = await rules.FindAsync(reference, cancellationToken);
        var email = await vault.OpenAsync(request.ContactEmail, RequestFields.ContactEmail(request.Id), cancellationToken);
        var details = request.Details is null ? null : (await vault.OpenAsync(request.Details, RequestFields.Details(request.Id), cancellationToken)).ValueOr("[erased]");
        await rules.AuditAsync(request, "request.read", cancellationToken);
        var timeline = await rules.Db.RequestEvents.AsNoTracking().Where(e => e.RequestId == request.Id).OrderBy(e => e.AtUtc).ThenBy(e => e.Id).ToListAsync(cancellationToken);
        return new Detail(request, email.ValueOr("[erased]"), details, timeline);
    }
}
