using Custodian.Privacy.Abstractions.Protection;

namespace Custodian.Privacy.Abstractions.Requests;

/// <summary>
/// A request about a processor register, forwarded to its controller and waiting for the controller's decision.
/// <paramref name="Kind"/> is <c>erasure</c>, <c>rectification</c>, <c>access</c>, <c>restriction</c> or <c>objection</c>;
/// <paramref name="Details"/> is what the person wrote (what to correct, what they object to), for the controller's eyes
/// only; <paramref name="Purposes"/> are the register's purposes an objection may be upheld for (empty for other kinds).
/// </summary>
public sealed record ForwardedRequest(string Reference, string Kind, SubjectId Subject, DateOnly ReceivedOn, DateOnly DueOn, string? Details, IReadOnlyList<RequestPurpose> Purposes);

/// <summary>A purpose of the register (its id and its description in the current UI language).</summary>
public sealed record RequestPurpose(string Id, string Description);

/// <summary>The correction a controller approves: one declared field of one of the subject's records.</summary>
public sealed record ControllerCorrection(RecordRef Record, string Field, string Value);

public enum ControllerDecisionOutcome
{
    /// <summary>Approved and carried out (erased, corrected, copied, restricted, or the objection upheld); the request is completed.</summary>
    CarriedOut,

    /// <summary>Approved, but a legal hold keeps the data: nothing was erased and the request is refused with the hold's reason.</summary>
    Held,

    /// <summary>Refused by the controller with a reason.</summary>
    Refused,

    /// <summary>The request does not wait for this controller's decision (decided already, or another register).</summary>
    NotWaiting,

    /// <summary>The decision cannot be carried out as given (no reason for a refusal, a correction the record does not take).</summary>
    Invalid,
}

/// <summary>What a decision did, in words for the controller's page (no personal data).</summary>
public sealed record ControllerDecisionResult(ControllerDecisionOutcome Outcome, string Text);

/// <summary>
/// The controller's decisions on forwarded requests, taken inside the app by a user of the controller's organisation
/// (a module decides who that is). An approval runs the kernel's own erasure, rectification, copy (access), restriction
/// or objection, so legal holds, the request's timeline, its signed receipt, the copy's download link and the audit log
/// are exactly those of a request the kernel carries out. Requests whose controller has no user in the app stay
/// forwarded by e-mail and are closed by the operator.
/// </summary>
public interface IControllerDecisions
{
    /// <summary>Erasure, rectification, access, restriction and objection requests of the register, forwarded and undecided, about any of these subjects.</summary>
    Task<IReadOnlyList<ForwardedRequest>> WaitingAsync(string registerId, IReadOnlyCollection<SubjectId> subjects, CancellationToken cancellationToken);

    /// <summary>
    /// Approves: erasure runs unless a legal hold applies; rectification needs <paramref name="correction"/>; an access
    /// request produces the copy and mails its link; restriction restricts the subject's records; an objection is upheld
    /// for <paramref name="objectedPurpose"/> (one of <see cref="ForwardedRequest.Purposes"/>) and that processing stops.
    /// </summary>
    Task<ControllerDecisionResult> ApproveAsync(string reference, string registerId, ControllerCorrection? correction, string? objectedPurpose, CancellationToken cancellationToken);

    /// <summary>Refuses with the reason given to the person.</summary>
    Task<ControllerDecisionResult> RefuseAsync(string reference, string registerId, string reason, CancellationToken cancellationToken);
}
