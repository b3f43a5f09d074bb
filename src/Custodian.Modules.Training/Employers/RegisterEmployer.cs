using Custodian.Privacy.Abstractions.Audit;
using Custodian.Privacy.Abstractions.Identifiers;
using Custodian.Privacy.Abstractions.Protection;
using Microsoft.EntityFrameworkCore;

namespace Custodian.Modules.Training.Employers;

/// <summary>
/// Adds an employer that orders and pays for its employees' training (by the registrar, or on a first group
/// enrolment): name, Y-tunnus (the kernel's check), billing by e-invoice (address and operator) or by post, the buyer's
/// reference, and the contact person, whose name and e-mail are sealed under their own key. One employer per Y-tunnus:
/// the second registration of the same company is refused, whatever races.
/// </summary>
internal sealed class RegisterEmployer(TrainingDb db, IPersonalDataVault vault, IAuditLog audit, TimeProvider clock)
{
    public sealed record Input(string? Name, string? BusinessId, string? ContactName, string? ContactEmail, string? EInvoiceAddress, string? EInvoiceOperator, string? PostalAddress, string? InvoiceReference);

    /// <exception cref="TrainingInputException">A field is missing or not valid (<see cref="TrainingInputException.Field"/> names it).</exception>
    public async Task<Guid> RegisterAsync(string actor, Input input, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(input);
        var name = Text(input.Name, "name", 200, "Write the company's name.");
        var businessId = YTunnus.Check(input.BusinessId ?? string.Empty) is { IsValid: true } y ? y.Normalised! : throw new TrainingInputException("businessId", "Not a valid Y-tunnus: " + YTunnus.Check(input.BusinessId ?? string.Empty).Reason + ".");
        var contactName = Text(input.ContactName, "contactName", 200, "Write the contact person's name.");
        var email = Email.Check(input.ContactEmail ?? string.Empty) is { IsValid: true } e ? e.Normalised! : throw new TrainingInputException("contactEmail", "Not a valid e-mail address.");
        var eInvoice = Optional(input.EInvoiceAddress, "eInvoiceAddress", 35);
        var eOperator = Optional(input.EInvoiceOperator, "eInvoiceOperator", 35);
        var postal = Optional(input.PostalAddress, "postalAddress", 300);
        var reference = Optional(input.InvoiceReference, "invoiceReference", 70);
        if (eInvoice is null && postal is null)
        {
            throw new TrainingInputException("eInvoiceAddress", "Give an e-invoice address and operator, or a postal address for invoices.");
        }

        if ((eInvoice is null) != (eOperator is null))
        {
            throw new TrainingInputException(eInvoice is null ? "eInvoiceAddress" : "eInvoiceOperator", "An e-invoice needs both the address and the operator's code.");
        }

        if (await db.Employers.AnyAsync(x => x.BusinessId == businessId, cancellationToken))
        {
            throw new TrainingInputException("businessId", "This company is registered already; its contact person signs in to enrol employees.");
        }

        var id = Guid.CreateVersion7();
        var contact = SubjectId.New();
        var scope = KeyScope.Subject(contact);
        db.Employers.Add(new EmployerRecord
        {
            Id = id,
            Name = name,
            BusinessId = businessId,
            ContactSubjectId = contact,
            EmployerContactName = await vault.SealAsync(scope, TrainingFields.Of(EmployerRecord.Table, "employer_contact_name", id), contactName, cancellationToken),
            EmployerContactEmail = await vault.SealAsync(scope, TrainingFields.Of(EmployerRecord.Table, "employer_contact_email", id), email, cancellationToken),
            ContactEmailIndex = vault.BlindIndexOf(IdentifierType.Email, email),
            EInvoiceAddress = eInvoice,
            EInvoiceOperator = eOperator,
            PostalAddress = postal,
            InvoiceReference = reference,
            CreatedAtUtc = clock.GetUtcNow().UtcDateTime,
        });
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateException)
        {
            db.ChangeTracker.Clear();
            throw new TrainingInputException("businessId", "This company is registered already; its contact person signs in to enrol employees.");
        }

        await audit.AppendAsync(new AuditEvent(actor, "training employer registered", contact, TrainingModule.Register, "employer-billing"), cancellationToken);
        return id;
    }

    private static string Text(string? value, string field, int max, string missing)
    {
        var text = value?.Trim() ?? string.Empty;
        if (text.Length == 0)
        {
            throw new TrainingInputException(field, missing);
        }

        return text.Length > max || text.Any(c => char.IsControl(c) || c is '<' or '>')
            ? throw new TrainingInputException(field, $"At most {max} characters, without < or >.")
            : text;
    }

    private static string? Optional(string? value, string field, int max) =>
        string.IsNullOrWhiteSpace(value) ? null : Text(value, field, max, string.Empty);
}
