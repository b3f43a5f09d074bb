using Custodian.Privacy.Protection;
using Custodian.Storage;
using Custodian.Testing;

namespace Custodian.Privacy.Tests.Protection;

public sealed class KeyFileTests
{
    [Fact]
    public void Key_files_are_created_readable_by_the_owner_only()
    {
        using var folder = new TemporaryFolder();
        var keysPath = folder.File("keys");

        using var keys = new LocalKeyFiles(keysPath);

        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute, File.GetUnixFileMode(keysPath));
        Assert.Equal(["audit-signing.key", "blind-index.key", "kek-v0001.key"], Directory.GetFiles(keysPath).Select(Path.GetFileName).Order(StringComparer.Ordinal));
        Assert.All(Directory.GetFiles(keysPath), file => Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(file)));
    }

    [Fact]
    public void A_key_file_other_users_can_read_stops_the_service()
    {
        using var folder = new TemporaryFolder();
        var keysPath = folder.File("keys");
        new LocalKeyFiles(keysPath).Dispose();
        var kek = Path.Combine(keysPath, "kek-v0001.key");
        File.SetUnixFileMode(kek, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.GroupRead | UnixFileMode.OtherRead);

        var error = Assert.Throws<SettingProblemException>(() => new LocalKeyFiles(keysPath));

        Assert.Equal("Privacy:KeysPath", error.Setting);
        Assert.Contains("can be read or changed by other users (mode 644); run: chmod 600", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Keys_survive_a_restart()
    {
        using var folder = new TemporaryFolder();
        byte[] wrapped;
        using (var first = new LocalKeyFiles(folder.File("keys")))
        {
            wrapped = first.Wrap(new byte[32], "ad"u8, out _);
        }

        using var second = new LocalKeyFiles(folder.File("keys"));

        Assert.Equal(new byte[32], second.Unwrap(1, wrapped, "ad"u8));
    }
}
