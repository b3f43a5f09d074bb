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

    public static FieldAddress Field(string column, Guid traineeId) => new(TraineeRecord.Table, column, traineeId.ToString("N"));

    public static FieldAddress EnrolmentField(string column, Guid enrolmentId) => new(EnrolmentRecord.Table, column, enrolmentId.ToString("N"));

    public static KeyScope Key(TraineeRecord trainee) => KeyScope.Subject(trainee.SubjectId);

    public static async Task<TraineeView> OpenAsync(IPersonalDataVault vault, TraineeRecord trainee, CancellationToken cancellationToken)
    {
        var hetu = (await vault.OpenAsync(trainee.Hetu, Field("hetu", trainee.Id), cancellationToken)).ValueOr(string.Empty);
        return new TraineeView(
            trainee.Id,
            (await vault.OpenAsync(trainee.FirstName, Field("first_name", trainee.Id), cancellationToken)).ValueOr(Erased),
            (await vault.OpenAsync(trainee.LastName, Field("last_name", trainee.Id), cancellationToken)).ValueOr(Erased),
            hetu.Length == 11 ? hetu[..7] + "****" : Erased,
            (await vault.OpenAsync(trainee.Email, Field("email", trainee.Id), cancellationToken)).ValueOr(Erased),
            trainee.Phone is null ? null : (await vault.OpenAsync(trainee.Phone, Field("phone", trainee.Id), cancellationToken)).ValueOr(Erased),
            trainee.Restricted);
    }

    public static async Task<string?> OpenAsync(IPersonalDataVault vault, Encrypted<string>? value, FieldAddress field, CancellationToken cancellationToken) =>
        value is null ? null : (await vault.OpenAsync(value, field, cancellationToken)).ValueOr(Erased);
}
