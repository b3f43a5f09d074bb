using Custodian.Modules.Training.Cards;
using Custodian.Modules.Training.Reminders;
using Custodian.Privacy.Abstractions.Scheduling;
using Custodian.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using static Custodian.Modules.Training.Tests.StaffWorld;

namespace Custodian.Modules.Training.Tests;

/// <summary>Expiry reminders: mailed through the real SMTP listener the configured days before the last valid day, once per card, never to a restricted trainee.</summary>
public sealed class ReminderTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Theory]
    [InlineData(RecordsProvider.Sqlite)]
    [InlineData(RecordsProvider.Postgres)]
    public async Task A_card_is_reminded_once_from_the_configured_day_before_expiry_with_a_link_to_sessions_of_the_same_card(RecordsProvider records)
    {
        await using var world = await TrainingWorld.StartAsync(records, configure: b => b.WithSetting("Training:Reminders:DaysBefore", "30"));
        var aino = await CardTests.PassedAsync(world);
        await world.Use<IssueCard, IssuedCard>(c => c.IssueAsync(Registrar, aino.EnrolmentId, Ct)); // valid until 13.12.2031
        var clock = world.Host.SettableClock;

        clock.Set(new DateTimeOffset(2031, 11, 12, 21, 0, 0, TimeSpan.Zero)); // 12.11.2031 23.00 in Helsinki: 31 days before
        var early = await world.Use<SendExpiryReminders, int>(r => r.RemindAsync(Ct));
        clock.Set(new DateTimeOffset(2031, 11, 12, 22, 30, 0, TimeSpan.Zero)); // 13.11.2031 0.30 in Helsinki: 30 days before
        var due = await world.Use<SendExpiryReminders, int>(r => r.RemindAsync(Ct));
        var again = await world.Use<SendExpiryReminders, int>(r => r.RemindAsync(Ct));

        Assert.Equal((0, 1, 0), (early, due, again));
        var mail = Assert.Single(world.Mails("aino@example.fi"));
        Assert.Contains("voimassa 13.12.2031 asti", mail, StringComparison.Ordinal);
        Assert.Contains("/training?card=tyoturvallisuuskortti", mail, StringComparison.Ordinal);
        Assert.Contains(await world.AuditAsync(aino.Subject), e => e.Action == "training send expiry reminder" && e.Purpose == "expiry-reminders");
    }

    [Fact]
    public async Task A_restricted_trainee_a_revoked_card_and_a_card_that_never_expires_get_no_reminder()
    {
        await using var world = await TrainingWorld.StartAsync();
        var restricted = await CardTests.PassedAsync(world);
        var revoked = await CardTests.PassedAsync(world, "Matti", "Korhonen", Hetu(1, 2, 1990, 123), "matti@example.fi");
        await world.Use<IssueCard, IssuedCard>(c => c.IssueAsync(Registrar, restricted.EnrolmentId, Ct));
        var card = await world.Use<IssueCard, IssuedCard>(c => c.IssueAsync(Registrar, revoked.EnrolmentId, Ct));
        await world.InScopeAsync(async sp =>
        {
            var db = sp.GetRequiredService<TrainingDb>();
            await db.Trainees.Where(t => t.Id == restricted.TraineeId).ExecuteUpdateAsync(u => u.SetProperty(t => t.Restricted, true), Ct);
            await db.Certificates.Where(c => c.Id == card.Id).ExecuteUpdateAsync(u => u.SetProperty(c => c.RevokedAtUtc, TrainingWorld.Start.UtcDateTime), Ct);
        });
        world.Host.SettableClock.Set(new DateTimeOffset(2031, 12, 1, 9, 0, 0, TimeSpan.Zero));

        Assert.Equal(0, await world.Use<SendExpiryReminders, int>(r => r.RemindAsync(Ct)));
        Assert.Empty(world.Mails("aino@example.fi"));
        Assert.Empty(world.Mails("matti@example.fi"));
    }

    [Fact]
    public async Task The_reminder_round_is_scheduled_work_of_the_module()
    {
        await using var world = await TrainingWorld.StartAsync();

        var job = Assert.Single(world.Host.Services.GetServices<IScheduledWork>(), w => w.Name == "training.expiry-reminders");

        Assert.Equal(TimeSpan.FromHours(6), job.Every);
        await job.RunAsync(world.Host.Scope().ServiceProvider, Ct);
        Assert.Equal(0, await world.InScopeAsync(sp => sp.GetRequiredService<TrainingDb>().Certificates.CountAsync(c => c.ReminderSentAtUtc != null, Ct)));
    }
}
