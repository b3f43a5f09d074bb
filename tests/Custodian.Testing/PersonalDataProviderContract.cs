using Custodian.Privacy.Abstractions.Protection;
using Custodian.Privacy.Abstractions.Requests;
using Xunit;

namespace Custodian.Testing;

/// <summary>A subject a fixture created, and what the contract may expect of it.</summary>
/// <param name="Identifiers">Blind-indexed identifiers the subject's records carry (at least one).</param>
/// <param name="RecordCount">How many records the provider holds for the subject in the register.</param>
/// <param name="Held">
/// Whether some records are under a legal hold (erasure must keep and report them). False for a subject seeded with a
/// hold asked for only where the register has no grounds for holds; the contract then checks that the provider reports
/// none and erases every record, so a fixture should still seed the records a hold would concern.
/// </param>
/// <param name="Correctable">A record and declared field the provider lets a subject correct, or null if it has none.</param>
public sealed record SeededSubject(SubjectId Subject, IReadOnlyList<SubjectIdentifier> Identifiers, int RecordCount, bool Held, (RecordRef Record, string Field)? Correctable);

/// <summary>A running provider on real storage, able to create subjects with records.</summary>
public interface IProviderFixture : IAsyncDisposable
{
    IPersonalDataProvider Provider { get; }

    string Register { get; }

    /// <summary>The vault of the host the provider runs in (to check what erasure leaves readable).</summary>
    IPersonalDataVault Vault { get; }

    /// <summary>
    /// Creates a subject with records; with <paramref name="withHold"/>, some of them are under a legal hold — when the
    /// register has grounds for holds at all (the seeded subject says whether it is <see cref="SeededSubject.Held"/>).
    /// </summary>
    Task<SeededSubject> SeedSubjectAsync(bool withHold, CancellationToken cancellationToken);
}

/// <summary>
/// The promises every <see cref="IPersonalDataProvider"/> keeps, as tests. A module's test project derives from this
/// class and supplies its fixture; the kernel's own provider passes the same suite.
/// </summary>
public abstract class PersonalDataProviderContract
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    protected abstract Task<IProviderFixture> StartAsync();

    [Fact]
    public async Task Export_returns_the_subjects_records_and_nobody_elses()
    {
        await using var fixture = await StartAsync();
        var anna = await fixture.SeedSubjectAsync(withHold: true, Ct);
        var pekka = await fixture.SeedSubjectAsync(withHold: true, Ct);

        var exported = await fixture.Provider.ExportAsync(anna.Subject, fixture.Register, Ct);

        Assert.Equal(anna.RecordCount, exported.Count);
        Assert.All(exported, r => Assert.Equal(fixture.Register, r.Record.Register));
        Assert.All(exported, r => Assert.NotEmpty(r.Fields));
        var pekkasIds = (await fixture.Provider.ExportAsync(pekka.Subject, fixture.Register, Ct)).Select(r => r.Record.RecordId).ToHashSet();
        Assert.DoesNotContain(exported, r => pekkasIds.Contains(r.Record.RecordId));
    }

    [Fact]
    public async Task A_subject_is_found_by_the_blind_index_of_an_identifier()
    {
        await using var fixture = await StartAsync();
        var anna = await fixture.SeedSubjectAsync(withHold: true, Ct);
        await fixture.SeedSubjectAsync(withHold: true, Ct);

        Assert.NotEmpty(anna.Identifiers);
        var found = await fixture.Provider.FindSubjectsAsync(anna.Identifiers, Ct);

        Assert.Equal([anna.Subject], found);
    }

    [Fact]
    public async Task After_erasure_without_holds_nothing_of_the_subject_is_left()
    {
        await using var fixture = await StartAsync();
        var anna = await fixture.SeedSubjectAsync(withHold: false, Ct);
        var pekka = await fixture.SeedSubjectAsync(withHold: false, Ct);

        var result = await fixture.Provider.EraseAsync(anna.Subject, fixture.Register, Ct);

        Assert.Empty(result.Held);
        Assert.Equal(anna.RecordCount, result.Erased + result.Anonymised);
        Assert.Empty(await fixture.Provider.ExportAsync(anna.Subject, fixture.Register, Ct));
        Assert.Equal(pekka.RecordCount, (await fixture.Provider.ExportAsync(pekka.Subject, fixture.Register, Ct)).Count);
    }

    [Fact]
    public async Task Erasure_keeps_held_records_restricted_and_says_why()
    {
        await using var fixture = await StartAsync();
        var anna = await fixture.SeedSubjectAsync(withHold: true, Ct);
        var holds = await fixture.Provider.HoldsAsync(anna.Subject, fixture.Register, Ct);

        var result = await fixture.Provider.EraseAsync(anna.Subject, fixture.Register, Ct);

        if (!anna.Held)
        {
            // A register without grounds for holds: nothing may be kept back, so every record goes.
            Assert.Empty(holds);
            Assert.Empty(result.Held);
            Assert.Equal(anna.RecordCount, result.Erased + result.Anonymised);
            Assert.Empty(await fixture.Provider.ExportAsync(anna.Subject, fixture.Register, Ct));
            return;
        }

        Assert.NotEmpty(holds);
        Assert.Equal(holds.Select(h => h.Record).Order(RecordOrder.Instance), result.Held.Select(h => h.Record).Order(RecordOrder.Instance));
        Assert.All(result.Held, h => Assert.False(string.IsNullOrWhiteSpace(h.Explanation)));
        var left = await fixture.Provider.ExportAsync(anna.Subject, fixture.Register, Ct);
        Assert.NotEmpty(left);
        Assert.All(left, r => Assert.Contains(result.Held, h => h.Record == r.Record));
        Assert.All(left, r => Assert.True(r.Restricted, $"{r.Record} is held but not restricted"));
    }

    [Fact]
    public async Task Erasure_leaves_the_subjects_key_to_the_kernel()
    {
        await using var fixture = await StartAsync();
        var anna = await fixture.SeedSubjectAsync(withHold: false, Ct);
        var probe = new FieldAddress("contract_probe", "value", anna.Subject.ToString());
        var sealedProbe = await fixture.Vault.SealAsync(KeyScope.Subject(anna.Subject), probe, "still readable", Ct);

        await fixture.Provider.EraseAsync(anna.Subject, fixture.Register, Ct);

        // The subject key may still guard the same person's records in other registers: only the kernel, which has
        // asked every provider, destroys it (IPersonalDataProvider remarks).
        var opened = await fixture.Vault.OpenAsync(sealedProbe, probe, Ct);
        Assert.False(opened.IsErased, "the provider destroyed the subject's key itself");
        Assert.Equal("still readable", opened.Value);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(5000)]
    public async Task Holds_asked_for_many_subjects_at_once_are_the_holds_of_each(int strangers)
    {
        await using var fixture = await StartAsync();
        var anna = await fixture.SeedSubjectAsync(withHold: true, Ct);
        var pekka = await fixture.SeedSubjectAsync(withHold: false, Ct);
        var asked = new List<SubjectId> { anna.Subject, pekka.Subject };
        asked.AddRange(Enumerable.Range(0, strangers).Select(_ => new SubjectId(Guid.NewGuid())));

        var together = await fixture.Provider.HoldsAsync(asked, fixture.Register, Ct);

        var each = (await fixture.Provider.HoldsAsync(anna.Subject, fixture.Register, Ct)).Concat(await fixture.Provider.HoldsAsync(pekka.Subject, fixture.Register, Ct));
        Assert.Equal(anna.Held, together.Count > 0);
        Assert.Equal(each.Select(h => h.Record).Order(RecordOrder.Instance), together.Select(h => h.Record).Order(RecordOrder.Instance));
    }

    [Fact]
    public async Task Restriction_marks_every_record_and_can_be_lifted()
    {
        await using var fixture = await StartAsync();
        var anna = await fixture.SeedSubjectAsync(withHold: true, Ct);

        await fixture.Provider.RestrictAsync(anna.Subject, fixture.Register, true, Ct);
        Assert.All(await fixture.Provider.ExportAsync(anna.Subject, fixture.Register, Ct), r => Assert.True(r.Restricted));

        await fixture.Provider.RestrictAsync(anna.Subject, fixture.Register, false, Ct);
        Assert.All(await fixture.Provider.ExportAsync(anna.Subject, fixture.Register, Ct), r => Assert.False(r.Restricted));
    }

    [Fact]
    public async Task Rectification_changes_only_the_named_field_and_refuses_what_does_not_exist()
    {
        await using var fixture = await StartAsync();
        var anna = await fixture.SeedSubjectAsync(withHold: true, Ct);
        var missing = new RecordRef(fixture.Register, "no-such-type", Guid.NewGuid().ToString("N"));

        if (anna.Correctable is not { } correctable)
        {
            var refused = await fixture.Provider.RectifyAsync(anna.Subject, missing, "any", "x", Ct);
            Assert.NotEqual(RectificationOutcome.Rectified, refused.Outcome);
            Assert.False(string.IsNullOrWhiteSpace(refused.Reason));
            return;
        }

        var result = await fixture.Provider.RectifyAsync(anna.Subject, correctable.Record, correctable.Field, "corrected value", Ct);

        Assert.Equal(RectificationOutcome.Rectified, result.Outcome);
        var record = Assert.Single(await fixture.Provider.ExportAsync(anna.Subject, fixture.Register, Ct), r => r.Record == correctable.Record);
        Assert.Equal("corrected value", Assert.Single(record.Fields, f => f.Name == correctable.Field).Value);
        Assert.Equal(RectificationOutcome.NoSuchRecord, (await fixture.Provider.RectifyAsync(anna.Subject, missing, correctable.Field, "x", Ct)).Outcome);
        Assert.Equal(RectificationOutcome.NoSuchField, (await fixture.Provider.RectifyAsync(anna.Subject, correctable.Record, "no_such_field", "x", Ct)).Outcome);
    }

    private sealed class RecordOrder : IComparer<RecordRef>
    {
        public static readonly RecordOrder Instance = new();

        public int Compare(RecordRef? x, RecordRef? y) => string.CompareOrdinal(x?.ToString(), y?.ToString());
    }
}
