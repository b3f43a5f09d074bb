using Custodian.Privacy.Abstractions.Protection;
using Custodian.Privacy.Abstractions.Requests;
using Microsoft.EntityFrameworkCore;

namespace Custodian.Privacy.Requests;

/// <summary>
/// A controller's decision on a forwarded erasure, rectification, access, restriction or objection request, taken in the
/// app (ADR 0025). The approval runs the same erasure, rectification, copy, restriction or objection as
/// <see cref="ExecuteRequest"/>; an erasure a module's legal hold blocks
/// erases nothing and is refused with the hold's reason, so the controller sees at once why the record stays.
/// </summary>
internal sealed class ControllerDecisions(RequestRules rules, IEnumerable<IPersonalDataProvider> providers, ExecuteRequest execute, RequestReceipts receipts, IPersonalDataVault vault)
    : IControllerDecisions
{
    private static readonly RequestKind[] Decided = [RequestKind.Erasure, RequestKind.Rectification, RequestKind.Access, RequestKind.Restriction, RequestKind.Objection];

    private static string KindKey(RequestKind kind) => kind switch
    {
        RequestKind.Erasure => "erasure",
        RequestKind.Rectification => "rectification",
        RequestKind.Access => "access",
        RequestKind.Restriction => "restriction",
        RequestKind.Objection => "objection",
        _ => throw new ArgumentOutOfRangeException(nameof(kind)),
    };

    public async Task<IReadOnlyList<ForwardedRequest>> WaitingAsync(string registerId, IReadOnlyCollection<SubjectId> subjects, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(subjects);
        var ids = subjects.Select(s => s.Value).ToList();
        if (ids.Count == 0)
        {
            return [];
        }

        var waiting = await rules.Db.Requests.AsNoTracking()
            .Where(r => r.Register == registerId && r.Status == RequestStatus.Forwarded && Decided.Contains(r.Kind) && r.SubjectId != null && ids.Contains(r.SubjectId.Value))
            .ToListAsync(cancellationToken);
        var answer = new List<ForwardedRequest>();
        foreach (var request in waiting.OrderBy(r => r.DueOn).ThenBy(r => r.ReceivedAtUtc))
        {
            var details = request.Details is null ? null : (await vault.OpenAsync(request.Details, RequestFields.Details(request.Id), cancellationToken)).ValueOr("[erased]");
            var purposes = request.Kind == RequestKind.Objection
                ? rules.Register(request.Register).Purposes.Select(p => new RequestPurpose(p.Id, p.Description.In(System.Globalization.CultureInfo.CurrentUICulture.TwoLetterISOLanguageName))).ToList()
                : [];
            answer.Add(new ForwardedRequest(request.Reference, KindKey(request.Kind), new SubjectId(request.SubjectId!.Value), request.ReceivedOn, request.DueOn, details, purposes));
        }

        return answer;
    }

    public async Task<ControllerDecisionResult> ApproveAsync(string reference, string registerId, ControllerCorrection? correction, string? objectedPurpose, CancellationToken cancellationToken)
    {
        if (await WaitingRequestAsync(reference, registerId, cancellationToken) is not { } request)
        {
            return NotWaiting;
        }

        var register = rules.Register(request.Register);
        if (request.Kind is RequestKind.Access or RequestKind.Restriction or RequestKind.Objection)
        {
            // Checked before anything moves: a wrong purpose must leave the request waiting for the decision.
            if (request.Kind == RequestKind.Objection && !register.Purposes.Any(p => p.Id == objectedPurpose))
            {
                return new ControllerDecisionResult(ControllerDecisionOutcome.Invalid, "Choose the purpose the objection is upheld for.");
            }

            var done = await execute.CarryOutAsync(request, register, new ExecutionInput(Purpose: objectedPurpose), cancellationToken);
            return new ControllerDecisionResult(ControllerDecisionOutcome.CarriedOut, done.Outcome);
        }

        var subject = new SubjectId(request.SubjectId!.Value);
        var holding = providers.Where(p => p.Registers.Contains(register.Id)).ToList();
        string outcome;
        if (request.Kind == RequestKind.Erasure)
        {
            var holds = new List<LegalHold>();
            foreach (var provider in holding.Where(p => p.Name != KernelDataProvider.ProviderName))
            {
                holds.AddRange(await provider.HoldsAsync(subject, register.Id, cancellationToken));
            }

            if (holds.Count > 0)
            {
                var why = string.Join(" ", holds.Select(h => h.Explanation).Distinct(StringComparer.Ordinal));
                await CloseAsync(request, RequestStatus.Refused, "The controller approved the erasure, but the data must be kept: " + why, cancellationToken);
                return new ControllerDecisionResult(ControllerDecisionOutcome.Held, why);
            }

            await rules.MoveAsync(request, RequestStatus.InProgress, "Erasure approved by the controller; tasks sent to: " + string.Join(", ", holding.Select(p => p.Name)) + ".", cancellationToken);
            outcome = await execute.EraseAsync(request, register, holding, subject, cancellationToken);
        }
        else
        {
            if (correction is null)
            {
                return new ControllerDecisionResult(ControllerDecisionOutcome.Invalid, "Choose the field to correct and give the corrected value.");
            }

            try
            {
                outcome = await execute.RectifyAsync(request, holding, subject, new ExecutionInput(Record: correction.Record, Field: correction.Field, Value: correction.Value), cancellationToken);
            }
            catch (RequestRefusedException e)
            {
                return new ControllerDecisionResult(ControllerDecisionOutcome.Invalid, e.Message);
            }
        }

        await CloseAsync(request, RequestStatus.Completed, outcome, cancellationToken);
        return new ControllerDecisionResult(ControllerDecisionOutcome.CarriedOut, outcome);
    }

    public async Task<ControllerDecisionResult> RefuseAsync(string reference, string registerId, string reason, CancellationToken cancellationToken)
    {
        if (string.IsNullOrWhiteSpace(reason) || reason.Trim().Length > 2000)
        {
            return new ControllerDecisionResult(ControllerDecisionOutcome.Invalid, "Give the reason for refusing (at most 2 000 characters): the person is told it.");
        }

        if (await WaitingRequestAsync(reference, registerId, cancellationToken) is not { } request)
        {
            return NotWaiting;
        }

        var outcome = "Refused by the controller: " + reason.Trim();
        await CloseAsync(request, RequestStatus.Refused, outcome, cancellationToken);
        return new ControllerDecisionResult(ControllerDecisionOutcome.Refused, outcome);
    }

    private static ControllerDecisionResult NotWaiting => new(ControllerDecisionOutcome.NotWaiting, "This request no longer waits for a decision.");

    private async Task<RequestRecord?> WaitingRequestAsync(string reference, string registerId, CancellationToken cancellationToken) =>
        await rules.Db.Requests.FirstOrDefaultAsync(r => r.Reference == reference, cancellationToken) is { } request
        && request.Register == registerId && request.Status == RequestStatus.Forwarded && Decided.Contains(request.Kind) && request.SubjectId is not null
            ? request
            : null;

    private async Task CloseAsync(RequestRecord request, RequestStatus status, string outcome, CancellationToken cancellationToken)
    {
        request.Outcome = outcome;
        request.CompletedAtUtc = rules.UtcNow;
        request.Status = status;
        receipts.Sign(request);
        await rules.MoveAsync(request, status, outcome, cancellationToken);
    }
}
