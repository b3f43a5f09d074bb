using System.Security.Cryptography;
using Custodian.Modules.Guidance.Programmes;
using Custodian.Privacy.Abstractions.Audit;
using Custodian.Privacy.Abstractions.Identifiers;
using Custodian.Privacy.Abstractions.Protection;

namespace Custodian.Modules.Guidance.Clients;

/// <summary>
/// Staff whose role writes basic data (the coach, office staff) change a client's name, address, phone and e-mail. Each
/// save is an audit-log entry naming who, in which role and which fields (never the values). The form carries a stamp of
/// the stored values (a hash of their ciphertexts, no personal data): a save from a page opened before someone else saved
/// is refused, so nobody overwrites another's change unseen.
/// </summary>
internal sealed class EditBasicData(GuidanceDb db, ClientScope scope, IPersonalDataVault vault, IAuditLog audit)
{
    public sealed record Request(string? FirstName, string? LastName, string? Address, string? Phone, string? Email, string? Stamp);

    public async Task EditAsync(string account, Guid clientId, Request request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var reached = await scope.FindAsync(account, clientId, cancellationToken);
        if (reached.Access(RecordSection.BasicData) != SectionAccess.Write)
        {
            throw new GuidanceInputException("Your role in this programme does not let you change this part of the record.");
        }

        CloseClient.RequireOpen(reached);
        var client = reached.Client;
        if (request.Stamp != Stamp(client))
        {
            throw new GuidanceInputException("Someone changed the basic data after you opened the page: nothing was saved. Open the record again and make your change there.");
        }

        var first = ManageProgrammes.Text(request.FirstName, 100, "Enter the first name (at most 100 characters).");
        var last = ManageProgrammes.Text(request.LastName, 100, "Enter the last name (at most 100 characters).");
        var address = CreateClient.Optional(request.Address, 300, "The address is too long (at most 300 characters).");
        var phone = request.Phone?.Trim() is { Length: > 0 } p ? CreateClient.Checked(Phone.Check(p, "+358"), "The phone number is not valid") : null;
        var email = request.Email?.Trim() is { Length: > 0 } e ? CreateClient.Checked(Email.Check(e), "The e-mail address is not valid") : null;

        var row = client.Id.ToString("N");
        var subjectKey = KeyScope.Subject(client.SubjectId);
        var changed = new List<string>();
        async Task<Encrypted<string>?> ChangeAsync(Encrypted<string>? stored, string column, string? value)
        {
            var now = stored is null ? null : (await vault.OpenAsync(stored, CreateClient.Field(column, row), cancellationToken)).ValueOr(string.Empty);
            if (string.Equals(now, value, StringComparison.Ordinal))
            {
                return stored;
            }

            changed.Add(column);
            return value is null ? null : await vault.SealAsync(subjectKey, CreateClient.Field(column, row), value, cancellationToken);
        }

        client.FirstName = (await ChangeAsync(client.FirstName, "first_name", first))!;
        client.LastName = (await ChangeAsync(client.LastName, "last_name", last))!;
        client.Address = await ChangeAsync(client.Address, "address", address);
        client.Phone = await ChangeAsync(client.Phone, "phone", phone);
        client.Email = await ChangeAsync(client.Email, "email", email);
        if (changed.Count == 0)
        {
            return;
        }

        client.EmailIndex = email is null ? null : vault.BlindIndexOf(IdentifierType.Email, email);
        await db.SaveChangesAsync(cancellationToken);
        await audit.AppendAsync(GuidanceAudit.Event(reached, $"edit basic data ({string.Join(", ", changed)})"), cancellationToken);
    }

    /// <summary>The stored values' stamp: a hash of their ciphertexts (which change with every save), no personal data.</summary>
    public static string Stamp(ClientRecord client)
    {
        ArgumentNullException.ThrowIfNull(client);
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        foreach (var value in (Encrypted<string>?[])[client.FirstName, client.LastName, client.Address, client.Phone, client.Email])
        {
            hash.AppendData(value?.Ciphertext ?? []);
            hash.AppendData([0]);
        }

        return Convert.ToHexString(hash.GetHashAndReset())[..32];
    }
}
