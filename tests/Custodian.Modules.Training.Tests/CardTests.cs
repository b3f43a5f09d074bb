using Custodian.Modules.Training.Attendance;
using Custodian.Modules.Training.Cards;
using Custodian.Modules.Training.Catalogue;
using Custodian.Modules.Training.Exams;
using Custodian.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using static Custodian.Modules.Training.Tests.StaffWorld;

namespace Custodian.Modules.Training.Tests;

/// <summary>Cards: issued by a registrar for a passed exam only, valid for the card type's months, verified publicly by initials.</summary>
public sealed class CardTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    internal static async Task<Person> PassedAsync(TrainingWorld world, string first = "Aino", string last = "Virtanen", string? hetu = null, string email = "aino@example.fi", bool passed = true)
    {
        var person = await world.EnrolAsync(first, last, hetu ?? Hetu(13, 10, 1952, 308), email);
        await world.Use<RecordAttendance>(a => a.RecordAsync(Trainer, person.EnrolmentId, true, Ct));
        await world.Use<RecordExamResult, Guid>(x => x.RecordAsync(Trainer, person.EnrolmentId, passed, "45/50", null, Ct));
        return person;
    }

    [Theory]
    [InlineData(RecordsProvider.Sqlite)]
    [InlineData(RecordsProvider.Postgres)]
    public async Task A_card_for_a_passed_exam_is_valid_five_years_to_the_day_before_and_the_public_check_shows_only_initials(RecordsProvider records)
    {
        await using var world = await TrainingWorld.StartAsync(records);
        var aino = await PassedAsync(world);

        var card = await world.Use<IssueCard, IssuedCard>(c => c.IssueAsync(Registrar, aino.EnrolmentId, Ct));
        var verified = await world.Use<VerifyCard, CardVerification?>(v => v.VerifyAsync(card.VerificationCode.ToLowerInvariant().Replace("-", " ", StringComparison.Ordinal), Ct));

        Assert.Equal((new DateOnly(2026, 12, 14), new DateOnly(2031, 12, 13), "TK-2026-000001"), (card.IssuedOn, card.ValidUntil!.Value, card.CertificateNumber));
        Assert.Equal(new CardVerification("A. V.", "Työturvallisuuskortti", "Occupational safety card", new DateOnly(2031, 12, 13), CardStanding.Valid), verified);
        Assert.Null(await world.Use<VerifyCard, CardVerification?>(v => v.VerifyAsync("0000-0000-0000", Ct)));
        Assert.Contains(await world.AuditAsync(aino.Subject), e => e.Action == "training issue card" && e.Actor == "account:" + TrainingWorld.Registrar);
    }

    [Fact]
    public async Task No_card_for_a_failed_exam_none_twice_and_none_by_a_trainer()
    {
        await using var world = await TrainingWorld.StartAsync();
        var failed = await PassedAsync(world, passed: false);
        var passed = await PassedAsync(world, "Matti", "Korhonen", Hetu(1, 2, 1990, 123), "matti@example.fi");

        var forFailed = await Assert.ThrowsAsync<TrainingInputException>(() => world.Use<IssueCard, IssuedCard>(c => c.IssueAsync(Registrar, failed.EnrolmentId, Ct)));
        await Assert.ThrowsAsync<TrainingNotFoundException>(() => world.Use<IssueCard, IssuedCard>(c => c.IssueAsync(Trainer, passed.EnrolmentId, Ct)));
        await world.Use<IssueCard, IssuedCard>(c => c.IssueAsync(Registrar, passed.EnrolmentId, Ct));
        var twice = await Assert.ThrowsAsync<TrainingInputException>(() => world.Use<IssueCard, IssuedCard>(c => c.IssueAsync(Registrar, passed.EnrolmentId, Ct)));

        Assert.Equal(("A card is issued only for a passed exam.", "A card was issued for this course already."), (forFailed.Message, twice.Message));
        Assert.Equal(1, await world.InScopeAsync(sp => sp.GetRequiredService<TrainingDb>().Certificates.CountAsync(Ct)));
    }

    [Theory]
    [InlineData(RecordsProvider.Sqlite)]
    [InlineData(RecordsProvider.Postgres)]
    public async Task A_changed_validity_applies_to_cards_issued_after_it_and_an_expired_or_revoked_card_says_so(RecordsProvider records)
    {
        await using var world = await TrainingWorld.StartAsync(records);
        var aino = await PassedAsync(world);
        var matti = await PassedAsync(world, "Matti", "Korhonen", Hetu(1, 2, 1990, 123), "matti@example.fi");
        var first = await world.Use<IssueCard, IssuedCard>(c => c.IssueAsync(Registrar, aino.EnrolmentId, Ct));

        await world.Use<EditCardType>(e => e.SetValidityAsync(Registrar, "tyoturvallisuuskortti", 36, Ct));
        var second = await world.Use<IssueCard, IssuedCard>(c => c.IssueAsync(Registrar, matti.EnrolmentId, Ct));
        await world.Use<RevokeCard>(r => r.RevokeAsync(Registrar, matti.EnrolmentId, "exam-annulled", Ct));
        world.Host.SettableClock.Set(new DateTimeOffset(2032, 1, 1, 12, 0, 0, TimeSpan.Zero));

        Assert.Equal((new DateOnly(2031, 12, 13), new DateOnly(2029, 12, 13), "TK-2026-000002"), (first.ValidUntil!.Value, second.ValidUntil!.Value, second.CertificateNumber));
        Assert.Equal(CardStanding.Expired, (await world.Use<VerifyCard, CardVerification?>(v => v.VerifyAsync(first.VerificationCode, Ct)))!.Standing);
        Assert.Equal(CardStanding.Revoked, (await world.Use<VerifyCard, CardVerification?>(v => v.VerifyAsync(second.VerificationCode, Ct)))!.Standing);
        var bad = await Assert.ThrowsAsync<TrainingInputException>(() => world.Use<EditCardType>(e => e.SetValidityAsync(Registrar, "tyoturvallisuuskortti", 0, Ct)));
        Assert.Equal("validityMonths", bad.Field);
    }

    [Theory]
    [InlineData(RecordsProvider.Sqlite)]
    [InlineData(RecordsProvider.Postgres)]
    public async Task A_registrar_revokes_a_card_once_with_a_reason_from_the_list_a_trainer_cannot_and_no_reminder_goes_out_for_it(RecordsProvider records)
    {
        await using var world = await TrainingWorld.StartAsync(records);
        var aino = await PassedAsync(world);
        var card = await world.Use<IssueCard, IssuedCard>(c => c.IssueAsync(Registrar, aino.EnrolmentId, Ct));
        var matti = await PassedAsync(world, "Matti", "Korhonen", Hetu(1, 2, 1990, 123), "matti@example.fi");

        await Assert.ThrowsAsync<TrainingNotFoundException>(() => world.Use<RevokeCard>(r => r.RevokeAsync(Trainer, aino.EnrolmentId, "issued-in-error", Ct)));
        var free = await Assert.ThrowsAsync<TrainingInputException>(() => world.Use<RevokeCard>(r => r.RevokeAsync(Registrar, aino.EnrolmentId, "she cheated", Ct)));
        var none = await Assert.ThrowsAsync<TrainingInputException>(() => world.Use<RevokeCard>(r => r.RevokeAsync(Registrar, matti.EnrolmentId, "issued-in-error", Ct)));
        Assert.Equal(CardStanding.Valid, (await world.Use<VerifyCard, CardVerification?>(v => v.VerifyAsync(card.VerificationCode, Ct)))!.Standing);
        await world.Use<IssueCard, IssuedCard>(c => c.IssueAsync(Registrar, matti.EnrolmentId, Ct));

        await world.Use<RevokeCard>(r => r.RevokeAsync(Registrar, aino.EnrolmentId, "issued-in-error", Ct));
        var twice = await Assert.ThrowsAsync<TrainingInputException>(() => world.Use<RevokeCard>(r => r.RevokeAsync(Registrar, aino.EnrolmentId, "replaced", Ct)));

        Assert.Equal(("reason", "No card was issued for this course.", "The card was revoked already."), (free.Field, none.Message, twice.Message));
        Assert.Equal(CardStanding.Revoked, (await world.Use<VerifyCard, CardVerification?>(v => v.VerifyAsync(card.VerificationCode, Ct)))!.Standing);
        var stored = await world.InScopeAsync(sp => sp.GetRequiredService<TrainingDb>().Certificates.AsNoTracking().SingleAsync(c => c.Id == card.Id, Ct));
        Assert.Equal(("issued-in-error", TrainingWorld.Registrar, TrainingWorld.Start.UtcDateTime), (stored.RevocationReason, stored.RevokedBy, stored.RevokedAtUtc!.Value));
        Assert.Contains(await world.AuditAsync(aino.Subject), e => e.Action == "training revoke card" && e.Actor == "account:" + TrainingWorld.Registrar);

        // Near the expiry day only Matti's card is reminded of; Aino's revoked one is not.
        world.Host.SettableClock.Set(new DateTimeOffset(2031, 12, 1, 9, 0, 0, TimeSpan.Zero));
        var (ainoBefore, mattiBefore) = (world.Host.Mail.To("aino@example.fi").Count, world.Host.Mail.To("matti@example.fi").Count);
        Assert.Equal(1, await world.Use<Reminders.SendExpiryReminders, int>(s => s.RemindAsync(Ct)));
        Assert.Equal((ainoBefore, mattiBefore + 1), (world.Host.Mail.To("aino@example.fi").Count, world.Host.Mail.To("matti@example.fi").Count));
    }
}
