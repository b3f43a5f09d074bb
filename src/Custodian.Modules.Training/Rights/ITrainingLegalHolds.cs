using Custodian.Privacy.Abstractions.Protection;
using Custodian.Privacy.Abstractions.Requests;

namespace Custodian.Modules.Training.Rights;

/// <summary>
/// A source of legal holds on a person's training records beyond the certificate proof the provider knows itself (e.g.
/// an open invoice or a collection case naming them). Every registered source is asked on erasure and retention; a held
/// record stays, restricted, with the reason shown to the person.
/// </summary>
internal interface ITrainingLegalHolds
{
    Task<IReadOnlyList<LegalHold>> HoldsAsync(IReadOnlyCollection<SubjectId> subjects, CancellationToken cancellationToken);
}
