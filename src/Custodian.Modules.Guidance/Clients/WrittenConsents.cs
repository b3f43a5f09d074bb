using System.Globalization;
using Custodian.Modules.Guidance.Programmes;
using Custodian.Privacy.Abstractions.Audit;
using Custodian.Privacy.Abstractions.Protection;
using Microsoft.EntityFrameworkCore;

namespace Custodian.Modules.Guidance.Clients;

/// <summary>The consent in force: what it covers, what it shares with the sending organisation, and the signed form.</summary>
internal sealed record ConsentView(IReadOnlySet<ConsentArea> Areas, IReadOnlySet<ConsentArea> SharedAreas, string DocumentReference, DateOnly SignedOn, string NoticeVersion, DateTime RecordedAtUtc, bool LastWasWithdrawal);

/// <summary>
/// The client's written consent: recorded from the signed form before anything beyond basic data is stored, and
/// withdrawn area by area. Each change adds a row; the newest is in force, so a withdrawal stops new entries at once.
/// </summary>
internal sealed class WrittenConsents(GuidanceDb db, ClientScope scope, IPersonalDataVault vault, IAuditLog audit, TimeProvider clock)
{
    public sealed record Request(IReadOnlyList<string> Areas, IReadOnlyList<string> SharedAreas, string? DocumentReference, string? SignedOn, string? NoticeVersion);

    public async Task RecordAsync(string account, Guid clientId, Request request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var reached = await scope.FindAsync(account, clientId, cancellationToken);
        Require(reached, RecordSection.Consent);
        var areas = Parse(request.Areas);
        var shared = Parse(request.SharedAreas);
        if (areas.Count == 0)
        {
            throw new GuidanceInputException("Choose at least one area the client consented to.");
        }

        if (!shared.IsSubsetOf(areas))
        {
            throw new GuidanceInputException("Only areas the client consented to can be shared with the sending organisation.");
        }

        var reference = ManageProgrammes.Text(request.DocumentReference, 200, "Enter the signed form's reference (the scan's archive number or the e-signature id, at most 200 characters).");
        if (!DateOnly.TryParseExact(request.SignedOn?.Trim(), "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var signedOn))
        {
            throw new GuidanceInputException("Enter the date the form was signed (a date in the calendar).");
        }

        var today = DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime);
        if (signedOn > today.AddDays(1) || signedOn < today.AddYears(-5))
        {
            throw new GuidanceInputException("The signing date must be within the last five years and not in the future.");
        }

        var notice = ManageProgrammes.Text(request.NoticeVersion, 40, "Enter the version of the privacy notice the client was given (at most 40 characters).");
        await AddAsync(reached, account, areas, shared, reference, signedOn, notice, withdrawal: false, cancellationToken);
    }

    /// <summary>Withdraws the consent for these areas (and their sharing) from now on; entries already written follow the declared retention.</summary>
    public async Task WithdrawAsync(string account, Guid clientId, IReadOnlyList<string> areas, CancellationToken cancellationToken)
    {
        var reached = await scope.FindAsync(account, clientId, cancellationToken);
        Require(reached, RecordSection.Consent);
        var withdrawn = Parse(areas);
        var current = await LatestAsync(clientId, cancellationToken);
        if (current is null || withdrawn.Count == 0)
        {
            throw new GuidanceInputException("Choose the areas the client withdraws consent for.");
        }

        var remaining = ConsentAreas.Split(current.Areas).Except(withdrawn).ToHashSet();
        var shared = ConsentAreas.Split(current.SharedAreas).Intersect(remaining).ToHashSet();
        var reference = await vault.OpenAsync(current.DocumentReference, Field(current.Id), cancellationToken);
        await AddAsync(reached, account, remaining, shared, reference.ValueOr(string.Empty), current.SignedOn, current.NoticeVersion, withdrawal: true, cancellationToken);
    }

    /// <summary>
    /// The client withdraws consent for these areas themselves, signed in with strong identification (the caller has
    /// matched the client to the person). Allowed on a closed relationship too: withdrawal only ever stops processing.
    /// </summary>
    public async Task WithdrawByClientAsync(string sessionAccount, ClientRecord client, string register, IReadOnlyList<string> areas, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(client);
        var withdrawn = Parse(areas);
        var current = await LatestAsync(client.Id, cancellationToken);
        if (current is null || withdrawn.Count == 0 || !withdrawn.IsSubsetOf(ConsentAreas.Split(current.Areas)))
        {
            throw new GuidanceInputException("Choose the areas you withdraw your consent for.");
        }

        var remaining = ConsentAreas.Split(current.Areas).Except(withdrawn).ToHashSet();
        var shared = ConsentAreas.Split(current.SharedAreas).Intersect(remaining).ToHashSet();
        var reference = await vault.OpenAsync(current.DocumentReference, Field(current.Id), cancellationToken);
        await AddAsync(client, register, sessionAccount, "client", remaining, shared, reference.ValueOr(string.Empty), current.SignedOn, current.NoticeVersion, withdrawal: true, cancellationToken);
    }

    public async Task<ConsentView?> CurrentAsync(Guid clientId, CancellationToken cancellationToken)
    {
        var latest = await LatestAsync(clientId, cancellationToken);
        if (latest is null)
        {
            return null;
        }

        var reference = await vault.OpenAsync(latest.DocumentReference, Field(latest.Id), cancellationToken);
        return new ConsentView(ConsentAreas.Split(latest.Areas), ConsentAreas.Split(latest.SharedAreas), reference.ValueOr(string.Empty), latest.SignedOn, latest.NoticeVersion, latest.RecordedAtUtc, latest.Withdrawal);
    }

    /// <summary>The areas the consent in force covers (none before a consent is recorded).</summary>
    public async Task<IReadOnlySet<ConsentArea>> AreasAsync(Guid clientId, CancellationToken cancellationToken) =>
        ConsentAreas.Split((await LatestAsync(clientId, cancellationToken))?.Areas);

    private Task<WrittenConsentRecord?> LatestAsync(Guid clientId, CancellationToken cancellationToken) =>
        db.Consents.Where(c => c.ClientId == clientId).OrderByDescending(c => c.Sequence).FirstOrDefaultAsync(cancellationToken);

    private Task AddAsync(ReachableClient reached, string account, IReadOnlySet<ConsentArea> areas, IReadOnlySet<ConsentArea> shared, string reference, DateOnly signedOn, string notice, bool withdrawal, CancellationToken cancellationToken) =>
        AddAsync(reached.Client, reached.Programme.Register, account, GuidanceRoles.Key(reached.Role), areas, shared, reference, signedOn, notice, withdrawal, cancellationToken);

    private async Task AddAsync(ClientRecord client, string register, string account, string role, IReadOnlySet<ConsentArea> areas, IReadOnlySet<ConsentArea> shared, string reference, DateOnly signedOn, string notice, bool withdrawal, CancellationToken cancellationToken)
    {
        var id = Guid.CreateVersion7();
        var sequence = await db.Consents.Where(c => c.ClientId == client.Id).Select(c => (int?)c.Sequence).MaxAsync(cancellationToken) ?? 0;
        db.Consents.Add(new WrittenConsentRecord
        {
            Id = id,
            ClientId = client.Id,
            Sequence = sequence + 1,
            Areas = ConsentAreas.Join(areas),
            SharedAreas = ConsentAreas.Join(shared),
            DocumentReference = await vault.SealAsync(KeyScope.Subject(client.SubjectId), Field(id), reference, cancellationToken),
            SignedOn = signedOn,
            NoticeVersion = notice,
            Withdrawal = withdrawal,
            RecordedAtUtc = clock.GetUtcNow().UtcDateTime,
            RecordedBy = account,
        });
        await db.SaveChangesAsync(cancellationToken);
        await audit.AppendAsync(new AuditEvent(GuidanceAudit.Actor(account), (withdrawal ? "guidance withdraw consent as " : "guidance record consent as ") + role, client.SubjectId, register, GuidanceAudit.Purpose), cancellationToken);
    }

    private static FieldAddress Field(Guid id) => new(WrittenConsentRecord.Table, "consent_document_reference", id.ToString("N"));

    private static HashSet<ConsentArea> Parse(IReadOnlyList<string>? keys)
    {
        var areas = new HashSet<ConsentArea>();
        foreach (var key in keys ?? [])
        {
            areas.Add(ConsentAreas.Parse(key) ?? throw new GuidanceInputException("Choose areas from the list."));
        }

        return areas;
    }

    internal static void Require(ReachableClient reached, RecordSection section)
    {
        CloseClient.RequireOpen(reached);
        if (reached.Access(section) != SectionAccess.Write)
        {
            throw new GuidanceInputException("Your role in this programme does not let you change this part of the record.");
        }
    }
}
