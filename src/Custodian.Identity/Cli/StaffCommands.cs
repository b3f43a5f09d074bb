using System.CommandLine;
using System.Globalization;
using Custodian.Identity.Staff;
using Custodian.Privacy.Abstractions.Access;
using Custodian.Privacy.Abstractions.Hosting;
using Custodian.Privacy.Abstractions.Messaging;
using Microsoft.Extensions.DependencyInjection;

namespace Custodian.Identity.Cli;

/// <summary>
/// <c>custodian staff add|link|list|reset-second-factor|reset|disable|unlock|end-sessions|end-all-sessions</c>: staff accounts on the server.
/// The link a verb prints is a first-time enrolment link only (choose a password, then an authenticator). Verbs that
/// take something away ask for <c>--confirm</c>; every verb is audited with the operating-system user who ran it
/// (<see cref="VerbContext.Actor"/>, sent along by the CLI when the verb runs in the service).
/// </summary>
public static class StaffCommands
{
    private const string Module = "Identity";

    public static void AddStaffCommands(this Command root, IVerbHost host)
    {
        ArgumentNullException.ThrowIfNull(root);
        root.Subcommands.Add(new Command("staff", "Staff, operator and administrator accounts: enrolment links, lost second factors, sessions.")
        {
            Add(host), Link(host), List(host), ResetSecondFactor(host), Reset(host), Disable(host), Unlock(host), EndSessions(host), EndEveryonesSessions(host),
        });
    }

    private static Command Add(IVerbHost host)
    {
        var handle = HandleArgument();
        var roles = new Option<string[]>("--role") { Description = "A role (repeat for several): " + string.Join(", ", Roles.Staff) + ".", Required = true };
        var oidc = new Option<bool>("--oidc") { Description = "Signs in with the organisation's OpenID Connect (Identity:OpenIdConnect:Staff) instead of password + TOTP." };
        var command = new Command("add", "Add a staff account; prints its first-time enrolment link (valid 24 hours, once): a password and an authenticator, or (--oidc) one sign-in with the organisation's account that binds it.") { handle, roles, oidc };
        return Verb(host, command, async (verb, parse, ct) =>
        {
            await using var scope = verb.Services.CreateAsyncScope();
            var token = await scope.ServiceProvider.GetRequiredService<AddStaffAccount>().AddAsync(parse.GetValue(handle)!, parse.GetValue(roles) ?? [],
                parse.GetValue(oidc) ? StaffSignIn.OpenIdConnect : StaffSignIn.Password, verb.Actor, ct);
            await verb.Out.WriteLineAsync(EnrolmentUrl(verb, token));
            return VerbExit.Ok;
        });
    }

    private static Command Link(IVerbHost host)
    {
        var handle = HandleArgument();
        var command = new Command("link", "Print a new first-time enrolment link for an account that has not enrolled yet (valid 24 hours, once).") { handle };
        return Verb(host, command, async (verb, parse, ct) =>
        {
            await using var scope = verb.Services.CreateAsyncScope();
            var token = await scope.ServiceProvider.GetRequiredService<AddStaffAccount>().LinkAsync(parse.GetValue(handle)!, verb.Actor, ct);
            await verb.Out.WriteLineAsync(EnrolmentUrl(verb, token));
            return VerbExit.Ok;
        });
    }

    private static Command List(IVerbHost host)
    {
        var json = new Option<bool>("--json") { Description = "Print JSON instead of a table." };
        var command = new Command("list", "List staff accounts: roles, sign-in, status, open sessions.") { json };
        return Verb(host, command, async (verb, parse, ct) =>
        {
            await using var scope = verb.Services.CreateAsyncScope();
            var now = scope.ServiceProvider.GetRequiredService<TimeProvider>().GetUtcNow().UtcDateTime;
            var accounts = await scope.ServiceProvider.GetRequiredService<ManageStaff>().ListAsync(now, ct);
            if (parse.GetValue(json))
            {
                await verb.WriteJsonAsync(accounts.Select(a => new { handle = a.Handle, roles = a.Roles, signIn = a.SignIn == StaffSignIn.Password ? "password+totp" : "oidc", enrolled = a.Enrolled, secondFactor = a.SecondFactor, lockedUntilUtc = a.LockedUntilUtc, openSessions = a.OpenSessions, lastSeenUtc = a.LastSeenUtc }));
                return VerbExit.Ok;
            }

            var table = new VerbTable("handle", "roles", "sign-in", "status", "sessions", "last seen (UTC)");
            foreach (var a in accounts)
            {
                table.Add(a.Handle, string.Join(",", a.Roles), a.SignIn == StaffSignIn.Password ? "password+totp" : "oidc",
                    a.Disabled ? "disabled" : a.LockedUntilUtc is not null ? "locked" : !a.Enrolled ? "not enrolled" : a.SignIn == StaffSignIn.Password && !a.SecondFactor ? "re-enrols authenticator" : "active",
                    a.OpenSessions.ToString(CultureInfo.InvariantCulture), a.LastSeenUtc?.ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture) ?? "-");
            }

            await verb.WriteAsync(table);
            return VerbExit.Ok;
        });
    }

    private static Command ResetSecondFactor(IVerbHost host)
    {
        var handle = HandleArgument();
        var command = new Command("reset-second-factor", "Lost authenticator: remove the TOTP secret and recovery codes and end the sessions; the person enrols again at the next sign-in.") { handle };
        return Verb(host, command, TakesAway, async (verb, parse, ct) =>
        {
            await using var scope = verb.Services.CreateAsyncScope();
            await scope.ServiceProvider.GetRequiredService<ManageStaff>().ResetSecondFactorAsync(parse.GetValue(handle)!, verb.Actor, ct);
            await verb.Error.WriteLineAsync("Second factor reset; the person sets up an authenticator at the next sign-in.");
            return VerbExit.Ok;
        });
    }

    private static Command Reset(IVerbHost host)
    {
        var handle = HandleArgument();
        var command = new Command("reset", "Lost password: remove password, authenticator and recovery codes, end the sessions; prints a new enrolment link.") { handle };
        return Verb(host, command, TakesAway, async (verb, parse, ct) =>
        {
            await using var scope = verb.Services.CreateAsyncScope();
            var token = await scope.ServiceProvider.GetRequiredService<ManageStaff>().ResetAllAsync(parse.GetValue(handle)!, verb.Actor, ct);
            await verb.Out.WriteLineAsync(EnrolmentUrl(verb, token));
            return VerbExit.Ok;
        });
    }

    private static Command Disable(IVerbHost host)
    {
        var handle = HandleArgument();
        var command = new Command("disable", "Someone who left: the account can no longer sign in, its sessions end and its enrolment links stop working.") { handle };
        return Verb(host, command, TakesAway, async (verb, parse, ct) =>
        {
            await using var scope = verb.Services.CreateAsyncScope();
            await scope.ServiceProvider.GetRequiredService<ManageStaff>().DisableAsync(parse.GetValue(handle)!, verb.Actor, ct);
            await verb.Error.WriteLineAsync("Disabled.");
            return VerbExit.Ok;
        });
    }

    private static Command Unlock(IVerbHost host)
    {
        var handle = HandleArgument();
        var command = new Command("unlock", "Lift the temporary lock after too many wrong passwords or codes.") { handle };
        return Verb(host, command, async (verb, parse, ct) =>
        {
            await using var scope = verb.Services.CreateAsyncScope();
            await scope.ServiceProvider.GetRequiredService<ManageStaff>().UnlockAsync(parse.GetValue(handle)!, verb.Actor, ct);
            await verb.Error.WriteLineAsync("Unlocked.");
            return VerbExit.Ok;
        });
    }

    private static Command EndSessions(IVerbHost host)
    {
        var handle = HandleArgument();
        var command = new Command("end-sessions", "End a staff member's sessions: their cookies stop working at once.") { handle };
        return Verb(host, command, TakesAway, async (verb, parse, ct) =>
        {
            await using var scope = verb.Services.CreateAsyncScope();
            var ended = await scope.ServiceProvider.GetRequiredService<ManageStaff>().EndSessionsAsync(parse.GetValue(handle)!, verb.Actor, ct);
            await verb.Error.WriteLineAsync(string.Create(CultureInfo.InvariantCulture, $"{ended} session(s) ended."));
            return VerbExit.Ok;
        });
    }

    private static Command EndEveryonesSessions(IVerbHost host)
    {
        var command = new Command("end-all-sessions", "End every session of every person, sellers and staff alike (after a suspected compromise): everyone signs in again.");
        return Verb(host, command, TakesAway, async (verb, parse, ct) =>
        {
            await using var scope = verb.Services.CreateAsyncScope();
            var ended = await scope.ServiceProvider.GetRequiredService<ManageStaff>().EndEveryonesSessionsAsync(null, verb.Actor, ct);
            await verb.Error.WriteLineAsync(string.Create(CultureInfo.InvariantCulture, $"{ended} session(s) ended."));
            return VerbExit.Ok;
        });
    }

    private static Argument<string> HandleArgument() => new("handle") { Description = "Staff handle, e.g. ops.anna (lower-case letters, digits, . - _)." };

    /// <summary>The verb takes something away from a person: it runs only with <c>--confirm</c>.</summary>
    private const bool TakesAway = true;

    private static Command Verb(IVerbHost host, Command command, Func<VerbContext, ParseResult, CancellationToken, Task<int>> run) =>
        Verb(host, command, takesAway: false, run);

    private static Command Verb(IVerbHost host, Command command, bool takesAway, Func<VerbContext, ParseResult, CancellationToken, Task<int>> run)
    {
        var confirm = new Option<bool>("--confirm") { Description = "Yes, do it (the verb takes something away)." };
        if (takesAway)
        {
            command.Options.Add(confirm);
        }

        command.TreatUnmatchedTokensAsErrors = false;
        command.SetAction((parse, ct) => host.RunAsync(Module, [.. parse.UnmatchedTokens], async (verb, cancellationToken) =>
        {
            if (takesAway && !parse.GetValue(confirm))
            {
                await verb.Error.WriteLineAsync("This takes something away from a person; run it again with --confirm.");
                return VerbExit.UsageError;
            }

            try
            {
                return await run(verb, parse, cancellationToken);
            }
            catch (StaffInputException e)
            {
                await verb.Error.WriteLineAsync(e.Message);
                return VerbExit.UsageError;
            }
        }, VerbNeeds.None, ct));
        return command;
    }

    private static string EnrolmentUrl(VerbContext verb, string token) =>
        verb.Services.GetRequiredService<IPublicLinks>().Link("/account/enrol/" + token);
}
