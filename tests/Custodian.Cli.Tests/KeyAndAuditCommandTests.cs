using Custodian.Privacy.Audit;
using Custodian.Testing;
using Microsoft.Data.Sqlite;

namespace Custodian.Cli.Tests;

public sealed class KeyAndAuditCommandTests
{
    [Fact]
    public async Task Rotation_with_retirement_leaves_one_key_encryption_key_and_is_audited()
    {
        using var data = new TemporaryFolder();
        var setting = "--Storage:DataDirectory=" + data.Path;

        var first = await Custodian.RunAsync("keys", "rotate", setting);
        var second = await Custodian.RunAsync("keys", "rotate", "--retire-previous", setting);
        var verify = await Custodian.RunAsync("audit", "verify", setting);

        Assert.Equal(0, first.ExitCode);
        Assert.Contains("key-encryption key v2", first.Output, StringComparison.Ordinal);
        Assert.Contains("Destroyed key-encryption key versions: 1, 2.", second.Output, StringComparison.Ordinal);
        Assert.Equal(["kek-v0003.key"], Directory.GetFiles(Path.Combine(data.Path, "keys"), "kek-*").Select(Path.GetFileName));
        Assert.Equal(0, verify.ExitCode);
        Assert.Contains("Audit log intact: 2 entries, 2 signed checkpoints.", verify.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Verify_names_the_first_tampered_entry_and_exits_1()
    {
        using var data = new TemporaryFolder();
        var setting = "--Storage:DataDirectory=" + data.Path;
        await Custodian.RunAsync("keys", "rotate", setting);
        await Custodian.RunAsync("keys", "rotate", setting);
        await using (var connection = new SqliteConnection($"Data Source={data.File("custodian.db")};Pooling=False"))
        {
            await connection.OpenAsync(TestContext.Current.CancellationToken);
            // Each CLI run wrote one block; rewrite the second entry's actor inside its block, keeping its hash.
            await using var read = connection.CreateCommand();
            read.CommandText = "SELECT entries FROM privacy_audit_blocks WHERE first_sequence = 2";
            var entries = AuditBlock.Decode((byte[])(await read.ExecuteScalarAsync(TestContext.Current.CancellationToken))!);
            entries[0].Actor = "account:someone-else";
            await using var write = connection.CreateCommand();
            write.CommandText = "UPDATE privacy_audit_blocks SET entries = @entries WHERE first_sequence = 2";
            write.Parameters.AddWithValue("@entries", AuditBlock.Encode(entries));
            Assert.Equal(1, await write.ExecuteNonQueryAsync(TestContext.Current.CancellationToken));
        }

        var result = await Custodian.RunAsync("audit", "verify", setting);

        Assert.Equal(1, result.ExitCode);
        Assert.Equal("Audit log TAMPERED: first bad entry 2: entry 2 was edited: its content no longer matches its hash", result.Error.Trim());
    }

    [Fact]
    public async Task Reencrypt_rejects_a_batch_size_below_one()
    {
        using var data = new TemporaryFolder();

        var result = await Custodian.RunAsync("keys", "reencrypt", "--batch-size", "0", "--Storage:DataDirectory=" + data.Path);

        Assert.Equal(2, result.ExitCode);
        Assert.Contains("--batch-size must be at least 1.", result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Key_files_readable_by_others_stop_every_verb_with_one_line()
    {
        using var data = new TemporaryFolder();
        var setting = "--Storage:DataDirectory=" + data.Path;
        await Custodian.RunAsync("keys", "rotate", setting);
        File.SetUnixFileMode(Path.Combine(data.Path, "keys", "blind-index.key"), UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.OtherRead);

        var result = await Custodian.RunAsync("keys", "rotate", setting);

        Assert.Equal(1, result.ExitCode);
        Assert.StartsWith("Custodian cannot start: Privacy:KeysPath: the key file", result.Error.Trim(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Another_master_key_stops_every_verb_with_one_line_and_reseal_moves_the_shared_keys_to_a_new_one()
    {
        using var data = new TemporaryFolder();
        var setting = "--Storage:DataDirectory=" + data.Path;
        var first = Convert.ToBase64String(System.Security.Cryptography.RandomNumberGenerator.GetBytes(32));
        var second = Convert.ToBase64String(System.Security.Cryptography.RandomNumberGenerator.GetBytes(32));
        File.WriteAllText(data.File("second.key"), second + "\n");

        var rotate = await Custodian.RunAsync("keys", "rotate", setting, "--CUSTODIAN_MASTER_KEY=" + first, "--Privacy:SharedKeysRefresh=00:00:00");
        var refused = await Custodian.RunAsync("keys", "rotate", setting, "--CUSTODIAN_MASTER_KEY=" + second);
        var reseal = await Custodian.RunAsync("keys", "reseal", "--new-master-key-file", data.File("second.key"), setting, "--CUSTODIAN_MASTER_KEY=" + first);
        var verify = await Custodian.RunAsync("audit", "verify", setting, "--Privacy:MasterKeyFile=" + data.File("second.key"));

        Assert.Equal(0, rotate.ExitCode);
        Assert.False(Directory.Exists(Path.Combine(data.Path, "keys")));
        Assert.Equal(1, refused.ExitCode);
        Assert.Equal(
            "Custodian cannot start: CUSTODIAN_MASTER_KEY: the master key does not open the shared keys stored in the records database (privacy_shared_keys): "
            + "the audit-signing v1 entry does not open (another master key, or the entry was changed). Give every instance the master key the first one started with.",
            refused.Error.Trim());
        Assert.DoesNotContain(second, refused.Error + refused.Output, StringComparison.Ordinal);
        Assert.Equal(0, reseal.ExitCode);
        Assert.Contains("4 shared keys are now sealed under the new master key.", reseal.Output, StringComparison.Ordinal);
        Assert.Equal(0, verify.ExitCode);
        Assert.Contains("Audit log intact: 2 entries, 2 signed checkpoints.", verify.Output, StringComparison.Ordinal);
    }
}
