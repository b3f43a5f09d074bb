using Custodian.Privacy.Breaches;
using Custodian.Privacy.Declarations;
using Custodian.Privacy.Requests;
using Custodian.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace Custodian.Privacy.Tests.Breaches;

public sealed class BreachRegisterTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 23, 12, 0, 0, TimeSpan.Zero);

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Theory]
    [InlineData(Engine.Sqlite)]
    [InlineData(Engine.Postgres)]
    public async Task A_breach_touching_both_laws_runs_the_72_hour_gdpr_clock_and_the_24_and_72_hour_rkn_clocks(Engine engine)
    {
        await using var world = await KernelWorld.StartAsync(engine, Now, withTraining: false);
        var detected = Now.UtcDateTime.AddHours(-2);

        var breach = await world.Get<BreachRegister>().RecordAsync(Report(detected, ["training", "marketplace-sellers"], ["contact"]), Ct);

        var clocks = world.Get<BreachRegister>().Clocks(breach);
        Assert.Equal(
            [(BreachNotice.GdprAuthority, detected.AddHours(72)), (BreachNotice.RknInitial, detected.AddHours(24)), (BreachNotice.RknInvestigation, detected.AddHours(72))],
            clocks.Select(c => (c.Notice, c.DueAtUtc)));
        world.Clock.Advance(TimeSpan.FromHours(20));
        await world.Get<BreachRegister>().MarkNotifiedAsync(breach.Reference, BreachNotice.RknInitial, Ct);
        world.Clock.Advance(TimeSpan.FromHours(53));
        var after = world.Get<BreachRegister>().Clocks(await world.Get<BreachRegister>().FindAsync(breach.Reference, Ct));
        Assert.False(after.Single(c => c.Notice == BreachNotice.RknInitial).OverdueAt(world.Clock.GetUtcNow().UtcDateTime));
        Assert.True(after.Single(c => c.Notice == BreachNotice.GdprAuthority).OverdueAt(world.Clock.GetUtcNow().UtcDateTime));
        var timeline = await world.Get<BreachRegister>().TimelineAsync(breach, Ct);
        Assert.Equal(2, timeline.Count);
        Assert.StartsWith("Recorded. Clocks: GdprAuthority due", timeline[0].Note, StringComparison.Ordinal);
        Assert.Equal("RknInitial notification sent.", timeline[1].Note);
    }

    [Fact]
    public async Task The_drafts_carry_what_each_authority_asks_for()
    {
        await using var world = await KernelWorld.StartAsync(Engine.Sqlite, Now, withTraining: false);
        var breach = await world.Get<BreachRegister>().RecordAsync(Report(Now.UtcDateTime.AddHours(-1), ["training", "marketplace-sellers"], ["contact"]) with { HighRiskToSubjects = true }, Ct);

        var drafts = BreachDrafts.Build(breach, world.Get<RegisterCatalog>(), world.Get<BreachRegister>().Clocks(breach));

        Assert.Equal([BreachNotice.GdprAuthority, BreachNotice.GdprSubjects, BreachNotice.RknInitial, BreachNotice.RknInvestigation], drafts.Select(d => d.Notice));
        var dpo = drafts[0].Fields.ToDictionary(f => f.Label, f => f.Text);
        Assert.Equal("1,200", dpo["Approximate number of data subjects"]);
        Assert.Equal("dpo@custodian.example.fi", dpo["Contact point (DPO)"]);
        Assert.Contains("E-mail address and phone number. (contact)", dpo["Categories of personal data"], StringComparison.Ordinal);
        var rkn = drafts[2].Fields.ToDictionary(f => f.Label, f => f.Text);
        Assert.Equal("ru", drafts[2].Language);
        Assert.Equal("ООО «Кастодиан Аналитика», ИНН 7709123453, КПП 770901001, ОГРН 1177746123455, 125009, г. Москва, ул. Тверская, д. 1", rkn["Оператор"]);
        Assert.Contains("Подтверждённый адрес электронной почты.", rkn["Категории персональных данных"], StringComparison.Ordinal);
    }

    [Fact]
    public async Task No_authority_clock_when_the_breach_is_unlikely_to_result_in_a_risk()
    {
        await using var world = await KernelWorld.StartAsync(Engine.Sqlite, Now, withTraining: false);

        var breach = await world.Get<BreachRegister>().RecordAsync(Report(Now.UtcDateTime, ["training"], ["contact"]) with { NoRiskReason = "The lost laptop's disk was encrypted and the key was not with it." }, Ct);

        Assert.Empty(world.Get<BreachRegister>().Clocks(breach));
        await Assert.ThrowsAsync<RequestRefusedException>(() => world.Get<BreachRegister>().MarkNotifiedAsync(breach.Reference, BreachNotice.GdprAuthority, Ct));
    }

    [Theory]
    [InlineData("registers", "There is no register 'nowhere'.")]
    [InlineData("categories", "'horoscopes' is not a data category of the registers named.")]
    [InlineData("nature", "Describe what happened (nature of the breach).")]
    [InlineData("detectedAt", "The breach cannot be detected in the future, or occur after it was detected.")]
    public async Task A_report_with_a_gap_is_refused_naming_the_field(string field, string message)
    {
        await using var world = await KernelWorld.StartAsync(Engine.Sqlite, Now, withTraining: false);
        var report = Report(Now.UtcDateTime, ["training"], ["contact"]);
        report = field switch
        {
            "registers" => report with { Registers = ["nowhere"] },
            "categories" => report with { Categories = ["horoscopes"] },
            "nature" => report with { Nature = " " },
            _ => report with { DetectedAtUtc = Now.UtcDateTime.AddHours(1) },
        };

        var refused = await Assert.ThrowsAsync<RequestRefusedException>(() => world.Get<BreachRegister>().RecordAsync(report, Ct));

        Assert.Equal((field, message), (refused.Field, refused.Message));
    }

    private static BreachReport Report(DateTime detected, string[] registers, string[] categories) =>
        new(detected, detected.AddHours(-5), "A support mailbox export was sent to a wrong recipient.", registers, categories, 1200, 1500,
            "Unwanted messages; phishing attempts using the leaked addresses.", "The recipient confirmed deletion; mailbox exports now need two people.", "Warn the people concerned about phishing.", false, null);
}
