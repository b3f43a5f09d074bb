using Custodian.Modules.Training.Enrolment;
using Custodian.Privacy.Abstractions.Protection;

namespace Custodian.Modules.Training.Staff;

/// <summary>A trainee's data as staff see it, decrypted; the henkilötunnus shown only as its birth-date part and century sign.</summary>
internal sealed record TraineeView(Guid TraineeId, string FirstName, string LastName, string MaskedHetu, string Email, string? Phone, bool Restricted)
{
    public string FullName => FirstName + " " + LastName;
}

/// <summary>Where each of a trainee's values is sealed (table, column, row) and how staff pages open them.</summary>
internal static class TraineeData
{
    public const string Erased = "[erased]";

    public static KeyScope Key(TraineeRecord trainee) => KeyScope.Subject(trainee.SubjectId);

    public static async Task<TraineeView> OpenAsync(IPersonalDataVault vault, TraineeRecord trainee, CancellationToken cancellationToken)
    {
        var hetu = (await vault.OpenAsync(trainee.Hetu, TrainingFields.Trainee("hetu", trainee.Id), cancellationToken)).ValueOr(string.Empty);
        return new TraineeView(
            trainee.Id,
            (await vault.OpenAsync(trainee.FirstName, TrainingFields.Trainee("first_name", trainee.Id), cancellationToken)).ValueOr(Erased),
            (await vault.OpenAsync(trainee.LastName, TrainingFields.Trainee("last_name", trainee.Id), cancellationToken)).ValueOr(Erased),
            hetu.Length == 11 ? hetu[..7] + "****" : Erased,
            (await vault.OpenAsync(trainee.Email, TrainingFields.Trainee("email", trainee.Id), cancellationToken)).ValueOr(Erased),
            trainee.Phone is null ? null : (await vault.OpenAsync(trainee.Phone, TrainingFields.Trainee("phone", trainee.Id), cancellationToken)).ValueOr(Erased),
            trainee.Restricted);
    }

    public static Task<string?> OpenAsync(IPersonalDataVault vault, Encrypted<string>? value, FieldAddress field, CancellationToken cancellationToken) =>
        TrainingFields.OpenAsync(vault, value, field, Erased, cancellationToken);
}
