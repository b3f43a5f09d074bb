using System.Security.Cryptography;
using System.Text;
using Custodian.Privacy.Abstractions.Consent;
using Custodian.Privacy.Abstractions.Protection;
using Custodian.Privacy.Audit;
using Microsoft.Extensions.DependencyInjection;

namespace Custodian.Privacy.Tests.Consent;

public sealed class ConsentLedgerTests
{
    /// <summary>Moves one microsecond per reading: events land in the same millisecond but in a definite order.</summary>
    private sealed class SteppingClock(DateTimeOffset start) : TimeProvider
    {
        private long _ticks = start.UtcTicks;

        public override DateTimeOffset GetUtcNow() => new(Interlocked.Add(ref _ticks, 10), TimeSpan.Zero);
    }

    private static readonly ConsentPurpose Marketing = new("training", "marketing");
    private static readonly ConsentEvidence Form = new(ConsentChannel.WebForm, "enrolment-form-42");

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Theory]
    [InlineData(Engine.Sqlite)]
    [InlineData(Engine.Postgres)]
    public async Task Withdrawal_takes_effect_at_once_and_the_history_keeps_both_events(Engine engine)
    {
        await using var host = await KernelHost.StartAsync(engine);
        await using var scope = host.Scope();
        var ledger = scope.ServiceProvider.GetRequiredService<IConsentLedger>();
        var subject = SubjectId.New();
        const string notice = "Custodian Koulutus Oy may send me course offers by e-mail.";

        var given = await ledger.GiveAsync(subject, Marketing, notice, Form, Ct);
        Assert.True(await ledger.HasConsentAsync(subject, Marketing, Ct));
        await ledger.WithdrawAsync(subject, Marketing, new ConsentEvidence(ConsentChannel.Email, "unsubscribe-link"), Ct);

        Assert.False(await ledger.HasConsentAsync(subject, Marketing, Ct));
        Assert.Equal(Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(notice))), given.NoticeHash);
        var history = await ledger.HistoryAsync(subject, Ct);
        Assert.Equal([true, false], history.Select(e => e.Given));
        Assert.Equal([ConsentChannel.WebForm, ConsentChannel.Email], history.Select(e => e.Evidence.Channel));
        var state = Assert.Single(await ledger.CurrentAsync(subject, Ct));
        Assert.False(state.Given);
        Assert.Equal(given.NoticeHash, state.NoticeHash);
    }

    [Fact]
    public async Task Rapid_give_and_withdraw_in_the_same_millisecond_end_withdrawn()
    {
        var clock = new SteppingClock(new DateTimeOffset(2026, 11, 23, 12, 0, 0, TimeSpan.Zero));
        await using var host = await KernelHost.StartAsync(Engine.Sqlite, clock);
        await using var scope = host.Scope();
        var ledger = scope.ServiceProvider.GetRequiredService<IConsentLedger>();

        for (var round = 0; round < 20; round++)
        {
            var subject = SubjectId.New();
            await ledger.GiveAsync(subject, Marketing, "offers", Form, Ct);
            Assert.True(await ledger.HasConsentAsync(subject, Marketing, Ct));
            await ledger.WithdrawAsync(subject, Marketing, Form, Ct);
            Assert.False(await ledger.HasConsentAsync(subject, Marketing, Ct));
        }
    }

    [Fact]
    public async Task Another_subjects_consent_is_not_affected()
    {
        await using var host = await KernelHost.StartAsync(Engine.Sqlite);
        await using var scope = host.Scope();
        var ledger = scope.ServiceProvider.GetRequiredService<IConsentLedger>();
        var anna = SubjectId.New();
        var pekka = SubjectId.New();
        await ledger.GiveAsync(anna, Marketing, "offers", Form, Ct);
        await ledger.GiveAsync(pekka, Marketing, "offers", Form, Ct);

        Assert.True(await ledger.HasConsentAsync(anna, Marketing, Ct));

        await ledger.WithdrawAsync(anna, Marketing, Form, Ct);

        Assert.False(await ledger.HasConsentAsync(anna, Marketing, Ct));
        Assert.True(await ledger.HasConsentAsync(pekka, Marketing, Ct));
    }

    [Theory]
    [InlineData("training", "course-delivery", "is based on gdpr-6-1-b, not on consent")]
    [InlineData("training", "horoscopes", "is not a declared purpose")]
    [InlineData("nowhere", "marketing", "is not a declared purpose")]
    public async Task Consent_is_only_recorded_for_declared_purposes_based_on_consent(string register, string purpose, string reason)
    {
        await using var host = await KernelHost.StartAsync(Engine.Sqlite);
        await using var scope = host.Scope();

        var error = await Assert.ThrowsAsync<ArgumentException>(() =>
            scope.ServiceProvider.GetRequiredService<IConsentLedger>().GiveAsync(SubjectId.New(), new ConsentPurpose(register, purpose), "text", Form, Ct));

        Assert.Contains(reason, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Giving_and_withdrawing_are_audited_with_the_pseudonymous_subject()
    {
        await using var host = await KernelHost.StartAsync(Engine.Sqlite);
        await using var scope = host.Scope();
        var subject = SubjectId.New();
        var ledger = scope.ServiceProvider.GetRequiredService<IConsentLedger>();
        await ledger.GiveAsync(subject, Marketing, "offers", Form, Ct);
        await ledger.WithdrawAsync(subject, Marketing, Form, Ct);

        var entries = await scope.ServiceProvider.GetRequiredService<AuditReader>().ReadAsync(1, subject.ToString(), Ct);

        Assert.Equal(["consent.give", "consent.withdraw"], entries.Select(e => e.Action));
        Assert.All(entries, e => Assert.Equal((subject.ToString(), "training", "marketing", "system"), (e.Subject, e.Register, e.Purpose, e.Actor)));
        Assert.True((await scope.ServiceProvider.GetRequiredService<AuditVerifier>().VerifyAsync(null, Ct)).Intact);
    }
}
