using System.Globalization;
using Custodian.Modules.Training.Enrolment;
using Custodian.Privacy.Abstractions.Audit;
using Custodian.Privacy.Abstractions.Events;
using Custodian.Privacy.Abstractions.Protection;
using Custodian.Privacy.Abstractions.Time;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;
using Microsoft.Extensions.Configuration;

namespace Custodian.Modules.Training.Invoicing;

/// <summary>
/// Asks billing to invoice every employer whose staff took a seat in a session, once the session has ended: one invoice
/// per employer and session, one line "course × participants" (the description names the course and day, never people),
/// through <c>billing.finnish-invoice-requested.v1</c> written to the outbox in the transaction that stores the module's
/// own <see cref="InvoiceRecord"/>. A participant who did not show up still held a seat, so enrolled people are
/// charged, cancelled and waitlisted ones are not. An employer already requested is left alone, unless billing rejected
/// the request: then it is asked again under the same key with the data as it is now (corrected meanwhile).
/// </summary>
internal sealed class RequestEmployerInvoices(TrainingDb db, IPersonalDataVault vault, IEventOutbox outbox, IAuditLog audit, IConfiguration configuration, TimeProvider clock)
{
    /// <summary>The <c>Source</c> of the module's requests; billing's answers are read only for it.</summary>
    public const string Source = TrainingModule.Register;

    /// <summary>What one run did: employers newly requested (or requested again), and those requested before.</summary>
    public sealed record Outcome(int Requested, int AlreadyRequested);

    /// <summary>VAT on training in percent (<c>Training:Invoicing:VatRate</c>); 25.5 % unless the provider's courses are exempt (AVL 39 §).</summary>
    private decimal VatRate => configuration.GetValue("Training:Invoicing:VatRate", 25.5m);

    public async Task<Outcome> ForSessionAsync(Guid sessionId, string actor, CancellationToken cancellationToken)
    {
        var session = await db.Sessions.AsNoTracking().SingleOrDefaultAsync(s => s.Id == sessionId, cancellationToken)
            ?? throw new TrainingInputException("session", "There is no such session.");
        if (session.CancelledAtUtc is not null)
        {
            throw new TrainingInputException("session", "The session was cancelled: there is nothing to invoice.");
        }

        if (session.EndsAtUtc > clock.GetUtcNow().UtcDateTime)
        {
            throw new TrainingInputException("session", "The session has not ended yet: employers are invoiced once it has.");
        }

        var course = await db.Courses.AsNoTracking().SingleAsync(c => c.Id == session.CourseId, cancellationToken);
        var seats = await db.Enrolments.AsNoTracking()
            .Where(e => e.SessionId == sessionId && e.Status == EnrolmentStatus.Enrolled && e.EmployerId != null)
            .Select(e => new { e.Id, e.TraineeId, EmployerId = e.EmployerId!.Value })
            .ToListAsync(cancellationToken);
        var (requested, before) = (0, 0);
        foreach (var group in seats.GroupBy(s => s.EmployerId).OrderBy(g => g.Key))
        {
            var participants = group.Select(s => (s.Id, s.TraineeId)).ToList();
            if (await RequestAsync(session.Id, session.StartsAtUtc, course, group.Key, participants, actor, cancellationToken))
            {
                requested++;
            }
            else
            {
                before++;
            }
        }

        return new(requested, before);
    }

    /// <summary>False when the key was requested before (and not rejected), by this run's predecessor or a concurrent one.</summary>
    private async Task<bool> RequestAsync(Guid sessionId, DateTime startsAtUtc, Catalogue.CourseRecord course, Guid employerId, List<(Guid Enrolment, Guid Trainee)> participants, string actor, CancellationToken cancellationToken)
    {
        var key = InvoiceRecord.KeyOf(sessionId, employerId);
        if (await db.Invoices.AsNoTracking().AnyAsync(i => i.SourceReference == key && i.State != InvoiceState.Rejected, cancellationToken))
        {
            return false;
        }

        var employer = await db.Employers.AsNoTracking().SingleAsync(e => e.Id == employerId, cancellationToken);
        var contactName = await vault.OpenAsync(employer.EmployerContactName, TrainingFields.Of(Employers.EmployerRecord.Table, "employer_contact_name", employer.Id), cancellationToken);
        var contactEmail = await vault.OpenAsync(employer.EmployerContactEmail, TrainingFields.Of(Employers.EmployerRecord.Table, "employer_contact_email", employer.Id), cancellationToken);
        var day = LocalDays.Helsinki(startsAtUtc).ToString("d.M.yyyy", CultureInfo.InvariantCulture);
        var line = new FinnishInvoiceLine($"{course.NameFi} {day}", participants.Count, course.Price, VatRate);
        var payer = new FinnishInvoicePayer(
            employer.Name, employer.BusinessId, employer.EInvoiceAddress, employer.EInvoiceOperator, employer.PostalAddress,
            contactName.IsErased ? string.Empty : contactName.Value!, contactEmail.IsErased ? string.Empty : contactEmail.Value!, BuyerReference: employer.InvoiceReference);
        var now = clock.GetUtcNow().UtcDateTime;
        var invoiceId = Guid.CreateVersion7(clock.GetUtcNow());
        var names = new List<InvoiceParticipantRecord>();
        foreach (var (enrolment, traineeId) in participants)
        {
            var trainee = await db.Trainees.AsNoTracking().SingleAsync(t => t.Id == traineeId, cancellationToken);
            var first = await vault.OpenAsync(trainee.FirstName, TrainingFields.Of(TraineeRecord.Table, "first_name", trainee.Id), cancellationToken);
            var last = await vault.OpenAsync(trainee.LastName, TrainingFields.Of(TraineeRecord.Table, "last_name", trainee.Id), cancellationToken);
            names.Add(new InvoiceParticipantRecord
            {
                EnrolmentId = enrolment,
                TraineeId = traineeId,
                InvoiceParticipantNames = first.IsErased || last.IsErased ? null
                    : await vault.SealAsync(KeyScope.Subject(trainee.SubjectId), TrainingFields.Of(InvoiceParticipantRecord.Table, "invoice_participant_names", enrolment), $"{first.Value} {last.Value}", cancellationToken),
            });
        }

        var stored = false;
        var storedId = invoiceId;
        var strategy = db.Database.CreateExecutionStrategy();
        await strategy.ExecuteAsync(async () =>
        {
            db.ChangeTracker.Clear();
            stored = false;
            await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
            var existing = await db.Invoices.SingleOrDefaultAsync(i => i.SourceReference == key, cancellationToken);
            if (existing is { State: not InvoiceState.Rejected })
            {
                return; // requested by a concurrent run that committed first
            }

            var invoice = existing ?? new InvoiceRecord { Id = invoiceId, EmployerId = employerId, SessionId = sessionId, SourceReference = key };
            if (existing is not null)
            {
                await db.InvoiceParticipants.Where(p => p.InvoiceId == existing.Id).ExecuteDeleteAsync(cancellationToken);
            }
            else
            {
                db.Invoices.Add(invoice);
            }

            invoice.State = InvoiceState.Requested;
            invoice.Problems = null;
            invoice.Total = line.Quantity * line.UnitPrice;
            invoice.RequestedBy = actor;
            invoice.RequestedAtUtc = now;
            invoice.AnsweredAtUtc = null;
            invoice.Version++;
            foreach (var name in names)
            {
                name.InvoiceId = invoice.Id;
                db.InvoiceParticipants.Add(name);
            }

            try
            {
                await db.SaveChangesAsync(cancellationToken);
            }
            catch (DbUpdateException) when (existing is null)
            {
                return; // the unique key: a concurrent run inserted it and committed while this one waited
            }

            await outbox.AddAsync(transaction.GetDbTransaction(), new FinnishInvoiceRequested(Source, key, payer, [line]), cancellationToken);
            await transaction.CommitAsync(cancellationToken);
            stored = true;
            storedId = invoice.Id;
        });
        if (stored)
        {
            await audit.AppendAsync(new AuditEvent(actor, "training.invoice.requested", Register: TrainingModule.Register, Purpose: "employer-billing", RequestId: storedId.ToString("N")), cancellationToken);
        }

        return stored;
    }
}
