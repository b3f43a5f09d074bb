using System.CommandLine;
using System.Globalization;
using Custodian.Privacy.Protection;
using Microsoft.Extensions.DependencyInjection;
using Spectre.Console;

namespace Custodian.Cli.Keys;

/// <summary><c>custodian keys rotate [--retire-previous]</c>, <c>custodian keys reencrypt [--batch-size N]</c> and <c>custodian keys reseal</c>.</summary>
internal static class KeyCommands
{
    public static Command Create()
    {
        var retire = new Option<bool>("--retire-previous") { Description = "Destroy older key-encryption keys once every data key is re-wrapped." };
        var rotate = new Command("rotate", "New key-encryption key and data-key versions; re-wraps data keys and data-protection keys without touching data.") { retire };
        rotate.TreatUnmatchedTokensAsErrors = false;
        rotate.SetAction((parseResult, ct) => CliHost.RunAsync([.. parseResult.UnmatchedTokens], async (services, token) =>
        {
            var report = await services.GetRequiredService<KeyRotation>().RotateAsync(parseResult.GetValue(retire), null, token);
            AnsiConsole.MarkupLineInterpolated(CultureInfo.InvariantCulture,
                $"[green]Rotated:[/] key-encryption key v{report.KekVersion}, {report.ScopesRotated} data-key scopes got a new version, {report.KeysRewrapped} data keys and {report.DataProtectionKeysRewrapped} data-protection keys re-wrapped.");
            if (report.RetiredKekVersions.Count > 0)
            {
                AnsiConsole.MarkupLineInterpolated(CultureInfo.InvariantCulture, $"Destroyed key-encryption key versions: {string.Join(", ", report.RetiredKekVersions)}.");
            }

            AnsiConsole.MarkupLine("Run [bold]custodian keys reencrypt[/] to move existing values to the new data keys.");
            return 0;
        }, ct));

        var batchSize = new Option<int>("--batch-size") { Description = "Rows per committed batch.", DefaultValueFactory = _ => 500 };
        var reencrypt = new Command("reencrypt", "Move values under older data-key versions to the current ones, in resumable batches.") { batchSize };
        reencrypt.TreatUnmatchedTokensAsErrors = false;
        reencrypt.SetAction((parseResult, ct) => CliHost.RunAsync([.. parseResult.UnmatchedTokens], async (services, token) =>
        {
            var size = parseResult.GetValue(batchSize);
            if (size < 1)
            {
                await Console.Error.WriteLineAsync("--batch-size must be at least 1.");
                return CustodianCommand.UsageError;
            }

            var moved = 0;
            await AnsiConsole.Progress().StartAsync(async progress =>
            {
                var tasks = new Dictionary<string, ProgressTask>(StringComparer.Ordinal);
                moved = await services.GetRequiredService<Reencryption>().RunAsync(size, new Progress<Reencryption.Progress>(p =>
                {
                    if (!tasks.TryGetValue(p.Table, out var task))
                    {
                        task = tasks[p.Table] = progress.AddTask(p.Table, maxValue: double.MaxValue);
                        task.IsIndeterminate = true;
                    }

                    task.Description = string.Create(CultureInfo.InvariantCulture, $"{p.Table}: {p.Examined} rows, {p.Moved} re-encrypted");
                }), token);
                foreach (var task in tasks.Values)
                {
                    task.IsIndeterminate = false;
                    task.Value = task.MaxValue;
                }
            });
            AnsiConsole.MarkupLineInterpolated(CultureInfo.InvariantCulture, $"[green]{moved} values re-encrypted.[/]");
            return 0;
        }, ct));

        return new Command("keys", "Encryption keys: rotation, re-encryption and the master key.") { rotate, reencrypt, Reseal() };
    }

    /// <summary>
    /// <c>custodian keys reseal --new-master-key-file PATH</c>: the shared keys sealed under a new master key in one
    /// transaction; every instance then needs the new key at its next start.
    /// </summary>
    private static Command Reseal()
    {
        var newKeyFile = new Option<string>("--new-master-key-file")
        {
            Description = "File with the new master key (base64 of 32 random bytes, e.g. openssl rand -base64 32).",
            Required = true,
        };
        var reseal = new Command("reseal", "Seal the shared keys under a new master key (run with the current one configured).") { newKeyFile };
        reseal.TreatUnmatchedTokensAsErrors = false;
        reseal.SetAction((parseResult, ct) => CliHost.RunAsync([.. parseResult.UnmatchedTokens], async (services, token) =>
        {
            if (services.GetRequiredService<IKeyProvider>() is not SharedKeys shared)
            {
                await Console.Error.WriteLineAsync($"No master key is configured ({MasterKey.Settings}): the keys are in the local key folder, there is nothing to reseal.");
                return CustodianCommand.UsageError;
            }

            using var newKey = MasterKey.ReadFile(parseResult.GetValue(newKeyFile)!, "--new-master-key-file");
            var count = shared.ResealUnder(newKey);
            var actor = services.GetRequiredService<Privacy.Abstractions.Audit.ICurrentActor>();
            await services.GetRequiredService<Privacy.Abstractions.Audit.IAuditLog>().AppendAsync(new Privacy.Abstractions.Audit.AuditEvent(actor.Actor, "keys.reseal"), token);
            AnsiConsole.MarkupLineInterpolated(CultureInfo.InvariantCulture, $"[green]Resealed:[/] {count} shared keys are now sealed under the new master key.");
            AnsiConsole.MarkupLine("Give every instance the new master key before its next start; instances running now keep working.");
            return 0;
        }, ct));
        return reseal;
    }
}
