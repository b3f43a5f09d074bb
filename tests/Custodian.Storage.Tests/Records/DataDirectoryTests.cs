using Custodian.Testing;

namespace Custodian.Storage.Tests.Records;

public sealed class DataDirectoryTests
{
    [Fact]
    public void A_data_folder_custodian_creates_is_for_its_own_user_only()
    {
        using var root = new TemporaryFolder();

        var data = DataDirectory.Prepare("data", root.Path);

        Assert.Equal(root.File("data"), data.Path);
        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute, File.GetUnixFileMode(data.Path));
    }

    [Fact]
    public void An_existing_folder_keeps_the_mode_its_operator_chose()
    {
        using var root = new TemporaryFolder();
        var existing = Directory.CreateDirectory(root.File("shared")).FullName;
        File.SetUnixFileMode(existing, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute | UnixFileMode.GroupRead | UnixFileMode.GroupExecute);

        DataDirectory.Prepare(existing, root.Path);

        Assert.True((File.GetUnixFileMode(existing) & UnixFileMode.GroupRead) != 0);
    }

    [Fact]
    public void A_path_that_cannot_be_a_folder_names_the_setting()
    {
        using var root = new TemporaryFolder();
        File.WriteAllText(root.File("file"), "x");

        var error = Assert.Throws<SettingProblemException>(() => DataDirectory.Prepare(Path.Combine(root.File("file"), "data"), root.Path));

        Assert.Equal(DataDirectory.Setting, error.Setting);
    }
}
