using System.Globalization;
using Custodian.Modules.Marketplace.Sellers;
using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;

namespace Custodian.Modules.Marketplace.Tests;

/// <summary>Telegram Login Widget data is accepted only as Telegram signed it, and only while fresh.</summary>
public sealed class TelegramLoginProperties
{
    private const string Token = "777:login-tests-token";
    private static readonly DateTimeOffset Now = new(2026, 11, 23, 12, 0, 0, TimeSpan.Zero);

    private static Dictionary<string, string> Signed(long id, DateTimeOffset at, string name = "Anna")
    {
        var fields = new Dictionary<string, string> { ["id"] = id.ToString(CultureInfo.InvariantCulture), ["first_name"] = name, ["auth_date"] = at.ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture) };
        fields["hash"] = Convert.ToHexStringLower(TelegramLogin.Sign(fields, Token));
        return fields;
    }

    [Property(MaxTest = 200)]
    public void Signed_fresh_data_names_the_user(PositiveInt id, NonNull<string> name)
    {
        var check = TelegramLogin.Verify(Signed(id.Get, Now.AddMinutes(-4), name.Get), Token, Now);
        Assert.Equal(id.Get, check.UserId);
    }

    [Property(MaxTest = 200)]
    public void Any_changed_field_is_refused(PositiveInt id, NonEmptyString changed)
    {
        var fields = Signed(id.Get, Now.AddMinutes(-4));
        if (fields["first_name"] == changed.Get)
        {
            return;
        }

        fields["first_name"] = changed.Get;
        Assert.Null(TelegramLogin.Verify(fields, Token, Now).UserId);
    }

    [Property(MaxTest = 300)]
    public void Data_is_accepted_from_five_minutes_old_to_one_minute_ahead_and_refused_as_expired_outside(int seconds)
    {
        var offset = seconds % 3600;
        var check = TelegramLogin.Verify(Signed(1, Now.AddSeconds(offset)), Token, Now);
        var fresh = offset is >= -300 and <= 60;
        Assert.Equal(fresh ? 1 : null, check.UserId);
        Assert.Equal(fresh ? null : TelegramLoginRefusal.Expired, check.Refusal);
    }

    [Fact]
    public void Old_data_another_bots_signature_and_garbage_are_refused()
    {
        Assert.Null(TelegramLogin.Verify(Signed(1, Now.AddDays(-2)), Token, Now).UserId);
        Assert.Equal(TelegramLoginRefusal.Forged, TelegramLogin.Verify(Signed(1, Now.AddMinutes(-1)), "778:another-bot", Now).Refusal);
        Assert.Null(TelegramLogin.Verify(new Dictionary<string, string> { ["id"] = "1", ["auth_date"] = "x", ["hash"] = new string('z', 64) }, Token, Now).UserId);
        Assert.Null(TelegramLogin.Verify(new Dictionary<string, string>(), Token, Now).UserId);
    }

    [Property(MaxTest = 300)]
    public void Arbitrary_fields_never_throw(Dictionary<NonNull<string>, NonNull<string>> raw)
    {
        var fields = raw.ToDictionary(f => f.Key.Get, f => f.Value.Get, StringComparer.Ordinal);
        Assert.NotNull(TelegramLogin.Verify(fields, Token, Now));
    }
}
