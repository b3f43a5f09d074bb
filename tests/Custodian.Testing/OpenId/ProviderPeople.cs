using System.Collections.Concurrent;
using System.Security.Cryptography;
using System.Text;

namespace Custodian.Testing.OpenId;

internal sealed record OpenIdUser(string Subject, string PreferredUsername, string Name, string Email, string Password, IReadOnlyList<string> Amr, string? Acr);

/// <summary>What a test changes while the provider runs: its people, who is approved without the form, the tamper mode.</summary>
internal sealed class ProviderPeople
{
    private readonly ConcurrentDictionary<string, OpenIdUser> _bySubject = new(StringComparer.Ordinal);
    private string? _autoApproveSubject;
    private int _tamper;

    public string? AutoApproveSubject
    {
        get => Volatile.Read(ref _autoApproveSubject);
        set => Volatile.Write(ref _autoApproveSubject, value);
    }

    public TokenTamper Tamper
    {
        get => (TokenTamper)Volatile.Read(ref _tamper);
        set => Volatile.Write(ref _tamper, (int)value);
    }

    public void Add(OpenIdUser user)
    {
        if (_bySubject.Values.Any(other => other.Subject != user.Subject && string.Equals(other.PreferredUsername, user.PreferredUsername, StringComparison.OrdinalIgnoreCase)))
        {
            throw new ArgumentException($"Another user already signs in as '{user.PreferredUsername}'.", nameof(user));
        }

        _bySubject[user.Subject] = user;
    }

    public OpenIdUser? Find(string subject) => _bySubject.GetValueOrDefault(subject);

    public OpenIdUser? CheckPassword(string? username, string? password)
    {
        if (string.IsNullOrEmpty(username) || password is null)
        {
            return null;
        }

        var user = _bySubject.Values.FirstOrDefault(u => string.Equals(u.PreferredUsername, username, StringComparison.OrdinalIgnoreCase));
        return user is not null && CryptographicOperations.FixedTimeEquals(Encoding.UTF8.GetBytes(user.Password), Encoding.UTF8.GetBytes(password)) ? user : null;
    }
}
