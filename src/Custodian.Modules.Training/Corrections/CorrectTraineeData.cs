using Custodian.Modules.Training.Staff;
using Custodian.Privacy.Abstractions.Audit;
using Custodian.Privacy.Abstractions.Identifiers;
using Custodian.Privacy.Abstractions.Protection;
using Microsoft.EntityFrameworkCore;

namespace Custodian.Modules.Training.Corrections;

internal sealed record CorrectionView(string Field, string? EarlierValue, string CorrectedBy, DateTime CorrectedAtUtc);

/// <summary>
/// Corrections from the personal-data form filled in at the course: name, e-mail, phone, and the enrolment's company
/// and position. Each changed field keeps its earlier value in a sealed correction row with who and when, in the same
/// commit as the change; the e-mail's blind index follows the new address. Only changed fields are written.
/// </summary>
internal sealed class CorrectTraineeData(TrainingDb db, IPersonalDataVault vault, IAuditLog audit, TimeProvider clock)
{
    public sealed record Input(string? FirstName, string? LastName, string? Email, string? Phone, string? Company, string? Position);

    /// <summary>The field keys and their page labels, in the form's order.</summary>
    public static readonly IReadOnlyList<(string Field, string Label)> Fields =
        [("first_name", "First name"), ("last_name", "Last name"), ("email", "E-mail"), ("phone", "Mobile number"), ("company_name", "Company"), ("position", "Position")];

    /// <summary>Returns how many fields changed.</summary>
    public async Task<int> CorrectAsync(TrainingStaff staff, Guid enrolmentId, Input input, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(input);
        var first = Name(input.FirstName, "firstName", "Enter the first name (at most 100 characters, no < or >).");
        var last = Name(input.LastName, "lastName", "Enter the last name (at most 100 characters, no < or >).");
        var email = Identifier.Check(IdentifierType.Email, input.Email?.Trim());
        if (!email.IsValid)
        {
            throw new TrainingInputException("email", "Enter a valid e-mail address.");
        }

        string? phone = null;
        if (!string.IsNullOrWhiteSpace(input.Phone))
        {
            var check = Privacy.Abstractions.Identifiers.Phone.Check(input.Phone.Trim(), "+358");
            phone = check.IsValid ? check.Normalised : throw new TrainingInputException("phone", "Enter a valid mobile number, e.g. +358 40 123 4567.");
        }

        var company = Optional(input.Company, "company", "Write the company in at most 200 characters, no < or >.");
        var position = Optional(input.Position, "position", "Write the position in at most 200 characters, no < or >.");

        var reached = await staff.EnrolmentAsync(db, enrolmentId, cancellationToken);
        var (trainee, enrolment) = (reached.Trainee, reached.Enrolment);
        var current = await TraineeData.OpenAsync(vault, trainee, cancellationToken);
        var currentCompany = await TraineeData.OpenAsync(vault, enrolment.CompanyName, TrainingFields.Enrolment("company_name", enrolment.Id), cancellationToken);
        var currentPosition = await TraineeData.OpenAsync(vault, enrolment.Position, TrainingFields.Enrolment("position", enrolment.Id), cancellationToken);
        var key = TraineeData.Key(trainee);
        var now = clock.GetUtcNow().UtcDateTime;
        var changed = 0;

        async Task<bool> Changed(string field, string? earlier, string? corrected, Guid? enrolmentOf)
        {
            if (string.Equals(earlier, corrected, StringComparison.Ordinal))
            {
                return false;
            }

            var id = Guid.CreateVersion7();
            db.Add(new CorrectionRecord
            {
                Id = id,
                TraineeId = trainee.Id,
                EnrolmentId = enrolmentOf,
                Field = field,
                EarlierValue = earlier is null ? null : await vault.SealAsync(key, Field(id), earlier, cancellationToken),
                CorrectedBy = staff.Account,
                CorrectedAtUtc = now,
            });
            changed++;
            return true;
        }

        if (await Changed("first_name", current.FirstName, first, null))
        {
            trainee.FirstName = await vault.SealAsync(key, TrainingFields.Trainee("first_name", trainee.Id), first, cancellationToken);
        }

        if (await Changed("last_name", current.LastName, last, null))
        {
            trainee.LastName = await vault.SealAsync(key, TrainingFields.Trainee("last_name", trainee.Id), last, cancellationToken);
        }

        if (await Changed("email", current.Email, email.Normalised, null))
        {
            trainee.Email = await vault.SealAsync(key, TrainingFields.Trainee("email", trainee.Id), email.Normalised!, cancellationToken);
            trainee.EmailIndex = vault.BlindIndexOf(IdentifierType.Email, email.Normalised!);
        }

        if (await Changed("phone", current.Phone, phone, null))
        {
            trainee.Phone = phone is null ? null : await vault.SealAsync(key, TrainingFields.Trainee("phone", trainee.Id), phone, cancellationToken);
        }

        if (await Changed("company_name", currentCompany, company, enrolment.Id))
        {
            enrolment.CompanyName = company is null ? null : await vault.SealAsync(key, TrainingFields.Enrolment("company_name", enrolment.Id), company, cancellationToken);
        }

        if (await Changed("position", currentPosition, position, enrolment.Id))
        {
            enrolment.Position = position is null ? null : await vault.SealAsync(key, TrainingFields.Enrolment("position", enrolment.Id), position, cancellationToken);
        }

        if (changed == 0)
        {
            return 0;
        }

        enrolment.Version++;
        trainee.LastActivityAtUtc = now;
        await db.SaveChangesAsync(cancellationToken);
        await audit.AppendAsync(TrainingAudit.Event(staff, trainee, "correct personal data"), cancellationToken);
        return changed;
    }

    /// <summary>The trainee's corrections, newest first, earlier values decrypted (the page showing them is itself a view).</summary>
    public async Task<IReadOnlyList<CorrectionView>> HistoryAsync(Guid traineeId, CancellationToken cancellationToken)
    {
        var rows = await db.Set<CorrectionRecord>().AsNoTracking().Where(c => c.TraineeId == traineeId).ToListAsync(cancellationToken);
        var views = new List<CorrectionView>();
        foreach (var c in rows.OrderByDescending(c => c.CorrectedAtUtc).ThenByDescending(c => c.Id))
        {
            views.Add(new CorrectionView(c.Field, await TraineeData.OpenAsync(vault, c.EarlierValue, Field(c.Id), cancellationToken), c.CorrectedBy, c.CorrectedAtUtc));
        }

        return views;
    }

    public static FieldAddress Field(Guid correctionId) => TrainingFields.Of(CorrectionRecord.Table, "earlier_value", correctionId);

    private static string Name(string? value, string field, string problem) =>
        value?.Trim() is { Length: > 0 and <= 100 } text && Plain(text) ? text : throw new TrainingInputException(field, problem);

    private static string? Optional(string? value, string field, string problem) =>
        string.IsNullOrWhiteSpace(value) ? null : value.Trim() is { Length: <= 200 } text && Plain(text) ? text : throw new TrainingInputException(field, problem);

    // No markup in a name: it is shown on rosters, cards and exports.
    private static bool Plain(string text) => !text.Any(c => c is '<' or '>' || char.IsControl(c));
}
