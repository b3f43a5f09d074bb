using Custodian.Modules.Guidance.Programmes;
using Custodian.Modules.Guidance.Sections;
using Custodian.Privacy.Abstractions.Audit;
using Custodian.Privacy.Abstractions.Protection;
using Microsoft.EntityFrameworkCore;

namespace Custodian.Modules.Guidance.Clients;

internal sealed record BasicData(string FirstName, string LastName, DateOnly? BirthDate, string Hetu, string? Address, string? Phone, string? Email, string? Gender = null, string? Education = null);

internal sealed record EntryView(Guid Id, EntryKind Kind, ConsentArea Area, int Version, string Text, DateTime CreatedAtUtc, string CreatedBy, DateTime WrittenAtUtc, string WrittenBy);

/// <summary>One view in the client's access list; <see cref="Role"/> is null for a role this version no longer knows.</summary>
internal sealed record AccessView(DateTime ViewedAtUtc, string Organisation, GuidanceRole? Role, string What);

/// <summary>A client's record as one person may see it: the sections their role reaches, nothing else (null = not shown).</summary>
internal sealed record ClientView(
    Guid Id, ProgrammeRecord Programme, GuidanceRole Role, BasicData Basic, bool EditsBasicData, ConsentView? Consent, bool ConsentShown, bool WritesConsent,
    IReadOnlyList<EntryView>? Assessments, bool WritesAssessments, IReadOnlyList<EntryView>? CoachingEntries, bool WritesCoaching, IReadOnlyList<AccessView>? AccessList,
    IReadOnlySet<ConsentArea> WritableAreas)
{
    /// <summary>When and why the relationship ended; null while it runs.</summary>
    public ClosingView? Closing { get; init; }

    /// <summary>Whether the person may end the relationship now.</summary>
    public bool Closes { get; init; }

    /// <summary>The stamp of the stored basic data the edit form sends back (see <see cref="EditBasicData"/>).</summary>
    public string BasicStamp { get; init; } = string.Empty;
}

internal sealed record ClosingView(DateOnly EndedOn, string Reason);

/// <summary>The whole record page: the record and every further section the role sees (null = not shown).</summary>
internal sealed record ClientPageView(
    ClientView Record, IReadOnlyList<Messages.QuestionSetView>? QuestionSets, Statements.StatementsSection? Statements, Plan.PlanSection? Plan,
    Attachments.AttachmentsSection? Attachments, Appointments.AppointmentsSection? Appointments);

/// <summary>
/// Opens a client's record for a person: tenancy first (404 for a client out of reach), then each section the role's
/// cells allow, the sending organisation's only in the areas the client shares with it. Every view is an entry in the
/// kernel's hash-chained audit log (who, what, in which role) and in the client's access trail (organisation and role),
/// both in one commit; the record is returned only once that commit is durable.
/// </summary>
internal sealed class OpenClientRecord(
    GuidanceDb db, ClientScope scope, WrittenConsents consents, IPersonalDataVault vault, IAuditLog audit, IAccessTrail trail,
    Messages.QuestionSets questionSets, Statements.ReadStatements statements, Plan.PlanItems plan, Attachments.ClientAttachments attachments, Appointments.ClientAppointments appointments)
{
    public async Task<ClientView> OpenAsync(string account, Guid clientId, CancellationToken cancellationToken) =>
        await OpenAsync(await scope.FindAsync(account, clientId, cancellationToken), logged: true, sections: null, cancellationToken);

    /// <summary><paramref name="logged"/> false only for the benchmark that measures what the access log costs.</summary>
    internal async Task<ClientView> OpenAsync(string account, Guid clientId, bool logged, CancellationToken cancellationToken) =>
        await OpenAsync(await scope.FindAsync(account, clientId, cancellationToken), logged, sections: null, cancellationToken);

    /// <summary>The record page: the record and its further sections, reached once and logged as one view (one audit append).</summary>
    public async Task<ClientPageView> OpenPageAsync(string account, Guid clientId, CancellationToken cancellationToken)
    {
        var reached = await scope.FindAsync(account, clientId, cancellationToken);
        ClientPageView? page = null;
        var record = await OpenAsync(reached, logged: true, async (view, consent) => page = new ClientPageView(
            view,
            await questionSets.ForClientAsync(reached, cancellationToken),
            await statements.ReadAsync(reached, consent, cancellationToken),
            await plan.ReadAsync(reached, consent, cancellationToken),
            await attachments.ReadAsync(reached, consent?.Areas ?? new HashSet<ConsentArea>(), cancellationToken),
            await appointments.ReadAsync(reached, cancellationToken)), cancellationToken);
        return page ?? throw new InvalidOperationException("The record page was not read.");
    }

    /// <param name="sections">Reads the record page's further sections; they are then named in the same logged view.</param>
    private async Task<ClientView> OpenAsync(ReachableClient reached, bool logged, Func<ClientView, ConsentView?, Task>? sections, CancellationToken cancellationToken)
    {
        // Read before this view is logged, so the list never depends on how far the log's commit has come.
        IReadOnlyList<AccessView>? accessList = AccessMatrix.CanRead(reached.Access(RecordSection.AccessList))
            ? await AccessListAsync(reached.Client, AccessListShown, cancellationToken)
            : null;

        // What the role will see follows from its cells alone, so the log's commit runs while the sections are read.
        var log = logged ? audit.AppendAsync([.. Viewed(reached, wholePage: sections is not null).Select(what => GuidanceAudit.View(reached, what))], cancellationToken) : Task.CompletedTask;
        ClientView view;
        try
        {
            var consent = await consents.CurrentAsync(reached.Client.Id, cancellationToken);
            view = await ReadAsync(reached, accessList, consent, cancellationToken);
            if (sections is not null)
            {
                await sections(view, consent);
            }
        }
        catch
        {
            // The view stays logged as attempted; the log's own failure must not hide why the read failed.
            await log.ContinueWith(static _ => { }, CancellationToken.None, TaskContinuationOptions.None, TaskScheduler.Default);
            throw;
        }

        await log;
        return view;
    }

    /// <summary>The record page lists the latest views; the client's access package lists them all.</summary>
    public const int AccessListShown = 50;

    /// <summary>Who viewed the client's record, newest first: organisations and roles, as the client's access package lists them.</summary>
    public async Task<IReadOnlyList<AccessView>> AccessListAsync(ClientRecord client, int? newest, CancellationToken cancellationToken) =>
        [.. (await trail.ForSubjectAsync(client.SubjectId, newest, cancellationToken))
            .Select(v => new AccessView(v.ViewedAtUtc, v.Organisation, GuidanceRoles.Parse(v.Role), v.What))];

    private static List<string> Viewed(ReachableClient reached, bool wholePage)
    {
        var viewed = new List<string> { "basic data" };
        if (AccessMatrix.CanRead(reached.Access(RecordSection.Consent)))
        {
            viewed.Add("consent");
        }

        if (AccessMatrix.CanRead(reached.Access(RecordSection.Assessments)))
        {
            viewed.Add("assessments");
        }

        if (AccessMatrix.CanRead(reached.Access(RecordSection.CoachingEntries)))
        {
            viewed.Add("coaching entries");
        }

        if (AccessMatrix.CanRead(reached.Access(RecordSection.Messages)))
        {
            viewed.Add("messages");
        }

        if (wholePage)
        {
            foreach (var (section, what) in (IReadOnlyList<(RecordSection, string)>)
                     [(RecordSection.Statements, Statements.ReadStatements.What), (RecordSection.Goals, Plan.PlanItems.What), (RecordSection.Attachments, Attachments.ClientAttachments.What), (RecordSection.Appointments, Appointments.ClientAppointments.What)])
            {
                if (AccessMatrix.CanRead(reached.Access(section)))
                {
                    viewed.Add(what);
                }
            }
        }

        return viewed;
    }

    private async Task<ClientView> ReadAsync(ReachableClient reached, IReadOnlyList<AccessView>? accessList, ConsentView? consent, CancellationToken cancellationToken)
    {
        var client = reached.Client;
        var basic = await BasicAsync(client, reached.Access(RecordSection.BasicData) == SectionAccess.Write, cancellationToken);
        var consentShown = AccessMatrix.CanRead(reached.Access(RecordSection.Consent));
        var assessments = await EntriesAsync(reached, EntryKind.Assessment, consent, cancellationToken);
        var coaching = await EntriesAsync(reached, EntryKind.Coaching, consent, cancellationToken);
        return new ClientView(
            client.Id, reached.Programme, reached.Role, basic, reached.Access(RecordSection.BasicData) == SectionAccess.Write,
            consentShown ? consent : null, consentShown, reached.Access(RecordSection.Consent) == SectionAccess.Write,
            assessments, reached.Access(RecordSection.Assessments) == SectionAccess.Write,
            coaching, reached.Access(RecordSection.CoachingEntries) == SectionAccess.Write,
            accessList, consent?.Areas ?? new HashSet<ConsentArea>())
        {
            Closing = client.ClosedAtUtc is { } closed ? new ClosingView(DateOnly.FromDateTime(closed), client.ClosedReason ?? string.Empty) : null,
            Closes = client.ClosedAtUtc is null && AccessMatrix.ClosesClients(reached.Role),
            BasicStamp = EditBasicData.Stamp(client),
        };
    }

    internal async Task<BasicData> BasicAsync(ClientRecord client, bool full, CancellationToken cancellationToken)
    {
        var row = client.Id.ToString("N");
        var hetu = (await vault.OpenAsync(client.Hetu, CreateClient.Field("hetu", row), cancellationToken)).ValueOr(string.Empty);
        return new BasicData(
            (await vault.OpenAsync(client.FirstName, CreateClient.Field("first_name", row), cancellationToken)).ValueOr("[erased]"),
            (await vault.OpenAsync(client.LastName, CreateClient.Field("last_name", row), cancellationToken)).ValueOr("[erased]"),
            (await vault.OpenAsync(client.BirthDate, CreateClient.Field("birth_date", row), cancellationToken)) is { IsErased: false } born ? born.Value : null,
            full || hetu.Length != 11 ? hetu : hetu[..7] + "****",
            client.Address is null ? null : (await vault.OpenAsync(client.Address, CreateClient.Field("address", row), cancellationToken)).ValueOr(string.Empty),
            client.Phone is null ? null : (await vault.OpenAsync(client.Phone, CreateClient.Field("phone", row), cancellationToken)).ValueOr(string.Empty),
            client.Email is null ? null : (await vault.OpenAsync(client.Email, CreateClient.Field("email", row), cancellationToken)).ValueOr(string.Empty),
            client.Gender is null ? null : (await vault.OpenAsync(client.Gender, CreateClient.Field("gender", row), cancellationToken)).ValueOr(string.Empty),
            client.Education is null ? null : (await vault.OpenAsync(client.Education, CreateClient.Field("education", row), cancellationToken)).ValueOr(string.Empty));
    }

    private async Task<IReadOnlyList<EntryView>?> EntriesAsync(ReachableClient reached, EntryKind kind, ConsentView? consent, CancellationToken cancellationToken)
    {
        var access = reached.Access(SectionEntries.SectionOf(kind));
        if (!AccessMatrix.CanRead(access))
        {
            return null;
        }

        var entries = await db.Entries.Where(e => e.ClientId == reached.Client.Id && e.Kind == kind).ToListAsync(cancellationToken);
        if (access == SectionAccess.ReadShared)
        {
            var shared = consent?.SharedAreas ?? new HashSet<ConsentArea>();
            entries = [.. entries.Where(e => shared.Contains(e.Area))];
        }

        var ids = entries.Select(e => e.Id).ToList();
        var versions = await db.EntryVersions.Where(v => ids.Contains(v.EntryId)).ToListAsync(cancellationToken);
        var views = new List<EntryView>();
        foreach (var entry in entries.OrderByDescending(e => e.CreatedAtUtc).ThenByDescending(e => e.Id))
        {
            var newest = versions.Where(v => v.EntryId == entry.Id).MaxBy(v => v.Version)!;
            var text = await vault.OpenAsync((kind == EntryKind.Assessment ? newest.AssessmentText : newest.NoteText)!, SectionEntries.Field(kind, entry.Id, newest.Version), cancellationToken);
            views.Add(new EntryView(entry.Id, kind, entry.Area, entry.Version, text.ValueOr("[erased]"), entry.CreatedAtUtc, entry.CreatedBy, newest.WrittenAtUtc, newest.WrittenBy));
        }

        return views;
    }
}
