using System.Security.Cryptography;
using Custodian.Privacy.Protection;
using Custodian.Storage;
using Custodian.Testing;
using Microsoft.Extensions.Configuration;

namespace Custodian.Privacy.Tests.Protection;

public sealed class MasterKeyTests
{
    private static IConfiguration Settings(params (string Key, string Value)[] settings) =>
        new ConfigurationBuilder().AddInMemoryCollection(settings.Select(s => new KeyValuePair<string, string?>(s.Key, s.Value))).Build();

    [Fact]
    public void Without_either_setting_there_is_no_master_key()
    {
        Assert.Null(MasterKey.Read(Settings()));
    }

    [Fact]
    public void A_file_may_hold_base64_text_or_the_32_raw_bytes()
    {
        using var folder = new TemporaryFolder();
        var key = RandomNumberGenerator.GetBytes(32);
        File.WriteAllText(folder.File("text.key"), Convert.ToBase64String(key) + "\n");
        File.WriteAllBytes(folder.File("raw.key"), key);

        using var text = MasterKey.Read(Settings((MasterKey.FileSetting, folder.File("text.key"))))!;
        using var raw = MasterKey.Read(Settings((MasterKey.FileSetting, folder.File("raw.key"))))!;

        Assert.Equal(key, text.Key.ToArray());
        Assert.Equal(key, raw.Key.ToArray());
        Assert.Equal(MasterKey.FileSetting, raw.Setting);
    }

    [Theory]
    [InlineData("not base64 at all!", "CUSTODIAN_MASTER_KEY: the value is not base64; make a master key with: openssl rand -base64 32")]
    [InlineData("c2hvcnQ=", "CUSTODIAN_MASTER_KEY: the value holds 5 bytes, a master key is 32 (256 bits); make one with: openssl rand -base64 32")]
    public void A_malformed_value_is_refused_without_repeating_it(string value, string expected)
    {
        var error = Assert.Throws<SettingProblemException>(() => MasterKey.Read(Settings((MasterKey.EnvironmentVariable, value))));

        Assert.Equal(expected, error.Message);
    }

    [Fact]
    public void Both_settings_at_once_are_refused()
    {
        var error = Assert.Throws<SettingProblemException>(() => MasterKey.Read(Settings((MasterKey.FileSetting, "/run/secrets/master"), (MasterKey.EnvironmentVariable, Convert.ToBase64String(new byte[32])))));

        Assert.Equal("Privacy:MasterKeyFile: both Privacy:MasterKeyFile and CUSTODIAN_MASTER_KEY are set; give the master key one way only.", error.Message);
    }

    [Fact]
    public void A_missing_file_names_the_setting()
    {
        var error = Assert.Throws<SettingProblemException>(() => MasterKey.Read(Settings((MasterKey.FileSetting, "/nonexistent/master.key"))));

        Assert.StartsWith("Privacy:MasterKeyFile: the master key file '/nonexistent/master.key' cannot be read (", error.Message, StringComparison.Ordinal);
    }
}
