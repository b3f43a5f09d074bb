using Custodian.Privacy;
using Custodian.Privacy.Abstractions.Identifiers;
using Custodian.Privacy.Abstractions.Protection;
using Custodian.Privacy.Abstractions.Requests;
using Custodian.Privacy.Declarations;
using Custodian.Privacy.Requests.Deadlines;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;

namespace Custodian.Privacy.Requests;

/// <summary>
/// Takes a data-subject request from the public form or API (<c>POST /api/privacy/requests</c>), or from an operator
/// who received it by e-mail, Telegram or paper (with the day it arrived). The due date is fixed at receipt; the
/// subject is looked up by the blind index of the e-mail address. Nothing is disclosed before identity is verified.
/// </summary>
public static class SubmitRequest
{
    public sealed record Request(string? Register, string? Kind, string? Email, string? Details, string? Language);

    /// <summary>The host's rate-limit policy for public submissions (each sends a confirmation mail).</summary>
    public const string RateLimitPolicy = Abstractions.Access.RateLimits.PublicForms;

    /// <summary>What the subject is told: the reference and the last day of the answer period.</summary>
    public sealed record Receipt(string Reference, string Register, string Kind, DateOnly ReceivedOn, DateOnly DueOn);

    /// <summary>Rights a register declares (<c>rights:</c>) that each request kind exercises.</summary>
    public static string RightOf(RequestKind kind) => kind switch
    {
        RequestKind.ConsentWithdrawal => "withdraw-consent",
        _ => kind.ToString().ToLowerInvariant(),
    };

    public static RouteGroupBuilder MapSubmitRequest(this RouteGroupBuilder group)
    {
        group.MapPost("/privacy/requests", async Task<Results<Created<Receipt>, ValidationProblem>> (Request request, Intake intake, CancellationToken cancellationToken) =>
        {
            try
            {
                var receipt = await intake.SubmitAsync(request, RequestChannel.Api, receivedOn: null, cancellationToken);
                return TypedResults.Created($"/api/privacy/requests/{receipt.Reference}", receipt);
            }
            catch (RequestRefusedException e)
            {
                return TypedResults.ValidationProblem(new Dictionary<string, string[]> { [e.Field] = [e.Message] }, title: "The request cannot be taken as given.");
            }
        }).AllowAnonymous().DisableAntiforgery().RequireRateLimiting(RateLimitPolicy)
            .WithName("SubmitPrivacyRequest")
            .WithSummary("Takes a data-subject request; a confirmation link goes to the e-mail address before anything is disclosed.")
            .ProducesProblem(StatusCodes.Status415UnsupportedMediaType)
            .ProducesProblem(StatusCodes.Status429TooManyRequests);
        return group;
    }

    public static bool TryParseKind(string? text, out RequestKind kind) =>
        Enum.TryParse(text?.Replace("-", "", StringComparison.Ordinal), ignoreCase: true, out kind) && Enum.IsDefined(kind) && !int.TryParse(text, out _);

    public sealed class Intake(RequestRules rules, IPersonalDataVault vault, IEnumerable<IPersonalDataProvider> providers, RequestMails mails)
    {
        public async Task<Receipt> SubmitAsync(Request request, RequestChannel channel, DateOnly? receivedOn, CancellationToken cancellationToken)
        {
            ArgumentNullException.ThrowIfNull(request);
            var register = rules.Register(request.Register ?? string.Empty);
            if (!TryParseKind(request.Kind, out var kind))
            {
                throw new RequestRefusedException("kind", $"Unknown kind of request '{request.Kind}'; use one of: access, portability, rectification, erasure, restriction, objection, consent-withdrawal.");
            }

            if (!register.Rights.Contains(RightOf(kind)))
            {
                throw new RequestRefusedException("kind", $"The register '{register.Id}' does not offer the right '{RightOf(kind)}' (its legal basis rules it out); see its privacy notice.");
            }

            var email = Identifier.Check(IdentifierType.Email, request.Email ?? string.Empty);
            if (!email.IsValid)
            {
                throw new RequestRefusedException("email", $"The e-mail address is not valid: {email.Reason}.");
            }

            if (request.Details is { Length: > 4000 })
            {
                throw new RequestRefusedException("details", "Please keep the description under 4 000 characters.");
            }

            var today = rules.Today(register);
            var received = receivedOn ?? today;
            if (received > today)
            {
                throw new RequestRefusedException("receivedOn", "The day of receipt cannot be in the future.");
            }

            var id = Guid.CreateVersion7();
            var record = new RequestRecord
            {
                Id = id,
                Reference = OneTimeTokens.NewReference("DSR"),
                Register = register.Id,
                Kind = kind,
                Status = RequestStatus.Received,
                Channel = channel,
                ReceivedAtUtc = rules.UtcNow,
                ReceivedOn = received,
                DueOn = rules.Due(register, received, extended: false, kind),
                ContactEmail = await vault.SealAsync(RequestFields.Scope, RequestFields.ContactEmail(id), email.Normalised!, cancellationToken),
                ContactEmailIndex = vault.BlindIndexOf(IdentifierType.Email, email.Normalised!),
                Details = string.IsNullOrWhiteSpace(request.Details) ? null : await vault.SealAsync(RequestFields.Scope, RequestFields.Details(id), request.Details.Trim(), cancellationToken),
                Language = request.Language is "fi" or "ru" ? request.Language : "en",
            };
            var subjects = new HashSet<SubjectId>();
            foreach (var provider in providers.Where(p => p.Registers.Contains(register.Id)))
            {
                subjects.UnionWith(await provider.FindSubjectsAsync([new SubjectIdentifier(IdentifierType.Email, record.ContactEmailIndex)], cancellationToken));
            }

            record.SubjectId = subjects.Count == 1 ? subjects.Single().Value : null;
            rules.Db.Requests.Add(record);
            rules.Note(record, $"Received via {channel}; due {record.DueOn:yyyy-MM-dd} ({(register.Law == Law.Gdpr ? "GDPR art. 12(3): one month" : kind switch { RequestKind.Rectification => $"152-FZ art. 20 part 3: {StatutoryDeadlines.Ru152FzRectificationWorkingDays} working days", RequestKind.ConsentWithdrawal => $"152-FZ art. 21 part 5: {StatutoryDeadlines.Ru152FzConsentWithdrawalDays} days", _ => $"152-FZ art. 14: {StatutoryDeadlines.Ru152FzWorkingDays} working days" })}). "
                + (subjects.Count switch { 0 => "No records found under this e-mail address.", 1 => "The register holds records under this e-mail address.", _ => $"{subjects.Count} subjects match this e-mail address: the operator decides which." }));
            await rules.MoveAsync(record, RequestStatus.Received, "Waiting for identity verification.", cancellationToken);
            if (channel is RequestChannel.WebForm or RequestChannel.Api)
            {
                // Nothing is disclosed to whoever typed the address until its owner confirms from their mailbox.
                var (token, hash) = OneTimeTokens.New();
                record.ConfirmationTokenHash = hash;
                await mails.SendConfirmationAsync(record, email.Normalised!, token, cancellationToken);
                await rules.Db.SaveChangesAsync(cancellationToken);
            }
            return new Receipt(record.Reference, register.Id, SubmitRequestKindName(kind), record.ReceivedOn, record.DueOn);
        }

        private static string SubmitRequestKindName(RequestKind kind) => kind == RequestKind.ConsentWithdrawal ? "consent-withdrawal" : kind.ToString().ToLowerInvariant();
    }
}
