using Microsoft.EntityFrameworkCore;

namespace Custodian.Modules.Training.Invoicing;

/// <summary>
/// An employer's own invoices for its staff's courses, newest first, for the employer contact's page (the partial
/// <c>_EmployerInvoices.cshtml</c>): number, date, due date, total and state. Only the employer's own rows; requests
/// billing has not answered yet show without a number.
/// </summary>
internal sealed class EmployerInvoices(TrainingDb db)
{
    public sealed record Row(Guid Id, string? Number, DateOnly? IssuedOn, DateOnly? DueOn, decimal Total, string Currency, InvoiceState State, string CourseFi, string CourseEn, DateTime SessionStartsAtUtc);

    public async Task<IReadOnlyList<Row>> ListAsync(Guid employerId, CancellationToken cancellationToken) =>
        await (from i in db.Invoices.AsNoTracking()
               join s in db.Sessions.AsNoTracking() on i.SessionId equals s.Id
               join c in db.Courses.AsNoTracking() on s.CourseId equals c.Id
               where i.EmployerId == employerId
               orderby i.RequestedAtUtc descending
               select new Row(i.Id, i.Number, i.IssuedOn, i.DueOn, i.Total, i.Currency, i.State, c.NameFi, c.NameEn, s.StartsAtUtc))
            .ToListAsync(cancellationToken);
}
