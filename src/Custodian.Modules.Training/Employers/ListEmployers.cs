using Microsoft.EntityFrameworkCore;

namespace Custodian.Modules.Training.Employers;

/// <summary>
/// The registrar's list of companies that enrol and pay: business and billing details only (not personal data), whether
/// a contact person can sign in, and how many enrolments the company has. The contact's name and e-mail stay sealed.
/// </summary>
internal sealed class ListEmployers(TrainingDb db)
{
    public sealed record Item(Guid Id, string Name, string BusinessId, string? EInvoiceAddress, string? EInvoiceOperator, string? PostalAddress, string? InvoiceReference, bool HasContact, int Enrolments, DateTime CreatedAtUtc);

    public async Task<IReadOnlyList<Item>> ListAsync(CancellationToken cancellationToken)
    {
        var nobody = new Privacy.Abstractions.Protection.SubjectId(Guid.Empty);
        var items = await db.Employers.AsNoTracking()
            .Select(e => new Item(e.Id, e.Name, e.BusinessId, e.EInvoiceAddress, e.EInvoiceOperator, e.PostalAddress, e.InvoiceReference, e.ContactSubjectId != nobody,
                db.Enrolments.Count(n => n.EmployerId == e.Id), e.CreatedAtUtc))
            .ToListAsync(cancellationToken);
        return [.. items.OrderBy(i => i.Name, StringComparer.CurrentCulture)];
    }
}
