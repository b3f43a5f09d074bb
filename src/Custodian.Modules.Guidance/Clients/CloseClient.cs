using System.Globalization;
using Custodian.Modules.Guidance.Programmes;
using Custodian.Privacy.Abstractions.Audit;

namespace Custodian.Modules.Guidance.Clients;

/// <summary>Why a client relationship ended, by key, and the words on screen (translated; never the key).</summary>
internal static class ClosingReasons
{
    public static readonly IReadOnlyList<string> All = ["goals-reached", "moved", "referred-elsewhere", "client-withdrew", "programme-ended", "other"];

    public static string Label(string? key) => key switch
    {
        "goals-reached" => "Goals reached",
        "moved" => "Moved away",
        "referred-elsewhere" => "Referred to another service",
        "client-withdrew" => "The client ended the service",
        "programme-ended" => "The commissioned service ended",
        "other" => "Other reason",
        _ => "—",
    };
}

/// <summary>
/// Ends a client relationship (the coach, the team lead or the programme's administrator): the end date is the
/// retention trigger (<c>case-closed</c>) the registers declare, so the sweep counts the declared period from it; after
/// closing nothing new is written in the record. A date in the future or before the client was taken on is refused.
/// </summary>
internal sealed class CloseClient(GuidanceDb db, ClientScope scope, IAuditLog audit, TimeProvider clock)
{
    public async Task CloseAsync(string account, Guid clientId, string? endDate, string? reason, CancellationToken cancellationToken)
    {
        var reached = await scope.FindAsync(account, clientId, cancellationToken);
        if (!AccessMatrix.ClosesClients(reached.Role))
        {
            throw new GuidanceInputException("Your role in this programme does not let you close a client relationship.");
        }

        RequireOpen(reached);
        if (!DateOnly.TryParseExact(endDate?.Trim(), "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var day))
        {
            throw new GuidanceInputException("Give the end date of the client relationship (YYYY-MM-DD).");
        }

        var why = reason?.Trim();
        if (why is null || !ClosingReasons.All.Contains(why))
        {
            throw new GuidanceInputException("Choose why the client relationship ends.");
        }

        var now = clock.GetUtcNow().UtcDateTime;
        var ended = day.ToDateTime(TimeOnly.MinValue, DateTimeKind.Utc);
        if (day > DateOnly.FromDateTime(now))
        {
            throw new GuidanceInputException("The end date cannot be in the future: close the relationship on the day it ends or later.");
        }

        if (day < DateOnly.FromDateTime(reached.Client.CreatedAtUtc))
        {
            throw new GuidanceInputException("The end date cannot be before the client was taken on.");
        }

        reached.Client.ClosedAtUtc = ended;
        reached.Client.ClosedReason = why;
        reached.Client.ClosedBy = account;
        await db.SaveChangesAsync(cancellationToken);
        await audit.AppendAsync(GuidanceAudit.Event(reached, $"close client relationship ({why})"), cancellationToken);
    }

    /// <summary>Refuses any new writing in a closed client's record.</summary>
    public static void RequireOpen(ReachableClient reached)
    {
        if (reached.Client.ClosedAtUtc is not null)
        {
            throw new GuidanceInputException("The client relationship is closed: nothing new can be written in the record.");
        }
    }
}
