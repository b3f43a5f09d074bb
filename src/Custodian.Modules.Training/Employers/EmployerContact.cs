using Custodian.Privacy.Abstractions.Protection;

namespace Custodian.Modules.Training.Employers;

/// <summary>What is left of an employer's contact person after erasure or the end of their retention.</summary>
internal static class EmployerContact
{
    /// <summary>
    /// The company and its billing details stay (they are not personal data); the contact's values are replaced under the
    /// register's own key, so nothing of the person is readable, and the contact no longer signs in. The caller saves.
    /// </summary>
    public static async Task AnonymiseAsync(IPersonalDataVault vault, EmployerRecord employer, CancellationToken cancellationToken)
    {
        var scope = KeyScope.Purpose(TrainingModule.Register, "employer-billing");
        employer.EmployerContactName = await vault.SealAsync(scope, TrainingFields.Of(EmployerRecord.Table, "employer_contact_name", employer.Id), string.Empty, cancellationToken);
        employer.EmployerContactEmail = await vault.SealAsync(scope, TrainingFields.Of(EmployerRecord.Table, "employer_contact_email", employer.Id), string.Empty, cancellationToken);
        employer.ContactEmailIndex = [];
        employer.ContactSubjectId = new SubjectId(Guid.Empty);
        employer.ContactRestricted = false;
    }
}
