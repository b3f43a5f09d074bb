using System.CommandLine;
using System.Globalization;
using Custodian.Modules.Training.Cards;
using Custodian.Modules.Training.Catalogue;
using Custodian.Modules.Training.Export;
using Custodian.Modules.Training.Staff;
using Custodian.Privacy.Abstractions.Hosting;
using Custodian.Privacy.Abstractions.Time;
using Microsoft.Extensions.DependencyInjection;

namespace Custodian.Modules.Training.Cli;

/// <summary>
/// The registrar's verbs for an operator: <c>training sessions add|cancel</c>, <c>training cards issue</c> and
/// <c>training export completions</c>. The operator acts as a registrar; the audit log names them <c>cli:</c> and their
/// user. Bad input: one line on stderr and exit code 2. No verb prints a trainee's data (the export goes to a file).
/// </summary>
internal static class StaffVerbs
{
    public static Command SessionsAdd(IVerbHost host)
    {
        var course = new Option<string>("--course") { Description = "The course's id.", Required = true };
        var starts = new Option<string>("--starts") { Description = "Start in Finnish local time, e.g. 2026-12-14T08:00.", Required = true };
        var ends = new Option<string>("--ends") { Description = "End in Finnish local time, e.g. 2026-12-14T16:00.", Required = true };
        var place = new Option<string>("--place") { Description = "Where (street address, or Verkossa / Online).", Required = true };
        var capacity = new Option<int>("--capacity") { Description = "Seats (1–1000).", Required = true };
        var trainer = new Option<string?>("--trainer") { Description = "The trainer's staff handle (custodian staff add)." };
        var add = new Command("add", "Add a session of a course; prints its id.") { course, starts, ends, place, capacity, trainer };
        return Verb(host, add, async (verb, parseResult, cancellationToken) =>
        {
            await using var scope = verb.Services.CreateAsyncScope();
            var id = await scope.ServiceProvider.GetRequiredService<ManageCatalogue>().AddSessionAsync(new ManageCatalogue.SessionInput(
                Id(parseResult.GetValue(course), "--course"), Local(parseResult.GetValue(starts), "--starts"), Local(parseResult.GetValue(ends), "--ends"),
                parseResult.GetValue(place) ?? string.Empty, parseResult.GetValue(capacity), parseResult.GetValue(trainer) is { Length: > 0 } handle ? "staff-" + handle.Trim() : null), cancellationToken);
            await verb.Out.WriteLineAsync(id.ToString("D"));
        });
    }

    public static Command SessionsCancel(IVerbHost host)
    {
        var session = new Option<string>("--session") { Description = "The session's id.", Required = true };
        var cancel = new Command("cancel", "Cancel a session and mail everyone enrolled or waiting.") { session };
        return Verb(host, cancel, async (verb, parseResult, cancellationToken) =>
        {
            await using var scope = verb.Services.CreateAsyncScope();
            var done = await scope.ServiceProvider.GetRequiredService<CancelSession>().CancelAsync(Operator(verb), Id(parseResult.GetValue(session), "--session"), cancellationToken);
            await verb.Error.WriteLineAsync(string.Create(CultureInfo.InvariantCulture, $"Cancelled; {done.Mailed} people mailed, {done.NotMailed} mails refused by the server."));
        });
    }

    public static Command CardsIssue(IVerbHost host)
    {
        var enrolment = new Option<string>("--enrolment") { Description = "The enrolment's id (as in its page address).", Required = true };
        var issue = new Command("issue", "Issue a card for a passed exam; prints its number, verification code and last valid day.") { enrolment };
        return new Command("cards", "Cards and certificates.")
        {
            Verb(host, issue, async (verb, parseResult, cancellationToken) =>
            {
                await using var scope = verb.Services.CreateAsyncScope();
                var card = await scope.ServiceProvider.GetRequiredService<IssueCard>().IssueAsync(Operator(verb), Id(parseResult.GetValue(enrolment), "--enrolment"), cancellationToken);
                await verb.Out.WriteLineAsync($"{card.CertificateNumber} {card.VerificationCode} {card.ValidUntil?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) ?? "no-expiry"}");
            }),
        };
    }

    public static Command Export(IVerbHost host)
    {
        var cardType = new Option<string>("--card-type") { Description = "The card type's key, e.g. tyoturvallisuuskortti.", Required = true };
        var format = new Option<string>("--format") { Description = "csv or xlsx.", Required = true };
        var output = new Option<string>("--out") { Description = "The file to write (it holds henkilötunnus: keep it safe).", Required = true };
        var from = new Option<string?>("--from") { Description = "Issued on or after (YYYY-MM-DD)." };
        var to = new Option<string?>("--to") { Description = "Issued on or before (YYYY-MM-DD)." };
        var completions = new Command("completions", "Completions of a card type for the card authority's register (columns: Training:Export:Columns).") { cardType, format, output, from, to };
        return new Command("export", "Exports for the card registers.")
        {
            Verb(host, completions, async (verb, parseResult, cancellationToken) =>
            {
                var path = parseResult.GetValue(output) ?? string.Empty;
                if (Path.GetDirectoryName(Path.GetFullPath(path)) is not { } folder || !Directory.Exists(folder))
                {
                    throw new TrainingInputException("out", "--out: the folder does not exist.");
                }

                await using var scope = verb.Services.CreateAsyncScope();
                var file = await scope.ServiceProvider.GetRequiredService<ExportCompletions>().ExportAsync(Operator(verb), parseResult.GetValue(cardType), parseResult.GetValue(format),
                    Day(parseResult.GetValue(from), "--from"), Day(parseResult.GetValue(to), "--to"), cancellationToken);
                await File.WriteAllBytesAsync(path, file.Content, cancellationToken);
                await verb.Error.WriteLineAsync(string.Create(CultureInfo.InvariantCulture, $"Wrote {file.Rows} completions."));
            }),
        };
    }

    private static TrainingStaff Operator(VerbContext verb) => new(verb.Actor, IsRegistrar: true);

    private static Command Verb(IVerbHost host, Command command, Func<VerbContext, ParseResult, CancellationToken, Task> work)
    {
        command.TreatUnmatchedTokensAsErrors = false;
        command.SetAction((parseResult, ct) => host.RunAsync(TrainingModule.Name, [.. parseResult.UnmatchedTokens], async (verb, cancellationToken) =>
        {
            try
            {
                await work(verb, parseResult, cancellationToken);
                return VerbExit.Ok;
            }
            catch (TrainingInputException e)
            {
                await verb.Error.WriteLineAsync(e.Message);
                return VerbExit.UsageError;
            }
            catch (TrainingNotFoundException)
            {
                await verb.Error.WriteLineAsync("No such record.");
                return VerbExit.UsageError;
            }
        }, VerbNeeds.None, ct));
        return command;
    }

    private static Guid Id(string? text, string option) => Guid.TryParse(text, out var id) ? id : throw new TrainingInputException(option, option + ": not an id.");

    private static DateTime Local(string? text, string option) =>
        DateTime.TryParseExact(text, ["yyyy-MM-dd'T'HH:mm", "yyyy-MM-dd HH:mm"], CultureInfo.InvariantCulture, DateTimeStyles.None, out var local)
            ? LocalDays.FromHelsinkiTime(local)
            : throw new TrainingInputException(option, option + ": write the Finnish local time as YYYY-MM-DDTHH:MM.");

    private static DateOnly? Day(string? text, string option) =>
        string.IsNullOrWhiteSpace(text) ? null
        : DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var day) ? day
        : throw new TrainingInputException(option, option + ": write the day as YYYY-MM-DD.");
}
