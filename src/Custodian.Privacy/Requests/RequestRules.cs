using Custodian.Privacy.Abstractions.Time;
using Custodian.Privacy.Abstractions.Audit;
using Custodian.Privacy.Declarations;
using Custodian.Privacy.Requests.Deadlines;
using Microsoft.EntityFrameworkCore;

namespace Custodian.Privacy.Requests;

/// <summary>A request that cannot be taken or moved on as asked; the message is for the person asking (no personal data).</summary>
public sealed class RequestRefusedException(string field, string message) : Exception(message)
{
    public string Field { get; } = field;
}

/// <summary>What every request use case shares: finding a request, the law's calendar day, status changes with their timeline.</summary>
public sealed class RequestRules(PrivacyDb db, RegisterCatalog registers, StatutoryDeadlines deadlines, IAuditLog audit, ICurrentActor actor, TimeProvider clock)
{
    public PrivacyDb Db => db;

    public DateTime UtcNow => clock.GetUtcNow().UtcDateTime;

    public RegisterDeclaration Register(string id) =>
        registers.Find(id) ?? throw new RequestRefusedException("register", $"There is no register '{id}'.");

    public RegisterDeclaration? TryRegister(string id) => registers.Find(id);

    public static RequestLaw LawOf(RegisterDeclaration register) => register.Law == Law.Gdpr ? RequestLaw.Gdpr : RequestLaw.Ru152Fz;

    /// <summary>Today where the register's law applies: a request received at 23:30 in Moscow counts from that day.</summary>
    public DateOnly Today(RegisterDeclaration register) =>
        register.Law == Law.Gdpr ? LocalDays.Helsinki(UtcNow) : LocalDays.Moscow(UtcNow);

    public DateOnly Due(RegisterDeclaration register, DateOnly receivedOn, bool extended, RequestKind kind)
    {
        ArgumentNullException.ThrowIfNull(register);
        try
        {
            return deadlines.Due(LawOf(register), receivedOn, extended, kind);
        }
        catch (CalendarYearUnknownException e)
        {
            throw new RequestRefusedException("receivedOn", e.Message);
        }
    }

    public async Task<RequestRecord> FindAsync(string reference, CancellationToken cancellationToken) =>
        await db.Requests.FirstOrDefaultAsync(r => r.Reference == reference, cancellationToken)
            ?? throw new RequestRefusedException("reference", $"There is no request {reference}.");

    /// <summary>Throws unless the request may move from its current status to <paramref name="status"/>.</summary>
    public static void EnsureCanMove(RequestRecord request, RequestStatus status, params RequestStatus[] allowedFrom)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (!allowedFrom.Contains(request.Status))
        {
            throw new RequestRefusedException("status", $"Request {request.Reference} is {Describe(request.Status)}; it cannot be {Describe(status)} now.");
        }
    }

    /// <summary>Moves the request to <paramref name="status"/> with a timeline entry, saves, and appends an audit entry.</summary>
    public async Task MoveAsync(RequestRecord request, RequestStatus status, string note, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        request.Status = status;
        Note(request, note);
        await db.SaveChangesAsync(cancellationToken);
        await AuditAsync(request, "request." + status.ToString().ToLowerInvariant(), cancellationToken);
    }

    public Task AuditAsync(RequestRecord request, string action, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        return audit.AppendAsync(new AuditEvent(actor.Actor, action, request.SubjectId is { } s ? new(s) : null, request.Register, "data-subject-requests", request.Reference), cancellationToken);
    }

    /// <summary>Adds a timeline entry (saved with the next save).</summary>
    public void Note(RequestRecord request, string note)
    {
        ArgumentNullException.ThrowIfNull(request);
        db.RequestEvents.Add(new RequestEventRecord { Id = Guid.CreateVersion7(), RequestId = request.Id, AtUtc = UtcNow, Status = request.Status, Actor = actor.Actor, Note = note });
    }

    public static string Describe(RequestStatus status) => status switch
    {
        RequestStatus.Received => "received",
        RequestStatus.Verified => "verified",
        RequestStatus.InProgress => "in progress",
        RequestStatus.Extended => "extended",
        RequestStatus.Forwarded => "forwarded to the controller",
        RequestStatus.Completed => "completed",
        RequestStatus.Refused => "refused",
        _ => status.ToString(),
    };
}
