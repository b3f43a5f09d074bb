using Custodian.Modules.Guidance.Clients;
using Custodian.Modules.Guidance.Programmes;
using Custodian.Privacy.Abstractions.Protection;
using Custodian.Privacy.Abstractions.Requests;
using Microsoft.EntityFrameworkCore;

namespace Custodian.Modules.Guidance.Rights;

/// <summary>A forwarded request as the city's admin sees it: about which client, what was asked and by when.</summary>
internal sealed record WaitingRequest(string Reference, string Kind, Guid ClientId, string ClientName, string Programme, DateOnly ReceivedOn, DateOnly DueOn, string? Details, IReadOnlyList<RequestPurpose> Purposes);

/// <summary>
/// The city's in-app decisions on erasure, rectification, access, restriction and objection requests about clients of
/// its programmes (ADR 0025). The
/// controller's admin of a city programme sees the requests the kernel forwarded about that programme's clients, and
/// approves or refuses them; the kernel carries out the approval (legal holds respected) and keeps the timeline,
/// receipt and audit entries. A request about a client of another programme is out of reach, as if it did not exist.
/// </summary>
internal sealed class ControllerRequests(GuidanceDb db, IControllerDecisions decisions, IPersonalDataVault vault)
{
    /// <summary>The basic-data fields a rectification may correct (the identity code and entries are the coach's to correct).</summary>
    public static readonly IReadOnlyList<string> CorrectableFields = ["first_name", "last_name", "address", "phone", "email"];

    public async Task<IReadOnlyList<WaitingRequest>> WaitingAsync(string account, CancellationToken cancellationToken)
    {
        var clients = await (from a in db.Assignments
                             join p in db.Programmes on a.ProgrammeId equals p.Id
                             join c in db.Clients on p.Id equals c.ProgrammeId
                             where a.Account == account && a.Role == GuidanceRole.ControllerAdmin && p.Register == GuidanceRegisters.City
                             select new { Client = c, Programme = p.Name, a.Role, p.Register }).ToListAsync(cancellationToken);
        clients = [.. clients.Where(c => AccessMatrix.DecidesRequests(c.Role, c.Register))];
        var bySubject = clients.ToDictionary(c => c.Client.SubjectId);
        var waiting = await decisions.WaitingAsync(GuidanceRegisters.City, bySubject.Keys, cancellationToken);
        var views = new List<WaitingRequest>();
        foreach (var request in waiting)
        {
            var found = bySubject[request.Subject];
            var row = found.Client.Id.ToString("N");
            var name = (await vault.OpenAsync(found.Client.FirstName, CreateClient.Field("first_name", row), cancellationToken)).ValueOr("[erased]") + " "
                + (await vault.OpenAsync(found.Client.LastName, CreateClient.Field("last_name", row), cancellationToken)).ValueOr("[erased]");
            views.Add(new WaitingRequest(request.Reference, request.Kind, found.Client.Id, name, found.Programme, request.ReceivedOn, request.DueOn, request.Details, request.Purposes));
        }

        return views;
    }

    public async Task<ControllerDecisionResult> ApproveAsync(string account, string reference, string? field, string? value, string? purpose, CancellationToken cancellationToken)
    {
        var request = await ReachableAsync(account, reference, cancellationToken);
        if (request.Kind == "objection" && !request.Purposes.Any(p => p.Id == purpose))
        {
            throw new GuidanceInputException("Choose the purpose the objection is upheld for.");
        }

        ControllerCorrection? correction = null;
        if (request.Kind == "rectification")
        {
            if (field is null || !CorrectableFields.Contains(field))
            {
                throw new GuidanceInputException("Choose the field to correct: first name, last name, address, phone or e-mail.");
            }

            if (string.IsNullOrWhiteSpace(value))
            {
                throw new GuidanceInputException("Give the corrected value.");
            }

            correction = new ControllerCorrection(new RecordRef(GuidanceRegisters.City, "client", request.ClientId.ToString("D")), field, value.Trim());
        }

        return Checked(await decisions.ApproveAsync(reference, GuidanceRegisters.City, correction, request.Kind == "objection" ? purpose : null, cancellationToken));
    }

    public async Task<ControllerDecisionResult> RefuseAsync(string account, string reference, string? reason, CancellationToken cancellationToken)
    {
        if (string.IsNullOrWhiteSpace(reason) || reason.Trim().Length > 2000)
        {
            throw new GuidanceInputException("Give the reason for refusing (at most 2 000 characters): the person is told it.");
        }

        await ReachableAsync(account, reference, cancellationToken);
        return Checked(await decisions.RefuseAsync(reference, GuidanceRegisters.City, reason, cancellationToken));
    }

    private async Task<WaitingRequest> ReachableAsync(string account, string reference, CancellationToken cancellationToken) =>
        (await WaitingAsync(account, cancellationToken)).FirstOrDefault(r => r.Reference == reference) ?? throw new GuidanceNotFoundException();

    private static ControllerDecisionResult Checked(ControllerDecisionResult result) => result.Outcome switch
    {
        ControllerDecisionOutcome.Invalid => throw new GuidanceInputException(result.Text),
        ControllerDecisionOutcome.NotWaiting => throw new GuidanceNotFoundException(),
        _ => result,
    };
}
