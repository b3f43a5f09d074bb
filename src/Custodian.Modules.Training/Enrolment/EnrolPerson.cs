using System.Text.Json;
using Custodian.Privacy.Abstractions.Access;
using Custodian.Privacy.Abstractions.Audit;
using Custodian.Privacy.Abstractions.Consent;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;

namespace Custodian.Modules.Training.Enrolment;

/// <summary>
/// A person enrols in a session through the public form or <c>POST /api/training/enrolments</c>: every field checked at
/// once, the person found by HETU blind index or added, a seat taken or a waiting-list place given, in one transaction.
/// A racing second enrolment of the same person meets the live-enrolment unique index and answers as a duplicate; a form
/// submitted twice (same <see cref="Request.SubmissionKey"/>) enrols once and answers with the first result. After the
/// commit: the marketing consent (only when ticked) into the kernel's ledger, the audit entry, the confirmation mail.
/// </summary>
internal sealed class EnrolPerson(TrainingDb db, SeatBooking seats, EnrolmentMail mails, IConsentLedger consents, IAuditLog audit, ICurrentActor actor)
{
    /// <summary>The marketing question exactly as the form shows it (the ledger keeps a hash of the text consented to).</summary>
    public const string MarketingQuestionFi = "Haluan sähköpostia tulevista kursseista ja korttini vanhenemisesta.";

    public const string MarketingQuestionEn = "I would like e-mail about upcoming courses and the expiry of my card.";

    public static readonly ConsentPurpose Marketing = new(TrainingModule.Register, "marketing");

    public sealed record Request(Guid SessionId, PersonInput Person, bool Marketing, string? SubmissionKey, ConsentChannel Channel = ConsentChannel.WebForm);

    /// <summary>The enrolment's reference and state; <see cref="Replayed"/> when the same submission was taken before.</summary>
    public sealed record Result(Guid EnrolmentId, string Reference, EnrolmentStatus Status, bool Replayed);

    public async Task<Result> EnrolAsync(Request request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var errors = new Dictionary<string, List<string>>(StringComparer.Ordinal);
        var person = PersonInputCheck.Check(request.Person, errors, phoneRequired: true);
        var key = SubmissionKeyOf(request.SubmissionKey, errors);
        if (person is null || errors.Count > 0)
        {
            throw new TrainingInvalidException(PersonInputCheck.AsProblem(errors));
        }

        for (var attempt = 1; ; attempt++)
        {
            db.ChangeTracker.Clear();
            if (key is not null && await ReplayAsync(key, cancellationToken) is { } replay)
            {
                return replay;
            }

            var session = await seats.OpenSessionAsync(request.SessionId, cancellationToken);
            var prepared = await seats.PrepareAsync(person, cancellationToken);
            var employerId = await RegisteredEmployerAsync(person.CompanyBusinessId, cancellationToken);
            await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
            SeatBooking.Booked booked;
            try
            {
                if (key is not null && await ReplayAsync(key, cancellationToken) is { } raced)
                {
                    return raced;
                }

                booked = await seats.BookAsync(session, prepared, EnrolmentSource.Person, employerId, request.Marketing, key, cancellationToken);
                await db.SaveChangesAsync(cancellationToken);
                await transaction.CommitAsync(cancellationToken);
            }
            catch (Exception e) when (e is DbUpdateException or SeatBooking.StaleException && attempt < 5)
            {
                // A parallel request committed the same person, submission or trainee first: the next round sees its rows.
                await transaction.RollbackAsync(cancellationToken);
                continue;
            }

            var enrolment = booked.Enrolment;
            if (request.Marketing)
            {
                await consents.GiveAsync(booked.Trainee.SubjectId, Marketing, MarketingQuestionFi + " / " + MarketingQuestionEn, new ConsentEvidence(request.Channel, enrolment.Reference), cancellationToken);
            }

            await audit.AppendAsync(new AuditEvent(actor.Actor, "training enrol " + enrolment.Status.ToString().ToLowerInvariant(), booked.Trainee.SubjectId, TrainingModule.Register, "course-delivery", actor.RequestId), cancellationToken);
            await mails.SendConfirmationAsync(person.Email, await mails.SessionAsync(session.Id, cancellationToken), enrolment.Reference, enrolment.Status, booked.CancelToken, cancellationToken);
            return new Result(enrolment.Id, enrolment.Reference, enrolment.Status, Replayed: false);
        }
    }

    /// <summary>The form's one-time token or the API's <c>Idempotency-Key</c>: printable ASCII, 16–64 characters, or none.</summary>
    internal static string? SubmissionKeyOf(string? value, IDictionary<string, List<string>> errors)
    {
        var key = value?.Trim();
        if (string.IsNullOrEmpty(key))
        {
            return null;
        }

        if (key.Length is < 16 or > 64 || !key.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_'))
        {
            PersonInputCheck.Add(errors, "submissionKey", "The form has expired: please reload the page and send it again.");
            return null;
        }

        return key;
    }

    private async Task<Result?> ReplayAsync(string key, CancellationToken cancellationToken) =>
        await db.Enrolments.AsNoTracking().Where(e => e.SubmissionKey == key)
            .Select(e => new Result(e.Id, e.Reference, e.Status, true)).SingleOrDefaultAsync(cancellationToken);

    /// <summary>
    /// A person who names the Y-tunnus of an employer registered with us takes part on that employer's account, as an
    /// employer's group enrolment does: the employer is invoiced for the seat and sees the person on its list.
    /// </summary>
    private async Task<Guid?> RegisteredEmployerAsync(string? businessId, CancellationToken cancellationToken) =>
        businessId is { Length: > 0 } ? await db.Employers.AsNoTracking().Where(e => e.BusinessId == businessId).Select(e => (Guid?)e.Id).FirstOrDefaultAsync(cancellationToken) : null;
}

/// <summary><c>POST /api/training/enrolments</c>: 201 with the reference and status, 400 naming every bad field, 404, 409.</summary>
internal static class EnrolPersonEndpoint
{
    /// <summary>The API's answer: <c>status</c> is <c>enrolled</c> or <c>waitlisted</c>.</summary>
    public sealed record Response(string Reference, string Status);

    /// <summary>The body as documented (every field is checked by hand, so a wrong type is a named field error, not a bare 400).</summary>
    public sealed record Body(Guid SessionId, string FirstName, string LastName, string Hetu, string Email, string Phone, CompanyBody? Company, bool Marketing);

    public sealed record CompanyBody(string? Name, string? BusinessId, string? Position);

    public static RouteGroupBuilder MapEnrolPerson(this RouteGroupBuilder group)
    {
        group.MapPost("/enrolments", HandleAsync).AllowAnonymous().DisableAntiforgery().RequireRateLimiting(RateLimits.PublicForms)
            .WithName("EnrolInTrainingSession")
            .WithSummary("Enrols a person in a course session: a seat while there are seats, else a waiting-list place. A confirmation mail with a cancellation link follows.")
            .WithDescription("Send the same Idempotency-Key header again to get the first answer instead of a second enrolment.")
            .Accepts<Body>("application/json")
            .Produces<Response>(StatusCodes.Status201Created)
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict)
            .ProducesProblem(StatusCodes.Status415UnsupportedMediaType)
            .ProducesProblem(StatusCodes.Status429TooManyRequests);
        return group;
    }

    public static string StatusName(EnrolmentStatus status) => status switch
    {
        EnrolmentStatus.Enrolled => "enrolled",
        EnrolmentStatus.Waitlisted => "waitlisted",
        _ => "cancelled",
    };

    private static async Task<IResult> HandleAsync(HttpRequest http, EnrolPerson enrol, CancellationToken cancellationToken)
    {
        if (!http.HasJsonContentType())
        {
            return TypedResults.Problem(title: "Send the enrolment as application/json.", statusCode: StatusCodes.Status415UnsupportedMediaType);
        }

        var errors = new Dictionary<string, List<string>>(StringComparer.Ordinal);
        JsonElement body;
        try
        {
            using var document = await JsonDocument.ParseAsync(http.Body, cancellationToken: cancellationToken);
            body = document.RootElement.Clone();
        }
        catch (JsonException)
        {
            return Invalid(new Dictionary<string, string[]> { ["body"] = ["The body is not valid JSON."] });
        }

        if (body.ValueKind != JsonValueKind.Object)
        {
            return Invalid(new Dictionary<string, string[]> { ["body"] = ["The body must be a JSON object."] });
        }

        var sessionText = Text(body, "sessionId", errors);
        Guid sessionId = default;
        if (sessionText is null || !Guid.TryParse(sessionText, out sessionId))
        {
            PersonInputCheck.Add(errors, "sessionId", "Give the session's id from GET /api/training/sessions.");
        }

        var company = body.TryGetProperty("company", out var c) ? c : default;
        if (company.ValueKind is not (JsonValueKind.Undefined or JsonValueKind.Null or JsonValueKind.Object))
        {
            PersonInputCheck.Add(errors, "company", "The company must be an object with name, businessId and position.");
            company = default;
        }

        var person = new PersonInput(Text(body, "firstName", errors), Text(body, "lastName", errors), Text(body, "hetu", errors), Text(body, "email", errors), Text(body, "phone", errors),
            Text(company, "name", errors, "company."), Text(company, "businessId", errors, "company."), Text(company, "position", errors, "company."));
        var marketing = false;
        if (body.TryGetProperty("marketing", out var m) && m.ValueKind is not JsonValueKind.Null)
        {
            if (m.ValueKind is JsonValueKind.True or JsonValueKind.False)
            {
                marketing = m.GetBoolean();
            }
            else
            {
                PersonInputCheck.Add(errors, "marketing", "Answer the marketing question with true or false.");
            }
        }

        var key = http.Headers["Idempotency-Key"].ToString();
        if (errors.Count > 0)
        {
            PersonInputCheck.Check(person, errors, phoneRequired: true);
            EnrolPerson.SubmissionKeyOf(key, errors);
            return Invalid(PersonInputCheck.AsProblem(errors));
        }

        try
        {
            var result = await enrol.EnrolAsync(new EnrolPerson.Request(sessionId, person, marketing, key, ConsentChannel.Api), cancellationToken);
            return TypedResults.Created((string?)null, new Response(result.Reference, StatusName(result.Status)));
        }
        catch (TrainingInvalidException e)
        {
            return Invalid(e.Errors);
        }
        catch (TrainingNotFoundException)
        {
            return TypedResults.Problem(title: "There is no such session.", statusCode: StatusCodes.Status404NotFound);
        }
        catch (TrainingConflictException e)
        {
            return TypedResults.Problem(title: e.Message, statusCode: StatusCodes.Status409Conflict);
        }
    }

    private static ValidationProblem Invalid(IReadOnlyDictionary<string, string[]> errors) =>
        TypedResults.ValidationProblem(errors, title: "Some fields need correcting.");

    private static string? Text(JsonElement owner, string name, Dictionary<string, List<string>> errors, string prefix = "")
    {
        if (owner.ValueKind != JsonValueKind.Object || !owner.TryGetProperty(name, out var value) || value.ValueKind == JsonValueKind.Null)
        {
            return null;
        }

        if (value.ValueKind == JsonValueKind.String)
        {
            return value.GetString();
        }

        PersonInputCheck.Add(errors, prefix + name, "Give this field as text.");
        return null;
    }
}
