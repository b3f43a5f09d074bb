using Custodian.Identity.Sessions;
using Custodian.Identity.Staff;
using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;

namespace Custodian.Identity.Tests;

/// <summary>The credential parsers and checks never crash on garbage and never accept what they should not.</summary>
public sealed class StaffCredentialProperties
{
    private static readonly PasswordHashing.Cost Cheap = new(64, 1, 1); // the format is what is tested, not the cost

    [Property(MaxTest = 30)]
    public Property A_password_verifies_against_its_hash_and_no_other_password_does(NonEmptyString password, NonEmptyString other)
    {
        var hash = PasswordHashing.Hash(password.Get, Cheap);
        return (PasswordHashing.Verify(password.Get, hash) && (password.Get == other.Get || !PasswordHashing.Verify(other.Get, hash))).ToProperty();
    }

    [Property(MaxTest = 300)]
    public bool A_stored_value_that_is_not_an_argon2id_hash_never_verifies_and_never_throws(string stored, string password) =>
        !PasswordHashing.Verify(password ?? string.Empty, stored ?? string.Empty);

    [Property(MaxTest = 300)]
    public bool A_code_that_is_not_six_digits_never_matches(string code)
    {
        var digits = new string((code ?? string.Empty).Where(c => !char.IsWhiteSpace(c) && c != '-').ToArray());
        return (digits.Length == 6 && digits.All(char.IsAsciiDigit)) || TotpCodes.Check(TotpCodes.NewSecret(), code, DateTimeOffset.UnixEpoch.AddYears(56), null, out _) == CodeCheck.Wrong;
    }

    [Property(MaxTest = 100)]
    public bool A_code_is_accepted_for_its_step_and_the_next_one_only_once_each(PositiveInt seconds)
    {
        var secret = TotpCodes.NewSecret();
        var now = DateTimeOffset.UnixEpoch.AddYears(50).AddSeconds(seconds.Get % 10_000_000);
        var code = TotpCodes.CodeAt(TotpCodes.Base32(secret), now);
        return TotpCodes.Check(secret, code, now, null, out var step) == CodeCheck.Accepted && step == TotpCodes.StepAt(now)
            && TotpCodes.Check(secret, code, now, step, out _) == CodeCheck.Replayed
            && TotpCodes.Check(secret, code, now.AddSeconds(30), null, out var late) == CodeCheck.Accepted && late == step
            && TotpCodes.Check(secret, code, now.AddSeconds(95), null, out _) == CodeCheck.Wrong;
    }

    [Property(MaxTest = 200)]
    public bool Recovery_codes_read_back_however_people_type_them(PositiveInt pick)
    {
        var code = RecoveryCodes.New()[pick.Get % RecoveryCodes.Count];
        return RecoveryCodes.Normalise(code.ToLowerInvariant().Replace('-', ' ')) == RecoveryCodes.Normalise(code) && RecoveryCodes.Normalise(code).Length == 12;
    }

    [Property(MaxTest = 300)]
    public bool A_device_label_is_short_and_never_fails(string userAgent) => DeviceLabel.From(userAgent).Length is > 0 and <= 40;

    [Theory]
    [InlineData("Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36 Edg/131.0.0.0", "Edge · Windows")]
    [InlineData("Mozilla/5.0 (iPhone; CPU iPhone OS 18_1 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/18.1 Mobile/15E148 Safari/604.1", "Safari · iOS")]
    [InlineData("Mozilla/5.0 (X11; Linux x86_64; rv:133.0) Gecko/20100101 Firefox/133.0", "Firefox · Linux")]
    [InlineData("Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/130.0.0.0 YaBrowser/24.12.0.0 Safari/537.36", "Yandex Browser · Windows")]
    public void Common_browsers_are_named_as_people_know_them(string userAgent, string label) => Assert.Equal(label, DeviceLabel.From(userAgent));

    [Theory]
    [InlineData("short words", "Use at least 12 characters")]
    [InlineData("password1234", "most commonly used")]
    [InlineData("aaaaaaaaaaaaaaaa", "most commonly used")]
    [InlineData("my ops.anna secret phrase", "must not contain your handle")]
    [InlineData("amber lantern quietly folds 42", null)]
    public void Password_rules_explain_what_is_wrong(string password, string? problem)
    {
        var found = PasswordRules.Problem(password, "ops.anna");
        if (problem is null)
        {
            Assert.Null(found);
        }
        else
        {
            Assert.Contains(problem, found, StringComparison.Ordinal);
        }
    }
}
